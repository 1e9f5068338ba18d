package io.mysqlflinkcdc.connect.engine;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.runtime.rpc.RpcSystem;
import org.apache.flink.util.FileUtils;
import org.apache.flink.util.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Flink RPC system for every mini-cluster of this plugin in the worker. Loading it copies
 * Flink's 20 MB Pekko jar into a scratch folder and loads Pekko and Scala into a class loader of
 * their own; a {@code MiniCluster} built the usual way does that at every start, and throws the
 * loaded (and JIT-compiled) classes away at every stop. Each cluster still starts its own RPC
 * services (actor systems); only the factory is shared (docs/design.md, "Engine").
 */
final class SharedRpcSystem {

    private static final Logger LOG = LoggerFactory.getLogger(SharedRpcSystem.class);

    private static RpcSystem shared;
    private static Path folder;

    private SharedRpcSystem() {
    }

    /** The shared system, loaded on first use; a cluster given it never closes it. */
    static synchronized Reference<RpcSystem> borrow() throws IOException {
        if (shared == null) {
            Path scratch = Files.createTempDirectory("mysql-flink-cdc-rpc-");
            Configuration conf = new Configuration();
            conf.set(CoreOptions.TMP_DIRS, scratch.toString());
            long started = System.nanoTime();
            try {
                shared = RpcSystem.load(conf);
            } catch (RuntimeException | Error e) {
                FileUtils.deleteDirectoryQuietly(scratch.toFile());
                throw e;
            }
            folder = scratch;
            // The jar stays open in the class loader for the worker's lifetime; delete it when the worker exits.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> FileUtils.deleteDirectoryQuietly(scratch.toFile()),
                    "mysql-flink-cdc-rpc-cleanup"));
            LOG.debug("Loaded Flink's RPC system for the embedded clusters in {} ms",
                    (System.nanoTime() - started) / 1_000_000);
        }
        return Reference.borrowed(shared);
    }

    /** The scratch folder of the loaded system (its Pekko jar), or null before the first cluster. */
    static synchronized File folder() {
        return folder == null ? null : folder.toFile();
    }
}
