package io.mysqlflinkcdc.connect.engine;

import java.net.URL;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.apache.flink.configuration.Configuration;

/**
 * The configuration of the in-process Flink mini-cluster that runs one task's CDC job. Every
 * choice here answers a trap measured when Flink first ran inside a Connect worker
 * (docs/design.md, "Engine").
 */
final class FlinkConfigurations {

    private static final String LOOPBACK = "127.0.0.1";
    private static final String PEKKO_EXIT_ON_FATAL_ERROR = "pekko.jvm-exit-on-fatal-error";

    private FlinkConfigurations() {
    }

    static Configuration miniCluster(int slots, Path tmpDir, URL connectorJar) {
        Map<String, String> options = new HashMap<>();
        // Nothing of the embedded cluster may be reachable from outside the worker's host.
        options.put("rest.address", LOOPBACK);
        options.put("rest.bind-address", LOOPBACK);
        options.put("rest.bind-port", "0");
        options.put("jobmanager.rpc.address", LOOPBACK);
        options.put("jobmanager.bind-host", LOOPBACK);
        options.put("taskmanager.host", LOOPBACK);
        options.put("taskmanager.bind-host", LOOPBACK);
        // Flink's scratch files (blobs) in one folder that stop() deletes; the RPC jar is SharedRpcSystem's.
        options.put("io.tmp.dirs", tmpDir.toString());
        options.put("blob.storage.directory", tmpDir.resolve("blobs").toString());
        // Job classes must resolve through the plugin class loader, not the worker's system class
        // loader: the connector jar as user classpath, parent-first, so the job shares our classes.
        options.put("pipeline.classpaths", connectorJar.toString());
        options.put("classloader.resolve-order", "parent-first");
        options.put("classloader.check-leaked-classloader", "false");
        // Flink's own ways of ending the JVM on a fatal error: off; the rest is FlinkExitGuard's job.
        options.put(PEKKO_EXIT_ON_FATAL_ERROR, "false");
        options.put("taskmanager.jvm-exit-on-oom", "false");
        // A failed job must fail the Connect task, not restart forever behind a RUNNING task.
        options.put("restart-strategy.type", "none");
        options.put("taskmanager.numberOfTaskSlots", Integer.toString(slots));
        // The job is one chained source -> hand-over: no shuffles, no managed state.
        options.put("taskmanager.memory.network.min", "8m");
        options.put("taskmanager.memory.network.max", "8m");
        options.put("taskmanager.memory.managed.size", "0");
        options.put("cluster.io-pool.size", "2");
        options.put("metrics.reporters", "");
        return Configuration.fromMap(options);
    }

    /** An RPC service started outside a cluster (the warm-up's): like a cluster's, it never ends the JVM. */
    static Configuration standaloneRpcService() {
        return Configuration.fromMap(Map.of(PEKKO_EXIT_ON_FATAL_ERROR, "false"));
    }
}
