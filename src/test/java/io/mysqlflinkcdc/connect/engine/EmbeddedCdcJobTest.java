package io.mysqlflinkcdc.connect.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.apache.flink.api.connector.source.lib.NumberSequenceSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The embedded job itself, with a plain Flink source in place of Flink CDC's. */
class EmbeddedCdcJobTest {

    /**
     * Issue 14, item 2: a paused connector (or a producer blocked on Kafka) stops draining the
     * hand-over, the job's task blocks in the sink, and no checkpoint can complete. Parallel jobs
     * checkpoint (Flink CDC needs one to reach the binlog), and an expired checkpoint used to fail
     * the job (Flink tolerates none by default) 10 minutes into a pause.
     */
    @Test
    @Timeout(120)
    void aPauseLongerThanTheCheckpointTimeoutDoesNotFailTheJob() throws Exception {
        long count = 5_000;
        RecordHandover<Long> handover = new RecordHandover<>(16);
        EmbeddedCdcJob<Long> job = EmbeddedCdcJob.start("pause-test", new NumberSequenceSource(1, count), 2,
                new EmbeddedCdcJob.Checkpointing(Duration.ofMillis(100), Duration.ofMillis(500)), handover);
        try {
            // The pause: nothing drains the full hand-over for ten checkpoint timeouts.
            Thread.sleep(5_000);
            assertEquals(0, handover.remainingCapacity(), "the job waited on the full hand-over");
            Set<Long> received = new HashSet<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            RecordHandover.End end = null;
            while (end == null && System.nanoTime() < deadline) {
                received.addAll(handover.drain(1_000, 50));
                end = handover.end();
            }
            assertInstanceOf(RecordHandover.End.Finished.class, end, "the job ended as " + end);
            assertEquals(count, received.size());
            assertTrue(received.contains(1L) && received.contains(count));
        } finally {
            job.close(Duration.ofSeconds(30));
        }
    }

    /**
     * Every cluster borrows one RPC system (SharedRpcSystem) instead of copying Flink's Pekko jar
     * and loading Pekko anew at each start. A cluster's close must leave the shared system (and
     * its one jar) to the next cluster; a change in how MiniCluster takes its RPC system fails here.
     */
    @Test
    @Timeout(120)
    void clustersBorrowOneRpcSystemThatOutlivesEachOfThem() throws Exception {
        for (int run = 1; run <= 2; run++) {
            RecordHandover<Long> handover = new RecordHandover<>(16);
            EmbeddedCdcJob<Long> job = EmbeddedCdcJob.start("shared-rpc-" + run, new NumberSequenceSource(1, 20), 1,
                    EmbeddedCdcJob.Checkpointing.every(Duration.ofSeconds(1)), handover);
            Set<Long> received = new HashSet<>();
            try {
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (handover.end() == null && System.nanoTime() < deadline) {
                    received.addAll(handover.drain(100, 50));
                }
                received.addAll(handover.drain(100, 0));
                assertInstanceOf(RecordHandover.End.Finished.class, handover.end(), "run " + run);
            } finally {
                job.close(Duration.ofSeconds(30));
            }
            assertEquals(20, received.size(), "run " + run);
            java.io.File[] jars = SharedRpcSystem.folder().listFiles((dir, name) -> name.startsWith("flink-rpc"));
            assertEquals(1, jars == null ? 0 : jars.length,
                    "after cluster " + run + " closed, the shared RPC system's jar is still there, and only one");
        }
    }

    /**
     * Issue 14, item 6: Connect waits 5 s for a stopping task, then may start its next instance
     * while the previous one's mini-cluster still shuts down (up to engine.shutdown.timeout.ms). Two
     * clusters of one task would run two binlog clients with the same server id, and the server
     * drops one of them; so a job waits for the previous cluster of the same name to be gone.
     */
    @Test
    @Timeout(120)
    void aJobWaitsUntilThePreviousClusterOfTheSameTaskIsGone() throws Exception {
        CompletableFuture<Void> previousStopped = ClusterShutdowns.begin("restart-test");
        CompletableFuture<EmbeddedCdcJob<Long>> next = CompletableFuture.supplyAsync(() -> {
            try {
                return EmbeddedCdcJob.start("restart-test", new NumberSequenceSource(1, 10), 1,
                        EmbeddedCdcJob.Checkpointing.every(Duration.ofSeconds(1)), new RecordHandover<>(16));
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        Thread.sleep(3_000);
        assertFalse(next.isDone(), "started while the previous cluster of the task was still shutting down");
        EmbeddedCdcJob<Long> other = EmbeddedCdcJob.start("another-task", new NumberSequenceSource(1, 10), 1,
                EmbeddedCdcJob.Checkpointing.every(Duration.ofSeconds(1)), new RecordHandover<>(16));
        other.close(Duration.ofSeconds(30));
        previousStopped.complete(null);
        next.get(60, TimeUnit.SECONDS).close(Duration.ofSeconds(30));
    }

    @Test
    @Timeout(60)
    void aClusterThatNeverStopsFailsTheNextStartWithWhatToDo() throws Exception {
        CompletableFuture<Void> stuck = ClusterShutdowns.begin("stuck-task");
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> ClusterShutdowns.awaitStopped("stuck-task", Duration.ofMillis(200)));
        assertTrue(failure.getMessage().contains("'stuck-task' has not shut down within")
                && failure.getMessage().contains("restart the worker"), failure.getMessage());
        stuck.complete(null);
        ClusterShutdowns.awaitStopped("stuck-task", Duration.ofMillis(1));
    }
}
