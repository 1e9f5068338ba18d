package io.mysqlflinkcdc.connect.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FilePermission;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.security.FlinkSecurityManager;
import org.apache.flink.util.concurrent.ExecutorThreadFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.mysqlflinkcdc.connect.errors.EngineFatalError;

/**
 * Issue 14, item 4(a): nothing in the embedded job may end the worker's JVM. A failure of these
 * tests can also show as the test JVM exiting ("The forked VM terminated without properly saying
 * goodbye"), which is the very thing they guard against.
 */
class FlinkExitGuardTest {

    private static final String FATAL_THREAD = "simulated-fatal";

    @BeforeAll
    static void guard() {
        // CI and the README's test command run on Java 17, where the guard can be installed.
        assertEquals(FlinkExitGuard.State.GUARDING, FlinkExitGuard.install(), "Java " + Runtime.version());
    }

    @Test
    void flinksOwnProcessExitIsRefused() {
        // What FatalExitExceptionHandler calls after logging an uncaught error: without the guard
        // this ends the test JVM (System.setSecurityManager(null), then System.exit(-17)).
        assertThrows(SecurityException.class, () -> FlinkSecurityManager.forceProcessExit(-17));
        assertThrows(SecurityException.class, () -> flinkFrameAsks(new RuntimePermission("exitVM.-1")));
        assertInstanceOf(FlinkExitGuard.class, System.getSecurityManager(), "still installed");
    }

    @Test
    void everythingElseIsGranted() {
        SecurityManager guard = System.getSecurityManager();
        // The worker's own exit (no Flink frame on the stack) stays possible...
        guard.checkPermission(new RuntimePermission("exitVM.0"));
        guard.checkExit(1);
        // ...and Flink code keeps every other permission.
        flinkFrameAsks(new FilePermission("/tmp/x", "read,write,delete"));
        flinkFrameAsks(new RuntimePermission("createClassLoader"));
        assertFalse(FlinkExitGuard.isExitRequest(new RuntimePermission("modifyThread")));
    }

    /**
     * An uncaught error in a thread of Flink's standard thread factory, the path that exited the
     * worker in the measured OutOfMemoryError runs: the job of that thread fails with an error that
     * says what happened; a second job in the same JVM keeps delivering.
     */
    @Test
    @Timeout(120)
    void aFatalErrorInAFlinkThreadFailsItsJobAndNeitherTheJvmNorAnotherJob() throws Exception {
        RecordHandover<Long> bystanderHandover = new RecordHandover<>(64);
        RecordHandover<Long> failingHandover = new RecordHandover<>(64);
        EmbeddedCdcJob.Checkpointing checkpointing = EmbeddedCdcJob.Checkpointing.every(Duration.ofSeconds(1));
        try (EmbeddedCdcJob<Long> bystander = EmbeddedCdcJob.start("bystander",
                new NumberSequenceSource(1, Long.MAX_VALUE), 1, checkpointing, bystanderHandover);
             EmbeddedCdcJob<Long> failing = EmbeddedCdcJob.start("failing",
                     new FatalThreadSource(), 1, checkpointing, failingHandover)) {
            RecordHandover.End end = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (end == null && System.nanoTime() < deadline) {
                failingHandover.drain(1_000, 50);
                bystanderHandover.drain(1_000, 0);
                end = failingHandover.end();
            }
            RecordHandover.End.Failed failed = assertInstanceOf(RecordHandover.End.Failed.class, end, "ended as " + end);
            EngineFatalError error = assertInstanceOf(EngineFatalError.class, failed.cause());
            assertTrue(error.getMessage().contains("thread '" + FATAL_THREAD), error.getMessage());
            assertTrue(error.getMessage().contains("refused"), error.getMessage());

            long before = lastOf(bystanderHandover);
            Thread.sleep(1_000);
            long after = lastOf(bystanderHandover);
            assertTrue(after > before, "the other job delivers on: " + before + " then " + after);
            assertNull(bystanderHandover.end(), "the other job did not end");
        }
    }

    private static long lastOf(RecordHandover<Long> handover) throws InterruptedException {
        List<Long> batch = List.of();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (batch.isEmpty() && System.nanoTime() < deadline) {
            batch = handover.drain(64, 100);
        }
        assertFalse(batch.isEmpty(), "no record within 10 s");
        return batch.get(batch.size() - 1);
    }

    /** Asks for {@code permission} with a Flink class on the stack, as Flink's own code would. */
    private static void flinkFrameAsks(java.security.Permission permission) {
        org.apache.flink.util.function.FunctionUtils.uncheckedConsumer(
                (java.security.Permission p) -> System.getSecurityManager().checkPermission(p)).accept(permission);
    }

    /** Numbers, and once started a thread of Flink's thread factory that dies of an Error. */
    private static final class FatalThreadSource extends NumberSequenceSource {

        FatalThreadSource() {
            super(1, Long.MAX_VALUE);
        }

        @Override
        public SourceReader<Long, NumberSequenceSplit> createReader(SourceReaderContext context) {
            SourceReader<Long, NumberSequenceSplit> numbers = super.createReader(context);
            return new SourceReader<>() {
                @Override
                public void start() {
                    numbers.start();
                    new ExecutorThreadFactory(FATAL_THREAD).newThread(() -> {
                        throw new OutOfMemoryError("simulated: Java heap space");
                    }).start();
                }

                @Override
                public InputStatus pollNext(ReaderOutput<Long> output) throws Exception {
                    return numbers.pollNext(output);
                }

                @Override
                public List<NumberSequenceSplit> snapshotState(long checkpointId) {
                    return numbers.snapshotState(checkpointId);
                }

                @Override
                public CompletableFuture<Void> isAvailable() {
                    return numbers.isAvailable();
                }

                @Override
                public void addSplits(List<NumberSequenceSplit> splits) {
                    numbers.addSplits(splits);
                }

                @Override
                public void notifyNoMoreSplits() {
                    numbers.notifyNoMoreSplits();
                }

                @Override
                public void close() throws Exception {
                    numbers.close();
                }
            };
        }
    }
}
