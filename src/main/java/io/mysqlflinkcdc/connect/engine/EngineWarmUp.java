package io.mysqlflinkcdc.connect.engine;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.flink.runtime.rpc.RpcSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.debezium.connector.mysql.antlr.MySqlAntlrDdlParser;
import io.debezium.relational.Tables;

/**
 * Does, once per worker and on a thread of its own, the slow first-time steps on the way to a
 * task's first record that need nothing from the task: Debezium's MySQL DDL parser, whose ANTLR
 * grammar is built at its first parse (0.9–1.6 s measured; Flink CDC's chunk splitter parses each
 * table's CREATE TABLE before it can cut the first chunk), and, for a config whose jobs may run in
 * a mini-cluster, loading Flink's RPC system ({@link SharedRpcSystem}) and starting a first actor
 * system with it. Started when a config is validated (a PUT does that first), when the connector
 * starts and when a task starts, so it runs while the live checks run and the task starts its job
 * (docs/design.md, "Engine").
 */
public final class EngineWarmUp {

    private static final Logger LOG = LoggerFactory.getLogger(EngineWarmUp.class);
    private static final EngineWarmUp WORKER = new EngineWarmUp();

    private final AtomicBoolean parserStarted = new AtomicBoolean();
    private final AtomicBoolean rpcStarted = new AtomicBoolean();

    /** What one call started: the RPC system's warm-up, the DDL parser's, both or neither. */
    record Started(boolean rpc, boolean parser) {
        boolean any() {
            return rpc || parser;
        }
    }

    EngineWarmUp() {
    }

    /**
     * Starts what this worker has not warmed up yet; returns at once, true if it started anything.
     *
     * @param miniCluster whether the config's jobs may run in a mini-cluster (see
     *                    ConnectorConfig#mayRunMiniCluster): only then is the RPC system warmed up,
     *                    which a job without a cluster never loads
     */
    public static boolean startOnce(boolean miniCluster) {
        return WORKER.start(miniCluster).any();
    }

    Started start(boolean miniCluster) {
        Started started = new Started(miniCluster && rpcStarted.compareAndSet(false, true),
                parserStarted.compareAndSet(false, true));
        if (started.any()) {
            Thread thread = new Thread(() -> run(started.rpc(), started.parser()), "mysql-flink-cdc-warm-up");
            thread.setDaemon(true);
            thread.setContextClassLoader(EngineWarmUp.class.getClassLoader());
            thread.start();
        }
        return started;
    }

    static void run(boolean rpc, boolean parser) {
        long started = System.nanoTime();
        try {
            if (rpc) {
                // First the RPC system, which a starting cluster needs first; a task asking meanwhile waits for it.
                RpcSystem rpcSystem = SharedRpcSystem.borrow().deref();
                // Then a first actor system, started and stopped: loading Pekko's classes and reading its
                // configuration took 0.7-0.8 s of a cold cluster's start.
                rpcSystem.localServiceBuilder(FlinkConfigurations.standaloneRpcService())
                        .withComponentName("mysql-flink-cdc-warm-up").createAndStart()
                        .closeAsync().get(30, TimeUnit.SECONDS);
            }
            if (parser) {
                new MySqlAntlrDdlParser().parse("CREATE TABLE warm_up (id INT NOT NULL PRIMARY KEY)", new Tables());
            }
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
