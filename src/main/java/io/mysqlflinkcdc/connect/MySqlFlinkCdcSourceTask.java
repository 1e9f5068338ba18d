package io.mysqlflinkcdc.connect;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.flink.cdc.connectors.mysql.table.StartupOptions;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mysqlflinkcdc.connect.config.ConnectorConfig;
import io.mysqlflinkcdc.connect.config.TableSelection;
import io.mysqlflinkcdc.connect.config.TaskScope;
import io.mysqlflinkcdc.connect.engine.EmbeddedCdcJob;
import io.mysqlflinkcdc.connect.engine.JobCheckpoints;
import io.mysqlflinkcdc.connect.engine.MySqlSourceFactory;
import io.mysqlflinkcdc.connect.engine.RecordHandover;
import io.mysqlflinkcdc.connect.errors.ConnectionRetries;
import io.mysqlflinkcdc.connect.errors.JobFailures;
import io.mysqlflinkcdc.connect.metrics.TaskMetrics;
import io.mysqlflinkcdc.connect.offset.BinlogPosition;
import io.mysqlflinkcdc.connect.offset.StoredOffset;
import io.mysqlflinkcdc.connect.offset.TableResumePoints;
import io.mysqlflinkcdc.connect.record.SourceRecordDeserializer;
import io.mysqlflinkcdc.connect.record.SourceRecordFactory;

/**
 * Runs the embedded Flink CDC job of the task's tables and hands its records to Connect. {@link #poll()} only drains the
 * bounded hand-over; the job's failure surfaces there, after the records that preceded it.
 */
public class MySqlFlinkCdcSourceTask extends SourceTask {

    private static final Logger LOG = LoggerFactory.getLogger(MySqlFlinkCdcSourceTask.class);
    private static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(2);

    private ConnectorConfig config;
    private SourceRecordFactory records;
    /** The current job's hand-over (a new one per job); read by the metrics from JMX threads. */
    private volatile RecordHandover<SourceRecord> handover;
    private EmbeddedCdcJob<SourceRecord> job;
    private TaskMetrics metrics;
    private ConnectionRetries retries;
    private int taskIndex;
    /** The tables' stored offsets and those of the records handed to Connect since. */
    private TableOffsets offsets;
    /** When to restart the job after losing the server (nanoTime), or -1. */
    private long restartAtNanos = -1;
    private long lastProgressNanos;
    /** Resumable snapshot support, when snapshot.checkpoint.dir is set. */
    private SnapshotCheckpoints snapshotCheckpoints;
    /** Nothing left to read: an initial_only snapshot has completed. */
    private volatile boolean idle;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        try {
            config = ConnectorConfig.parse(props);
        } catch (ConfigException e) {
            throw new ConnectException("Invalid connector configuration: " + e.getMessage(), e);
        }
        taskIndex = config.taskScope().map(TaskScope::index).orElse(0);
        offsets = TableOffsets.read(context.offsetStorageReader(), config.topicPrefix(), tables());
        StartPlan plan = checkedPlan();
        snapshotCheckpoints = config.snapshotCheckpointDir()
                .map(dir -> new SnapshotCheckpoints(dir, config.snapshotCheckpointInterval())).orElse(null);
        retries = new ConnectionRetries(config.connectionRetryTimeout(), config.connectionRetryBackoffMax(),
                System::nanoTime);
        metrics = TaskMetrics.start(config, taskIndex, snapshotAtStart(plan), config.maxQueueSize(), () -> {
            RecordHandover<SourceRecord> current = handover;
            return current == null ? config.maxQueueSize() : current.remainingCapacity();
        });
        try {
            startJob(plan);
        } catch (RuntimeException | Error e) {
            // Connect calls no stop() after a failed start: take the MBeans down here.
            metrics.close();
            throw e;
        }
    }

    /** The tables the connector gave this task; a task config from before tasks.max was honoured has none. */
    private List<String> tables() {
        return config.taskScope().map(TaskScope::tables).orElseGet(() -> StartChecks.capturedTables(config));
    }

    /** The plan from the tables' offsets, unless the binlog it would start at was purged. */
    private StartPlan checkedPlan() {
        StartPlan plan = offsets.plan(config.startupMode());
        Optional<BinlogPosition> earliest = Optional.empty();
        if (plan instanceof StartPlan.Resume resume) {
            earliest = Optional.of(resume.from());
        } else if (plan instanceof StartPlan.SnapshotAndResume mixed) {
            earliest = mixed.points().points().values().stream().min(BinlogPosition::compareTo);
        }
        if (earliest.isPresent()
                && StartChecks.unlessPurged(config, new StoredOffset.Streaming(earliest.get())) == null) {
            offsets.forget();
            plan = offsets.plan(config.startupMode());
        }
        return plan;
    }

    /** What the snapshot metrics show at start: a plan without snapshot shows the snapshot as completed. */
    private static StoredOffset snapshotAtStart(StartPlan plan) {
        if (plan instanceof StartPlan.Idle) {
            return new StoredOffset.SnapshotOnlyCompleted();
        }
        return plan instanceof StartPlan.Resume resume ? new StoredOffset.Streaming(resume.from()) : null;
    }

    private void startJob(StartPlan plan) {
        String name = config.topicPrefix() + "#" + taskIndex;
        records = new SourceRecordFactory(config.recordSettings(), plan.jobTables(), TableResumePoints.none());
        if (plan instanceof StartPlan.Idle) {
            LOG.info("The initial_only snapshot of '{}' completed earlier; nothing left to read", name);
            idle = true;
            return;
        }
        handover = new RecordHandover<>(config.maxQueueSize());
        lastProgressNanos = System.nanoTime();
        int snapshotParallelism = config.startupMode().snapshotsData() ? config.snapshotParallelism() : 1;
        JobCheckpoints<SourceRecord> checkpoints = null;
        JobStart start;
        if (plan instanceof StartPlan.Resume resume) {
            LOG.info("Resuming the binlog of '{}' at {} for {} table(s), each after its own delivered position, "
                    + "with {}", name, resume.from(), resume.jobTables().size(), resume.tableSchemas() == null
                    ? "the tables' current schemas (none stored with the offsets)"
                    : "the table schemas stored with the offsets");
            start = new JobStart(MySqlSourceFactory.startupFromPosition(resume.from()), 1, resume.points(),
                    resume.tableSchemas(), Map.of());
        } else if (plan instanceof StartPlan.SnapshotAndResume mixed) {
            LOG.info("Snapshotting {} of '{}' while {} resume at their binlog positions", mixed.snapshotTables(),
                    name, mixed.points().points().keySet());
            start = new JobStart(StartupOptions.initial(), snapshotParallelism, mixed.points(),
                    mixed.tableSchemas(), mixed.points().points());
        } else {
            StartPlan.FromMode fromMode = (StartPlan.FromMode) plan;
            LOG.info("No binlog position stored for the {} table(s) of '{}'; starting with snapshot.mode={}",
                    fromMode.jobTables().size(), name, config.startupMode());
            if (snapshotCheckpoints != null && config.startupMode().snapshotsData()) {
                checkpoints = snapshotCheckpoints.forSnapshotJob(fromMode.running(), name);
            }
            start = new JobStart(MySqlSourceFactory.startupFromMode(config), snapshotParallelism,
                    TableResumePoints.none(), null, Map.of());
        }
        var deserializer = new SourceRecordDeserializer(config.recordSettings(), plan.jobTables(), start.points());
        var source = MySqlSourceFactory.create(config, TableSelection.exactly(plan.jobTables()), config.serverIds(),
                start.startup(), deserializer, StartChecks.keylessTableChunkColumns(config), start.tableSchemas(),
                start.resumed());
        try {
            job = EmbeddedCdcJob.start("mysql-flink-cdc[" + name + "]", source, start.parallelism(),
                    CHECKPOINT_INTERVAL, handover, checkpoints);
        } catch (Exception e) {
            throw new ConnectException("Could not start the embedded Flink CDC job: " + e.getMessage(), e);
        }
        if (checkpoints != null) {
            snapshotCheckpoints.jobStarted(job.jobId());
        }
        metrics.jobRunning(true);
    }

    /** How the job starts: Flink CDC's startup, its parallelism, and the per-table resume points. */
    private record JobStart(StartupOptions startup, int parallelism, TableResumePoints points, String tableSchemas,
                            Map<String, BinlogPosition> resumed) {
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        if (idle) {
            Thread.sleep(config.pollInterval().toMillis());
            return null;
        }
        if (job == null) {
            return restartWhenDue();
        }
        List<SourceRecord> batch = handover.drain(config.maxBatchSize(), config.pollInterval().toMillis());
        if (snapshotCheckpoints != null) {
            batch = snapshotCheckpoints.process(batch);
        }
        // Counted here, on the task thread, so the progress log lines carry Connect's connector context.
        metrics.polled(batch);
        if (!batch.isEmpty()) {
            offsets.polled(batch);
            lastProgressNanos = System.nanoTime();
            retries.progressed();
            return batch;
        }
        RecordHandover.End end = handover.end();
        if (end instanceof RecordHandover.End.Failed failed) {
            return onJobFailure(failed.cause());
        }
        if (end instanceof RecordHandover.End.Finished) {
            // Only a bounded (initial_only) job ends by itself; record that in the offsets once.
            LOG.info("The initial_only snapshot of '{}' completed", config.topicPrefix());
            idle = true;
            metrics.jobRunning(false);
            List<SourceRecord> completed = records.snapshotOnlyCompleted();
            metrics.polled(completed);
            return completed;
        }
        failIfSilent();
        return null;
    }

    /**
     * Lost server: stop the job and have Connect poll again (RetriableException) until the pause is
     * over; anything else, or an outage longer than connection.retry.timeout.ms, fails the task.
     */
    private List<SourceRecord> onJobFailure(Throwable cause) {
        metrics.jobRunning(false);
        closeJob();
        Optional<Duration> delay = retries.retryDelay(cause);
        if (delay.isEmpty()) {
            ConnectException failure = JobFailures.toConnectException(cause);
            if (ConnectionRetries.isConnectivity(cause)) {
                throw new ConnectException("Gave up after the server at " + config.hostname() + ":" + config.port()
                        + " was unreachable for " + retries.outage().toSeconds() + " s (connection.retry.timeout.ms="
                        + retries.timeout().toMillis() + "). " + failure.getMessage() + ". Once it is back, restart "
                        + "the task (POST /connectors/<name>/restart?includeTasks=true); it resumes at "
                        + offsets.describe(config.startupMode()) + ".", cause);
            }
            throw failure;
        }
        restartAtNanos = System.nanoTime() + delay.get().toNanos();
        throw new RetriableException("The embedded Flink CDC job lost the server at " + config.hostname() + ":"
                + config.port() + " (" + JobFailures.rootCause(cause) + "); restarting it in "
                + delay.get().toMillis() + " ms from " + offsets.describe(config.startupMode()) + " (attempt " + retries.attempts()
                + "; the task fails once the outage exceeds connection.retry.timeout.ms)", cause);
    }

    private List<SourceRecord> restartWhenDue() throws InterruptedException {
        long waitNanos = restartAtNanos - System.nanoTime();
        if (waitNanos > 0) {
            Thread.sleep(Math.min(Duration.ofNanos(waitNanos).toMillis() + 1, config.pollInterval().toMillis()));
            return null;
        }
        restartAtNanos = -1;
        // Where the records handed to Connect end: restarting there repeats nothing and skips nothing.
        startJob(checkedPlan());
        return null;
    }

    /**
     * While streaming, the binlog client reconnects by itself and heartbeats arrive every few seconds
     * even when nothing changes: silence for the whole retry timeout means the server is gone.
     */
    private void failIfSilent() {
        long silentNanos = System.nanoTime() - lastProgressNanos;
        if (offsets.inBinlog() && silentNanos > retries.timeout().toNanos()) {
            metrics.jobRunning(false);
            closeJob();
            throw new ConnectException("No change and no heartbeat from the server at " + config.hostname() + ":"
                    + config.port() + " for " + Duration.ofNanos(silentNanos).toSeconds()
                    + " s (connection.retry.timeout.ms=" + retries.timeout().toMillis() + "): it is down or "
                    + "unreachable and the binlog client could not reconnect. Once it is back, restart the task "
                    + "(POST /connectors/<name>/restart?includeTasks=true); it resumes at "
                    + offsets.describe(config.startupMode()) + ".");
        }
    }

    private void closeJob() {
        EmbeddedCdcJob<SourceRecord> running = job;
        job = null;
        if (running != null) {
            long started = System.nanoTime();
            running.close(config.shutdownTimeout());
            LOG.info("Embedded Flink job of '{}' stopped in {} ms", config.topicPrefix(),
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
        }
    }

    @Override
    public void stop() {
        closeJob();
        if (snapshotCheckpoints != null && offsets != null && offsets.inBinlog()) {
            snapshotCheckpoints.deleteAll();
        }
        if (metrics != null) {
            metrics.close();
        }
    }
}
