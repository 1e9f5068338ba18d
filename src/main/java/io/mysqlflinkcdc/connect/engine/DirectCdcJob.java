package io.mysqlflinkcdc.connect.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.metrics.groups.SourceReaderMetricGroup;
import org.apache.flink.metrics.groups.SplitEnumeratorMetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.SimpleUserCodeClassLoader;
import org.apache.flink.util.UserCodeClassLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mysqlflinkcdc.connect.errors.EngineFatalError;

/**
 * A job of one reader without a Flink cluster: Flink CDC's split enumerator runs on a coordinator
 * thread and its source reader on a reader thread, talking through Flink's
 * {@link SplitEnumeratorContext} and {@link SourceReaderContext} contracts as a mini-cluster's
 * source coordinator and source task would; the reader's records go straight into the hand-over.
 * A mini-cluster's start cost about 2 s of a fresh worker's first record (docs/design.md,
 * "Direct runner"). Only for jobs of parallelism 1, which never checkpoint: Flink CDC needs
 * completed checkpoints only to move a parallel snapshot to the binlog.
 */
public final class DirectCdcJob<T> implements CdcJob<T> {

    private static final Logger LOG = LoggerFactory.getLogger(DirectCdcJob.class);
    private static final int SUBTASK = 0;
    private static final String HOST = "localhost";
    /** Longest the reader thread sleeps between looks at its mailbox while no record is ready. */
    private static final long IDLE_WAIT_MS = 100;
    /** Longest a job waits for the previous job of its task to be gone (see ClusterShutdowns). */
    private static final Duration PREVIOUS_STOP_WAIT = Duration.ofMinutes(2);
    private static final Runnable WAKE_UP = () -> { };

    private final String jobName;
    private final String ownerKey;
    private final RecordHandover<T> handover;
    private final ScheduledThreadPoolExecutor coordinator;
    private final ExecutorService coordinatorIo;
    /** Work for the reader thread: the enumerator's splits and events, and wake-ups. */
    private final BlockingQueue<Runnable> mailbox = new LinkedBlockingQueue<>();
    private final Thread readerThread;
    private final CompletableFuture<Void> readerStopped = new CompletableFuture<>();
    private SplitEnumerator<?, ?> enumerator;
    private volatile boolean closing;
    /** The job failed or its bounded source ended: the reader stops reading. */
    private volatile boolean ended;

    private <S extends SourceSplit> DirectCdcJob(String jobName, Source<T, S, ?> source, RecordHandover<T> handover) {
        this.jobName = jobName;
        this.ownerKey = jobName + "/direct/" + System.identityHashCode(this);
        this.handover = handover;
        // Every thread of the job, made now or later by its threads, belongs to this job.
        try (FatalErrorRouting.Scope owned = FatalErrorRouting.ownedBy(ownerKey, this::failFatally)) {
            this.coordinator = new ScheduledThreadPoolExecutor(1, runnable -> new Thread(runnable,
                    "mysql-flink-cdc-enumerator " + jobName));
            this.coordinator.prestartAllCoreThreads();
            this.coordinatorIo = Executors.newCachedThreadPool(runnable -> new Thread(runnable,
                    "mysql-flink-cdc-enumerator-io " + jobName));
            ReaderSide<S> reader = new ReaderSide<>(source);
            this.readerThread = new Thread(reader::run, "mysql-flink-cdc-reader " + jobName);
            this.readerThread.setContextClassLoader(DirectCdcJob.class.getClassLoader());
            CoordinatorSide<S> enumeratorSide = new CoordinatorSide<>(source, reader);
            reader.coordinator = enumeratorSide;
            onCoordinator(enumeratorSide::start);
            readerThread.start();
        }
    }

    /**
     * Starts {@code source}'s enumerator and its one reader, feeding {@code handover}, once the
     * previous job of the same task is gone; returns at once after that, like a job submission.
     */
    public static <T, S extends SourceSplit> DirectCdcJob<T> start(String jobName, Source<T, S, ?> source,
                                                                   RecordHandover<T> handover) throws Exception {
        FlinkExitGuard.install();
        OwnedThreadDeaths.install();
        ClusterShutdowns.awaitStopped(jobName, PREVIOUS_STOP_WAIT);
        DirectCdcJob<T> job = new DirectCdcJob<>(jobName, source, handover);
        LOG.info("Started embedded Flink job '{}' without a Flink cluster (engine.runtime=direct)", jobName);
        return job;
    }

    @Override
    public String name() {
        return jobName;
    }

    /** Stops the job; a second call returns at once. */
    @Override
    public synchronized void close(Duration timeout) {
        if (closing) {
            return;
        }
        closing = true;
        // Threads that die while the job stops are no reason to fail it.
        FatalErrorRouting.forget(ownerKey);
        CompletableFuture<Void> stopped = ClusterShutdowns.begin(jobName);
        long deadline = System.nanoTime() + timeout.toNanos();
        handover.close();
        mailbox.offer(WAKE_UP);
        if (!awaited(readerStopped, deadline, "its reader to stop")) {
            readerThread.interrupt();
        }
        CompletableFuture<Void> enumeratorClosed = new CompletableFuture<>();
        coordinator.execute(() -> {
            try {
                if (enumerator != null) {
                    enumerator.close();
                }
                enumeratorClosed.complete(null);
            } catch (Exception | Error e) {
                enumeratorClosed.completeExceptionally(e);
            }
        });
        try {
            awaited(enumeratorClosed, deadline, "its enumerator to close");
        } finally {
            coordinator.shutdownNow();
            coordinatorIo.shutdownNow();
            stopped.complete(null);
        }
    }

    /** Waits for {@code done} until {@code deadline}; false, logged, when it failed or did not come. */
    private boolean awaited(CompletableFuture<Void> done, long deadline, String what) {
        try {
            done.get(remainingMs(deadline), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            LOG.warn("Stopping Flink CDC job '{}': waiting for {} ended with {}", jobName, what, e.toString());
            return false;
        }
    }

    private static long remainingMs(long deadlineNanos) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }

    /** Ends the job with {@code error}: the task sees it after the records before it. */
    private void fail(Throwable error) {
        if (closing) {
            LOG.debug("Flink CDC job '{}' failed while stopping: {}", jobName, error.toString());
            return;
        }
        LOG.debug("Flink CDC job '{}' failed", jobName, error);
        ended = true;
        handover.end(new RecordHandover.End.Failed(error));
        mailbox.offer(WAKE_UP);
    }

    /** As a mini-cluster's job does: the queued records are dropped and the next put fails. */
    private void failFatally(EngineFatalError error) {
        ended = true;
        handover.end(new RecordHandover.End.Failed(error));
        handover.close();
        mailbox.offer(WAKE_UP);
    }

    private void onCoordinator(ThrowingRunnable work) {
        coordinator.execute(() -> {
            try {
                work.run();
            } catch (Exception | Error e) {
                fail(e);
            }
        });
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** The enumerator and its context, on the coordinator thread. */
    private final class CoordinatorSide<S extends SourceSplit> implements SplitEnumeratorContext<S> {

        private final Source<T, S, ?> source;
        private final ReaderSide<S> reader;
        private final SplitEnumeratorMetricGroup metrics = UnregisteredMetricsGroup.createSplitEnumeratorMetricGroup();
        private SplitEnumerator<S, ?> splitEnumerator;

        CoordinatorSide(Source<T, S, ?> source, ReaderSide<S> reader) {
            this.source = source;
            this.reader = reader;
        }

        void start() throws Exception {
            splitEnumerator = source.createEnumerator(this);
            enumerator = splitEnumerator;
            splitEnumerator.start();
            splitEnumerator.addReader(SUBTASK);
        }

        void splitRequest() {
            onCoordinator(() -> splitEnumerator.handleSplitRequest(SUBTASK, HOST));
        }

        void eventFromReader(SourceEvent event) {
            onCoordinator(() -> splitEnumerator.handleSourceEvent(SUBTASK, event));
        }

        @Override
        public SplitEnumeratorMetricGroup metricGroup() {
            return metrics;
        }

        @Override
        public void sendEventToSourceReader(int subtaskId, SourceEvent event) {
            reader.mail(sourceReader -> sourceReader.handleSourceEvents(event));
        }

        @Override
        public int currentParallelism() {
            return 1;
        }

        @Override
        public Map<Integer, ReaderInfo> registeredReaders() {
            return Map.of(SUBTASK, new ReaderInfo(SUBTASK, HOST));
        }

        @Override
        public void assignSplits(SplitsAssignment<S> assignment) {
            List<S> splits = assignment.assignment().get(SUBTASK);
            if (splits != null && !splits.isEmpty()) {
                reader.mail(sourceReader -> sourceReader.addSplits(splits));
            }
        }

        @Override
        public void signalNoMoreSplits(int subtask) {
            reader.mail(SourceReader::notifyNoMoreSplits);
        }

        @Override
        public <R> void callAsync(Callable<R> callable, BiConsumer<R, Throwable> handler) {
            coordinatorIo.execute(() -> {
                R result = null;
                Throwable error = null;
                try {
                    result = callable.call();
                } catch (Exception | Error e) {
                    error = e;
                }
                R called = result;
                Throwable failed = error;
                onCoordinator(() -> handler.accept(called, failed));
            });
        }

        @Override
        public <R> void callAsync(Callable<R> callable, BiConsumer<R, Throwable> handler, long initialDelay,
                                  long period) {
            coordinator.scheduleAtFixedRate(() -> callAsync(callable, handler), initialDelay, period,
                    TimeUnit.MILLISECONDS);
        }

        @Override
        public void runInCoordinatorThread(Runnable runnable) {
            onCoordinator(runnable::run);
        }

        @Override
        public void setIsProcessingBacklog(boolean isProcessingBacklog) {
            // Only Flink's checkpoint intervals depend on it; this job does not checkpoint.
        }
    }

    /** The reader, its context and its output, on the reader thread. */
    private final class ReaderSide<S extends SourceSplit> implements SourceReaderContext, ReaderOutput<T> {

        private final Source<T, S, ?> source;
        private final SourceReaderMetricGroup metrics = UnregisteredMetricsGroup.createSourceReaderMetricGroup();
        private CoordinatorSide<S> coordinator;
        private SourceReader<T, S> sourceReader;

        ReaderSide(Source<T, S, ?> source) {
            this.source = source;
        }

        void mail(ReaderWork<T, S> work) {
            mailbox.offer(() -> {
                try {
                    work.run(sourceReader);
                } catch (Exception e) {
                    throw new ReaderFailure(e);
                }
            });
        }

        void run() {
            try {
                sourceReader = source.createReader(this);
                sourceReader.start();
                CompletableFuture<Void> watched = null;
                while (!closing && !ended) {
                    runMail(0);
                    InputStatus status = sourceReader.pollNext(this);
                    if (status == InputStatus.END_OF_INPUT) {
                        ended = true;
                        handover.end(new RecordHandover.End.Finished());
                        break;
                    }
                    if (status == InputStatus.NOTHING_AVAILABLE) {
                        CompletableFuture<Void> available = sourceReader.isAvailable();
                        if (available != watched) {
                            watched = available;
                            available.thenRun(() -> mailbox.offer(WAKE_UP));
                        }
                        if (!available.isDone()) {
                            runMail(IDLE_WAIT_MS);
                        }
                    }
                }
            } catch (ReaderFailure e) {
                fail(e.getCause());
            } catch (Exception | Error e) {
                if (!closing) {
                    fail(e);
                }
            } finally {
                closeReader();
                readerStopped.complete(null);
            }
        }

        /** Runs the mail there is, waiting up to {@code waitMs} for the first. */
        private void runMail(long waitMs) throws InterruptedException {
            Runnable mail = waitMs > 0 ? mailbox.poll(waitMs, TimeUnit.MILLISECONDS) : mailbox.poll();
            while (mail != null) {
                mail.run();
                mail = mailbox.poll();
            }
        }

        private void closeReader() {
            if (sourceReader == null) {
                return;
            }
            try {
                sourceReader.close();
            } catch (Exception e) {
                LOG.warn("Closing the reader of Flink CDC job '{}': {}", jobName, e.toString());
            }
        }

        @Override
        public void collect(T record) {
            try {
                handover.put(record);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while handing a record to Connect", e);
            }
        }

        @Override
        public void collect(T record, long timestamp) {
            collect(record);
        }

        @Override
        public void emitWatermark(Watermark watermark) {
            // The job has no event time.
        }

        @Override
        public void markIdle() {
        }

        @Override
        public void markActive() {
        }

        @Override
        public SourceOutput<T> createOutputForSplit(String splitId) {
            return this;
        }

        @Override
        public void releaseOutputForSplit(String splitId) {
        }

        @Override
        public SourceReaderMetricGroup metricGroup() {
            return metrics;
        }

        @Override
        public Configuration getConfiguration() {
            return new Configuration();
        }

        @Override
        public String getLocalHostName() {
            return HOST;
        }

        @Override
        public int getIndexOfSubtask() {
            return SUBTASK;
        }

        @Override
        public void sendSplitRequest() {
            coordinator.splitRequest();
        }

        @Override
        public void sendSourceEventToCoordinator(SourceEvent event) {
            coordinator.eventFromReader(event);
        }

        @Override
        public UserCodeClassLoader getUserCodeClassLoader() {
            return SimpleUserCodeClassLoader.create(DirectCdcJob.class.getClassLoader());
        }

        @Override
        public int currentParallelism() {
            return 1;
        }
    }

    @FunctionalInterface
    private interface ReaderWork<T, S extends SourceSplit> {
        void run(SourceReader<T, S> reader) throws Exception;
    }

    /** A failure of work mailed to the reader, carried out of its loop. */
    private static final class ReaderFailure extends RuntimeException {
        ReaderFailure(Exception cause) {
            super(cause);
        }
    }
}
