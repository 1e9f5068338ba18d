package io.mysqlflinkcdc.connect.engine;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per job name (one per connector task and worker), the shutdown of its last embedded cluster.
 * Connect starts a task's next instance once the previous one took 5 s to stop, while that one's
 * cluster may still be shutting down (up to engine.shutdown.timeout.ms, or longer); two clusters
 * of one task would read the binlog with the same server ids, and the server drops one of the two
 * connections. A new cluster therefore waits for the previous one to be gone.
 */
final class ClusterShutdowns {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterShutdowns.class);
    private static final ConcurrentMap<String, CompletableFuture<Void>> STOPPING = new ConcurrentHashMap<>();

    private ClusterShutdowns() {
    }

    /** Marks the cluster of {@code jobName} as shutting down until the returned future completes. */
    static CompletableFuture<Void> begin(String jobName) {
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        STOPPING.put(jobName, stopped);
        stopped.whenComplete((ignored, error) -> STOPPING.remove(jobName, stopped));
        return stopped;
    }

    /** Waits until no cluster of {@code jobName} is shutting down any more. */
    static void awaitStopped(String jobName, Duration max) throws InterruptedException {
        CompletableFuture<Void> previous = STOPPING.get(jobName);
        if (previous == null || previous.isDone()) {
            return;
        }
        LOG.info("Waiting for the previous embedded Flink cluster of '{}' to shut down before starting a new one",
                jobName);
        try {
            previous.get(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("The previous embedded Flink cluster of '" + jobName + "' has not shut "
                    + "down within " + max.toSeconds() + " s; a second one would read the binlog with the same "
                    + "server ids. Restart the task once the worker log says that cluster stopped, or restart the "
                    + "worker.", e);
        } catch (ExecutionException e) {
            // Its shutdown failed, but it is over.
            LOG.debug("The previous embedded Flink cluster of '{}' shut down with {}", jobName, e.getCause().toString());
        }
    }
}
