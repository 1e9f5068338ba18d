package io.mysqlflinkcdc.connect.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;

import org.apache.flink.api.connector.source.lib.NumberSequenceSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.mysqlflinkcdc.connect.errors.ConnectionRetries;

/**
 * The hand-back after a backfill (issue 12): the next main job's cluster starts while the running
 * main job keeps delivering, and the swap then uses it; a restart in between discards it. Real
 * embedded jobs, with plain Flink sources (the main job's: endless; the backfill's: bounded).
 */
class JobSupervisorHandBackTest {

    /** Records each launch and whether it got a cluster started ahead. */
    private static final class RecordingLauncher implements JobSupervisor.Launcher<Long> {
        final List<Boolean> launchedOnStartedCluster = Collections.synchronizedList(new ArrayList<>());
        final List<String> clusterThreads = Collections.synchronizedList(new ArrayList<>());
        boolean backfillPlanned = true;

        @Override
        public CdcJob<Long> launch(RecordHandover<Long> handover, StartedCluster<Long> cluster) {
            launchedOnStartedCluster.add(cluster != null);
            try {
                NumberSequenceSource endless = new NumberSequenceSource(1, Long.MAX_VALUE);
                return cluster != null ? cluster.run(endless, 1, CHECKPOINTING)
                        : EmbeddedCdcJob.start("hand-back-test", endless, 1, CHECKPOINTING, handover);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public StartedCluster<Long> startCluster(RecordHandover<Long> handover) throws Exception {
            clusterThreads.add(Thread.currentThread().getName());
            return StartedCluster.start("hand-back-test", 1, handover);
        }

        @Override
        public Callable<CdcJob<Long>> prepareBackfill(RecordHandover<Long> handover) {
            if (!backfillPlanned) {
                return null;
            }
            backfillPlanned = false;
            return () -> EmbeddedCdcJob.start("hand-back-test backfill", new NumberSequenceSource(-1_000, -1), 1,
                    CHECKPOINTING, handover);
        }
    }

    private static final EmbeddedCdcJob.Checkpointing CHECKPOINTING = EmbeddedCdcJob.Checkpointing.every(
            Duration.ofSeconds(1));

    private static JobSupervisor<Long> supervisor(RecordingLauncher launcher) {
        return new JobSupervisor<>(launcher, new ConnectionRetries(Duration.ofMinutes(1), Duration.ofSeconds(1),
                System::nanoTime), new JobSupervisor.Settings("test:0", 1_000, 1 << 20, 500, Duration.ofMillis(50),
                Duration.ofSeconds(30), () -> false, () -> "the start", running -> {
                }), record -> 8);
    }

    @Test
    @Timeout(120)
    void theNextMainJobRunsOnAClusterStartedWhileTheRunningOneKeptDelivering() throws Exception {
        RecordingLauncher launcher = new RecordingLauncher();
        JobSupervisor<Long> supervisor = supervisor(launcher);
        int registered = HandoverRegistry.size();
        supervisor.start();
        try {
            awaitTheBackfill(supervisor);
            supervisor.handBack();
            // Until the swap, the running main job's records keep coming: same job, numbers go on rising.
            long last = 0;
            int pollsBeforeSwap = 0;
            List<Long> fromNext = new ArrayList<>();
            while (launcher.launchedOnStartedCluster.size() < 2) {
                List<Long> batch = records(supervisor.poll());
                if (launcher.launchedOnStartedCluster.size() == 2) {
                    // The poll that swapped drained the next job's hand-over (already delivering when its cluster was warm).
                    fromNext.addAll(batch);
                } else if (!batch.isEmpty()) {
                    assertTrue(batch.get(0) > last, "the first main job kept delivering in order");
                    last = batch.get(batch.size() - 1);
                    pollsBeforeSwap++;
                }
            }
            assertTrue(pollsBeforeSwap > 0, "records were delivered while the next cluster started");
            assertEquals(List.of(false, true), launcher.launchedOnStartedCluster);
            assertEquals(List.of("mysql-flink-cdc-hand-back"), launcher.clusterThreads);
            // The new main job starts from 1 again (a new source) and is the one delivering now.
            while (fromNext.isEmpty()) {
                fromNext.addAll(records(supervisor.poll()));
            }
            assertEquals(1L, fromNext.get(0));
            assertTrue(fromNext.stream().allMatch(n -> n > 0), "no backfill records after the hand-back");
            // Main job and nothing else: the backfill job and the first main job are gone.
            assertEquals(registered + 1, HandoverRegistry.size());
        } finally {
            supervisor.close();
        }
        assertEquals(registered, HandoverRegistry.size());
    }

    @Test
    @Timeout(120)
    void aRestartDuringTheHandBackDiscardsTheClusterStartedAhead() throws Exception {
        RecordingLauncher launcher = new RecordingLauncher();
        JobSupervisor<Long> supervisor = supervisor(launcher);
        int registered = HandoverRegistry.size();
        supervisor.start();
        try {
            awaitTheBackfill(supervisor);
            supervisor.handBack();
            supervisor.restart();
            assertEquals(List.of(false, false), launcher.launchedOnStartedCluster,
                    "the restart started its own cluster");
            assertEquals(registered + 1, HandoverRegistry.size(), "the cluster started ahead was shut down");
            List<Long> fromRestarted = new ArrayList<>();
            while (fromRestarted.isEmpty()) {
                fromRestarted.addAll(records(supervisor.poll()));
            }
            assertEquals(1L, fromRestarted.get(0), "the restarted main job delivers");
        } finally {
            supervisor.close();
        }
        assertEquals(registered, HandoverRegistry.size());
    }

    @Test
    @Timeout(60)
    void aHandBackWithoutABackfillJobRestarts() {
        RecordingLauncher launcher = new RecordingLauncher();
        launcher.backfillPlanned = false;
        JobSupervisor<Long> supervisor = supervisor(launcher);
        supervisor.start();
        try {
            supervisor.handBack();
            assertEquals(List.of(false, false), launcher.launchedOnStartedCluster);
            assertTrue(launcher.clusterThreads.isEmpty());
        } finally {
            supervisor.close();
        }
    }

    /** The backfill's 1,000 negative numbers arrive beside the main job's positive ones. */
    private static void awaitTheBackfill(JobSupervisor<Long> supervisor) throws InterruptedException {
        long backfillRows = 0;
        while (backfillRows < 1_000) {
            backfillRows += records(supervisor.poll()).stream().filter(n -> n < 0).count();
        }
    }

    private static List<Long> records(JobSupervisor.Poll<Long> poll) {
        assertNotNull(poll);
        assertInstanceOf(JobSupervisor.Poll.Records.class, poll, "a running job");
        return ((JobSupervisor.Poll.Records<Long>) poll).records();
    }
}
