package io.mysqlflinkcdc.connect.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mysqlflinkcdc.connect.errors.ConnectionRetries;
import io.mysqlflinkcdc.connect.errors.JobFailures;

/**
 * Keeps a task's embedded job running: drains its hand-over, restarts it with backoff after it lost
 * the server, and fails the task when the job fails otherwise, the outage outlasts
 * connection.retry.timeout.ms, or a job reading the binlog goes silent for that long. Beside it may
 * run a backfill job that snapshots tables while the main job streams the others (docs/design.md,
 * "Backfill beside the binlog"): both hand-overs are drained, and either job's failure restarts both.
 */
public final class JobSupervisor<T> {

    private static final Logger LOG = LoggerFactory.getLogger(JobSupervisor.class);
    /** How long poll() sleeps between looks at the two hand-overs while a backfill runs. */
    private static final long BOTH_WAIT_MS = 5;

    /** Starts a job that feeds {@code handover}, from wherever the delivered records end. */
    @FunctionalInterface
    public interface Launcher<T> {
        /** @param cluster started ahead for this job (see {@link #startCluster}), or null to start one */
        CdcJob<T> launch(RecordHandover<T> handover, StartedCluster<T> cluster);

        /**
         * Starts the cluster of the next main job ahead of it, feeding {@code handover}; runs on
         * another thread while the current job keeps delivering, so it touches no launcher state.
         * Null when the launcher does not start clusters ahead.
         */
        default StartedCluster<T> startCluster(RecordHandover<T> handover) throws Exception {
            return null;
        }

        /**
         * Prepares the backfill job the last {@link #launch} planned, feeding {@code handover}, and
         * returns what starts it (a Flink job start takes about a second, so it runs on another
         * thread while the main job's records keep flowing); null when none is planned.
         */
        default Callable<CdcJob<T>> prepareBackfill(RecordHandover<T> handover) {
            return null;
        }
    }

    /** What one poll brought. */
    public sealed interface Poll<T> {
        /** Records of the running job (possibly none yet). */
        record Records<T>(List<T> records) implements Poll<T> {
        }

        /** The job ended by itself: a bounded (initial_only) snapshot is complete. */
        record Finished<T>() implements Poll<T> {
        }

        /** No job is running: it restarts after the backoff. */
        record Waiting<T>() implements Poll<T> {
        }
    }

    /**
     * @param server        host:port, for messages
     * @param queueBytes    most bytes the hand-over holds (and one poll returns)
     * @param inBinlog      whether the job reads the binlog, where silence means the server is gone
     * @param resumesAt     where a restarted job would begin, for messages
     * @param jobRunning    told when the job starts and stops
     */
    public record Settings(String server, int queueSize, long queueBytes, int maxBatchSize, Duration pollWait,
                           Duration shutdownTimeout, BooleanSupplier inBinlog, Supplier<String> resumesAt,
                           JobListener jobRunning) {
    }

    /** Told when the job starts and stops running. */
    @FunctionalInterface
    public interface JobListener {
        void running(boolean running);
    }

    private final Launcher<T> launcher;
    private final ConnectionRetries retries;
    private final Settings settings;
    private final ToLongFunction<T> sizeOf;
    /** The current job's hand-over (a new one per job); read from JMX threads. */
    private volatile RecordHandover<T> handover;
    private CdcJob<T> job;
    /** The backfill job and its hand-over (half the main one's size), or null. */
    private CdcJob<T> backfill;
    private RecordHandover<T> backfillHandover;
    /** The backfill job while it starts on its own thread, or null. */
    private CompletableFuture<CdcJob<T>> backfillStarting;
    /** During a hand-back: the next main job's cluster, starting on its own thread, and its hand-over; else null. */
    private CompletableFuture<StartedCluster<T>> nextCluster;
    private RecordHandover<T> nextHandover;
    /** When to restart the job after losing the server (nanoTime), or -1. */
    private long restartAtNanos = -1;
    private long lastProgressNanos;

    /** @param sizeOf a record's approximate bytes, for {@link Settings#queueBytes()} */
    public JobSupervisor(Launcher<T> launcher, ConnectionRetries retries, Settings settings, ToLongFunction<T> sizeOf) {
        this.launcher = launcher;
        this.retries = retries;
        this.settings = settings;
        this.sizeOf = sizeOf;
    }

    /** Starts the job; a server that cannot be reached yet only delays it (retried with backoff). */
    public void start() {
        start(new RecordHandover<>(settings.queueSize(), settings.queueBytes(), sizeOf), null);
    }

    private void start(RecordHandover<T> next, StartedCluster<T> cluster) {
        handover = next;
        lastProgressNanos = System.nanoTime();
        try {
            job = launcher.launch(next, cluster);
            beginBackfill();
        } catch (RuntimeException e) {
            if (cluster != null) {
                cluster.close();
            }
            closeJobs();
            Optional<Duration> delay = ConnectionRetries.isConnectivity(e) ? retries.retryDelay(e) : Optional.empty();
            if (delay.isEmpty()) {
                throw e;
            }
            restartAtNanos = System.nanoTime() + delay.get().toNanos();
            LOG.warn("Could not start the embedded Flink CDC job: lost the server at {} ({}); restarting it in {} ms "
                    + "(attempt {}; the task fails once the outage exceeds connection.retry.timeout.ms)",
                    settings.server(), JobFailures.rootCause(e), delay.get().toMillis(), retries.attempts());
            return;
        }
        settings.jobRunning().running(true);
    }

    public Poll<T> poll() throws InterruptedException {
        if (job == null) {
            restartWhenDue();
            return new Poll.Waiting<>();
        }
        if (backfillStarting != null && backfillStarting.isDone() && !backfillStarted()) {
            return new Poll.Records<>(List.of());
        }
        if (nextCluster != null && nextCluster.isDone()) {
            swapMainJob();
            if (job == null) {
                return new Poll.Waiting<>();
            }
        }
        List<T> batch = backfillHandover == null
                ? handover.drain(settings.maxBatchSize(), settings.pollWait().toMillis()) : drainBoth();
        if (!batch.isEmpty()) {
            lastProgressNanos = System.nanoTime();
            retries.progressed();
            return new Poll.Records<>(batch);
        }
        RecordHandover.End backfillEnd = backfillHandover == null ? null : backfillHandover.end();
        if (backfillEnd instanceof RecordHandover.End.Failed failed) {
            onJobFailure(failed.cause());
        }
        if (backfillEnd instanceof RecordHandover.End.Finished) {
            // Not expected (it never reads the binlog, so never ends): whatever it did not finish, the next plan redoes.
            LOG.warn("The backfill job ended by itself; restarting the jobs from the delivered records");
            restart();
            return new Poll.Records<>(batch);
        }
        RecordHandover.End end = handover.end();
        if (end instanceof RecordHandover.End.Failed failed) {
            onJobFailure(failed.cause());
        }
        if (end instanceof RecordHandover.End.Finished) {
            settings.jobRunning().running(false);
            return new Poll.Finished<>();
        }
        failIfSilent();
        return new Poll.Records<>(batch);
    }

    /**
     * Records of either job: the main job's first, then the backfill's, each drained without waiting;
     * while neither has any, waits in short steps up to the poll wait.
     */
    private List<T> drainBoth() throws InterruptedException {
        long deadline = System.nanoTime() + settings.pollWait().toNanos();
        while (true) {
            List<T> batch = new ArrayList<>(handover.drain(settings.maxBatchSize(), 0));
            if (batch.size() < settings.maxBatchSize()) {
                batch.addAll(backfillHandover.drain(settings.maxBatchSize() - batch.size(), 0));
            }
            if (!batch.isEmpty() || System.nanoTime() >= deadline || handover.end() != null
                    || backfillHandover.end() != null) {
                return batch;
            }
            Thread.sleep(BOTH_WAIT_MS);
        }
    }

    /** Free room in the current hand-over (its capacity when no job runs). */
    public int remainingCapacity() {
        RecordHandover<T> current = handover;
        return current == null ? settings.queueSize() : current.remainingCapacity();
    }

    /**
     * Lost server: stop the job and have Connect poll again (RetriableException) until the pause is
     * over; anything else, or an outage longer than connection.retry.timeout.ms, fails the task.
     */
    private void onJobFailure(Throwable cause) {
        close();
        Optional<Duration> delay = retries.retryDelay(cause);
        if (delay.isEmpty()) {
            ConnectException failure = JobFailures.toConnectException(cause);
            if (ConnectionRetries.isConnectivity(cause)) {
                throw new ConnectException("Gave up after the server at " + settings.server() + " was unreachable for "
                        + retries.outage().toSeconds() + " s (connection.retry.timeout.ms="
                        + retries.timeout().toMillis() + "). " + failure.getMessage() + ". Once it is back, restart "
                        + "the task (POST /connectors/<name>/restart?includeTasks=true); it resumes at "
                        + settings.resumesAt().get() + ".", cause);
            }
            throw failure;
        }
        restartAtNanos = System.nanoTime() + delay.get().toNanos();
        throw new RetriableException("The embedded Flink CDC job lost the server at " + settings.server() + " ("
                + JobFailures.rootCause(cause) + "); restarting it in " + delay.get().toMillis() + " ms from "
                + settings.resumesAt().get() + " (attempt " + retries.attempts()
                + "; the task fails once the outage exceeds connection.retry.timeout.ms)", cause);
    }

    private void restartWhenDue() throws InterruptedException {
        long waitNanos = restartAtNanos - System.nanoTime();
        if (waitNanos > 0) {
            Thread.sleep(Math.min(Duration.ofNanos(waitNanos).toMillis() + 1, settings.pollWait().toMillis()));
            return;
        }
        restartAtNanos = -1;
        start();
    }

    /**
     * While streaming, the binlog client reconnects by itself and heartbeats arrive every few seconds
     * even when nothing changes: silence for the whole retry timeout means the server is gone.
     */
    private void failIfSilent() {
        long silentNanos = System.nanoTime() - lastProgressNanos;
        if (settings.inBinlog().getAsBoolean() && silentNanos > retries.timeout().toNanos()) {
            close();
            throw new ConnectException("No change and no heartbeat from the server at " + settings.server() + " for "
                    + Duration.ofNanos(silentNanos).toSeconds() + " s (connection.retry.timeout.ms="
                    + retries.timeout().toMillis() + "): it is down or unreachable and the binlog client could not "
                    + "reconnect. Once it is back, restart the task (POST /connectors/<name>/restart?includeTasks=true); "
                    + "it resumes at " + settings.resumesAt().get() + ".");
        }
    }

    /**
     * Starts the backfill job the launcher planned beside the running main job; when one runs
     * already, or it cannot start, restarts both from the delivered records instead.
     */
    public void startBackfill() {
        if (job == null || backfillHandover != null) {
            restart();
            return;
        }
        try {
            beginBackfill();
        } catch (RuntimeException e) {
            LOG.warn("Could not start the backfill job beside the running one ({}); restarting both",
                    JobFailures.rootCause(e));
            restart();
        }
    }

    /** Starts the planned backfill job, if any, on its own thread; its hand-over is drained meanwhile. */
    private void beginBackfill() {
        RecordHandover<T> side = new RecordHandover<>(Math.max(1, settings.queueSize() / 2),
                Math.max(1, settings.queueBytes() / 2), sizeOf);
        Callable<CdcJob<T>> start = launcher.prepareBackfill(side);
        if (start == null) {
            return;
        }
        backfillHandover = side;
        backfillStarting = onOwnThread("mysql-flink-cdc-backfill-start", start);
    }

    /**
     * Runs {@code work} on a new daemon thread. A thread of our own, not a pool's: it inherits the
     * task thread's (plugin) context class loader.
     */
    private static <R> CompletableFuture<R> onOwnThread(String name, Callable<R> work) {
        CompletableFuture<R> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(work.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return result;
    }

    /**
     * Takes the started backfill job; false when it could not start, after restarting both jobs
     * from the delivered records (the next plan still has the backfill to do).
     */
    private boolean backfillStarted() {
        CompletableFuture<CdcJob<T>> starting = backfillStarting;
        backfillStarting = null;
        try {
            backfill = starting.join();
            return true;
        } catch (CompletionException e) {
            LOG.warn("Could not start the backfill job beside the running one ({}); restarting both",
                    JobFailures.rootCause(e.getCause()));
            restart();
            return false;
        }
    }

    /**
     * Hands the backfilled tables back to the main job without the streaming tables waiting for a
     * cluster start: stops the backfill job and starts the next main job's cluster on another
     * thread while the running main job keeps delivering; a later poll() swaps the main job for the
     * next one, planned from the records delivered by then. Restarts both at once when no backfill
     * job has started or a hand-back is under way already.
     */
    public void handBack() {
        if (job == null || backfill == null || nextCluster != null) {
            restart();
            return;
        }
        CdcJob<T> side = backfill;
        backfill = null;
        // Its chunks are all in Kafka; whatever else it still puts there is not needed.
        backfillHandover = null;
        RecordHandover<T> next = new RecordHandover<>(settings.queueSize(), settings.queueBytes(), sizeOf);
        nextHandover = next;
        nextCluster = onOwnThread("mysql-flink-cdc-hand-back", () -> {
            stopTimed(side);
            return launcher.startCluster(next);
        });
    }

    /** The hand-back's swap: the main job stops, and the next one starts on the cluster started for it. */
    private void swapMainJob() {
        RecordHandover<T> next = nextHandover;
        StartedCluster<T> cluster = takeNextCluster();
        stopTimed(job);
        job = null;
        start(next, cluster);
    }

    /** The cluster started for the next main job; null when it could not start (the job then starts its own). */
    private StartedCluster<T> takeNextCluster() {
        CompletableFuture<StartedCluster<T>> starting = nextCluster;
        nextCluster = null;
        nextHandover = null;
        try {
            return starting.join();
        } catch (CompletionException e) {
            LOG.warn("Could not start the next main job's cluster ahead ({}); starting it when the job starts",
                    JobFailures.rootCause(e.getCause()));
            return null;
        }
    }

    /** Stops the running job and starts the next one from wherever the delivered records end. */
    public void restart() {
        close();
        restartAtNanos = -1;
        start();
    }

    /** Stops the jobs, if they run, waiting at most the shutdown timeout for each. */
    public void close() {
        if (job != null) {
            settings.jobRunning().running(false);
        }
        closeJobs();
    }

    private void closeJobs() {
        CdcJob<T> running = job;
        CdcJob<T> side = backfill;
        if (backfillStarting != null) {
            // Stopped once started: a job left starting would outlive the task.
            try {
                side = backfillStarting.join();
            } catch (CompletionException e) {
                LOG.info("The backfill job being started when the jobs stopped did not start ({})",
                        JobFailures.rootCause(e.getCause()));
            }
        }
        if (nextCluster != null) {
            StartedCluster<T> unused = takeNextCluster();
            if (unused != null) {
                unused.close();
            }
        }
        job = null;
        backfill = null;
        backfillStarting = null;
        backfillHandover = null;
        stopTimed(side);
        stopTimed(running);
    }

    private void stopTimed(CdcJob<T> stopping) {
        if (stopping != null) {
            long started = System.nanoTime();
            stopping.close(settings.shutdownTimeout());
            LOG.info("Embedded Flink job {} stopped in {} ms", stopping.name(),
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
        }
    }
}
