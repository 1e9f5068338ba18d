package io.mysqlflinkcdc.connect.engine;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A job driven without a Flink cluster, with plain Flink sources in place of Flink CDC's. */
class DirectCdcJobTest {

    @Test
    @Timeout(60)
    void aBoundedSourceDeliversEveryRecordThenFinishes() throws Exception {
        long count = 20_000;
        RecordHandover<Long> handover = new RecordHandover<>(64);
        DirectCdcJob<Long> job = DirectCdcJob.start("direct-bounded", new NumberSequenceSource(1, count), handover);
        Set<Long> received = new HashSet<>();
        try {
            while (handover.end() == null) {
                received.addAll(handover.drain(1_000, 50));
            }
            assertInstanceOf(RecordHandover.End.Finished.class, handover.end());
        } finally {
            job.close(Duration.ofSeconds(30));
        }
        assertEquals(count, received.size());
        assertTrue(received.contains(1L) && received.contains(count));
        assertNoThreadsOf("direct-bounded");
    }

    @Test
    @Timeout(60)
    void anEnumeratorThatCannotStartFailsTheJobWithItsCause() throws Exception {
        IllegalStateException cause = new IllegalStateException("server unreachable");
        NumberSequenceSource failing = new NumberSequenceSource(1, 10) {
            @Override
            public SplitEnumerator<NumberSequenceSplit, java.util.Collection<NumberSequenceSplit>> createEnumerator(
                    SplitEnumeratorContext<NumberSequenceSplit> context) {
                throw cause;
            }
        };
        RecordHandover<Long> handover = new RecordHandover<>(64);
        DirectCdcJob<Long> job = DirectCdcJob.start("direct-failing", failing, handover);
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> handover.end() != null);
            RecordHandover.End.Failed failed = assertInstanceOf(RecordHandover.End.Failed.class, handover.end());
            assertSame(cause, failed.cause());
        } finally {
            job.close(Duration.ofSeconds(30));
        }
        assertNoThreadsOf("direct-failing");
    }

    /** A stop while the task does not poll (paused, or a producer blocked on Kafka) must not wait on the full hand-over. */
    @Test
    @Timeout(60)
    void closeStopsAJobWaitingOnAFullHandOver() throws Exception {
        RecordHandover<Long> handover = new RecordHandover<>(16);
        DirectCdcJob<Long> job = DirectCdcJob.start("direct-blocked", new NumberSequenceSource(1, 1_000_000),
                handover);
        await().atMost(Duration.ofSeconds(30)).until(() -> handover.remainingCapacity() == 0);
        long started = System.nanoTime();
        job.close(Duration.ofSeconds(30));
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 10, "closed promptly");
        assertNoThreadsOf("direct-blocked");

        // A second close (Connect may stop a task twice) returns at once and leaves no stop pending
        // that would hold the task's next job.
        long again = System.nanoTime();
        job.close(Duration.ofSeconds(30));
        assertTrue(Duration.ofNanos(System.nanoTime() - again).toMillis() < 1_000, "a second close returns at once");
        RecordHandover<Long> nextHandover = new RecordHandover<>(16);
        long next = System.nanoTime();
        DirectCdcJob<Long> nextJob = DirectCdcJob.start("direct-blocked", new NumberSequenceSource(1, 5), nextHandover);
        try {
            assertTrue(Duration.ofNanos(System.nanoTime() - next).toMillis() < 1_000,
                    "the next job of the task did not wait for a stop");
            List<Long> received = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                received.addAll(nextHandover.drain(16, 50));
                return nextHandover.end() != null;
            });
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L), received);
            assertInstanceOf(RecordHandover.End.Finished.class, nextHandover.end());
        } finally {
            nextJob.close(Duration.ofSeconds(30));
        }
    }

    /** Two jobs of one task must not overlap: they would read the binlog with the same server ids. */
    @Test
    @Timeout(60)
    void aJobWaitsUntilThePreviousJobOfTheSameTaskIsGone() throws Exception {
        var previousStopped = ClusterShutdowns.begin("direct-restart");
        RecordHandover<Long> handover = new RecordHandover<>(64);
        Thread releaser = new Thread(() -> {
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            previousStopped.complete(null);
        });
        releaser.start();
        long started = System.nanoTime();
        DirectCdcJob<Long> job = DirectCdcJob.start("direct-restart", new NumberSequenceSource(1, 10), handover);
        try {
            assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() >= 900,
                    "started only once the previous job was gone");
        } finally {
            job.close(Duration.ofSeconds(30));
        }
    }

    private static void assertNoThreadsOf(String jobName) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertEquals(List.of(), Thread.getAllStackTraces()
                .keySet().stream().map(Thread::getName).filter(name -> name.contains(jobName)).toList()));
    }
}
