package io.mysqlflinkcdc.connect.engine;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.flink.runtime.rpc.RpcSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Does, once per worker and on a thread of its own, the slow first-time step on the way to the
 * first record of a job that runs in a mini-cluster and needs nothing from the task: loading
 * Flink's RPC system ({@link SharedRpcSystem}) and starting a first actor system with it. Started
 * when a config is validated (a PUT does that first), when the connector starts and when a task
 * starts, so it runs while the live checks run and the task starts its job (docs/design.md,
 * "Engine"). Debezium's DDL parser, which it also warmed up before, is no longer on the way to a
 * snapshot's first record (docs/design.md, "Table schemas without the DDL parser").
 */
public final class EngineWarmUp {

    private static final Logger LOG = LoggerFactory.getLogger(EngineWarmUp.class);
    private static final EngineWarmUp WORKER = new EngineWarmUp();

    private final AtomicBoolean rpcStarted = new AtomicBoolean();

    EngineWarmUp() {
    }

    /**
     * Starts the warm-up if this worker has not yet; returns at once, true if it started it.
     *
     * @param miniCluster whether the config's jobs may run in a mini-cluster (see
     *                    ConnectorConfig#mayRunMiniCluster): only then is anything warmed up, since a
     *                    job without a cluster never loads the RPC system
     */
    public static boolean startOnce(boolean miniCluster) {
        return WORKER.start(miniCluster);
    }

    boolean start(boolean miniCluster) {
        if (!miniCluster || !rpcStarted.compareAndSet(false, true)) {
            return false;
        }
        Thread thread = new Thread(EngineWarmUp::run, "mysql-flink-cdc-warm-up");
        thread.setDaemon(true);
        thread.setContextClassLoader(EngineWarmUp.class.getClassLoader());
        thread.start();
        return true;
    }

    static void run() {
        long started = System.nanoTime();
        try {
            // The RPC system, which a starting cluster needs first; a task asking meanwhile waits for it.
            RpcSystem rpcSystem = SharedRpcSystem.borrow().deref();
            // Then a first actor system, started and stopped: loading Pekko's classes and reading its
            // configuration took 0.7-0.8 s of a cold cluster's start.
            rpcSystem.localServiceBuilder(FlinkConfigurations.standaloneRpcService())
                    .withComponentName("mysql-flink-cdc-warm-up").createAndStart()
                    .closeAsync().get(30, TimeUnit.SECONDS);
            LOG.debug("Warmed up the embedded engine in {} ms", (System.nanoTime() - started) / 1_000_000);
        } catch (InterruptedException e) {
            LOG.debug("The embedded engine's warm-up was interrupted");
            Thread.currentThread().interrupt();
        } catch (Exception | LinkageError e) {
            // Nothing depends on it: a task does the same steps itself and reports their failures.
            LOG.info("Could not warm up the embedded engine ahead of the first task, which starts slower: {}",
                    e.toString());
        }
    }
}
