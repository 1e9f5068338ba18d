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
import io.mysqlflinkcdc.connect.engine.EmbeddedCdcJob;
import io.mysqlflinkcdc.connect.engine.JobCheckpoints;
import io.mysqlflinkcdc.connect.engine.MySqlSourceFactory;
import io.mysqlflinkcdc.connect.engine.RecordHandover;
import io.mysqlflinkcdc.connect.errors.ConnectionRetries;
import io.mysqlflinkcdc.connect.errors.JobFailures;
import io.mysqlflinkcdc.connect.metrics.TaskMetrics;
import io.mysqlflinkcdc.connect.offset.OffsetCodec;
import io.mysqlflinkcdc.connect.offset.StoredOffset;
import io.mysqlflinkcdc.connect.record.SourceRecordDeserializer;
import io.mysqlflinkcdc.connect.record.SourceRecordFactory;

/**
 * Runs the embedded Flink CDC job and hands its records to Connect. {@link #poll()} only drains the
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
    /** Where this task started, and the offset of the last record handed to Connect (null before any). */
    private StoredOffset startedFrom;
    private Map<String, ?> lastPolledOffset;
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
        records = new SourceRecordFactory(config.recordSettings());
        StoredOffset stored = StartChecks.unlessPurged(config, storedOffset());
        startedFrom = stored;
        snapshotCheckpoints = config.snapshotCheckpointDir()
                .map(dir -> new SnapshotCheckpoints(dir, config.snapshotCheckpointInterval())).orElse(null);
        retries = new ConnectionRetries(config.connectionRetryTimeout(), config.connectionRetryBackoffMax(),
                System::nanoTime);
        metrics = TaskMetrics.start(config, stored, config.maxQueueSize(), () -> {
            RecordHandover<SourceRecord> current = handover;
            return current == null ? config.maxQueueSize() : current.remainingCapacity();
        });
        try {
            startJob(stored);
        } catch (RuntimeException | Error e) {
            // Connect calls no stop() after a failed start: take the MBeans down here.
            metrics.close();
            throw e;
        }
    }

    private void startJob(StoredOffset stored) {
        if (stored instanceof StoredOffset.SnapshotOnlyCompleted) {
            LOG.info("The initial_only snapshot of '{}' completed earlier; nothing left to read", config.topicPrefix());
            idle = true;
            return;
        }
        handover = new RecordHandover<>(config.maxQueueSize());
        lastProgressNanos = System.nanoTime();
        StartupOptions startup;
        int parallelism;
        String storedTableSchemas = null;
        JobCheckpoints<SourceRecord> checkpoints = null;
        if (stored instanceof StoredOffset.Streaming streaming) {
            LOG.info("Resuming the binlog of '{}' at {}, with {}", config.topicPrefix(), streaming.position(),
                    streaming.tableSchemas() == null ? "the tables' current schemas (none stored with the offset)"
                            : "the table schemas stored with the offset");
            startup = MySqlSourceFactory.startupFromPosition(streaming.position());
            storedTableSchemas = streaming.tableSchemas();
            parallelism = 1;
        } else {
            LOG.info("No completed snapshot stored for '{}'; starting with snapshot.mode={}",
                    config.topicPrefix(), config.startupMode());
            startup = MySqlSourceFactory.startupFromMode(config);
            parallelism = config.startupMode().snapshotsData() ? config.snapshotParallelism() : 1;
            if (snapshotCheckpoints != null && config.startupMode().snapshotsData()) {
                checkpoints = snapshotCheckpoints.forSnapshotJob(stored, config.topicPrefix());
            }
        }
        var deserializer = new SourceRecordDeserializer(config.recordSettings());
        var source = MySqlSourceFactory.create(config, config.serverIds(), startup, deserializer,
                StartChecks.keylessTableChunkColumns(config), storedTableSchemas);
        try {
            job = EmbeddedCdcJob.start("mysql-flink-cdc[" + config.topicPrefix() + "]", source, parallelism,
                    CHECKPOINT_INTERVAL, handover, checkpoints);
        } catch (Exception e) {
            throw new ConnectException("Could not start the embedded Flink CDC job: " + e.getMessage(), e);
        }
        if (checkpoints != null) {
            snapshotCheckpoints.jobStarted(job.jobId());
        }
        metrics.jobRunning(true);
    }

    private StoredOffset storedOffset() {
        Map<String, Object> offset = context.offsetStorageReader().offset(OffsetCodec.partition(config.topicPrefix()));
        if (offset == null) {
            return null;
        }
        try {
            return OffsetCodec.decode(offset);
        } catch (IllegalArgumentException e) {
            throw new ConnectException("The stored offset of '" + config.topicPrefix() + "' is unusable: "
                    + e.getMessage() + ". Stop the connector, then PATCH /connectors/<name>/offsets with a valid "
                    + "binlog position, or DELETE it to start afresh with a new snapshot.", e);
        }
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
            lastPolledOffset = batch.get(batch.size() - 1).sourceOffset();
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
            List<SourceRecord> completed = List.of(records.snapshotOnlyCompleted());
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
                        + describe(resumePoint()) + ".", cause);
            }
            throw failure;
        }
        restartAtNanos = System.nanoTime() + delay.get().toNanos();
        throw new RetriableException("The embedded Flink CDC job lost the server at " + config.hostname() + ":"
                + config.port() + " (" + JobFailures.rootCause(cause) + "); restarting it in "
                + delay.get().toMillis() + " ms from " + describe(resumePoint()) + " (attempt " + retries.attempts()
                + "; the task fails once the outage exceeds connection.retry.timeout.ms)", cause);
    }

    private List<SourceRecord> restartWhenDue() throws InterruptedException {
        long waitNanos = restartAtNanos - System.nanoTime();
        if (waitNanos > 0) {
            Thread.sleep(Math.min(Duration.ofNanos(waitNanos).toMillis() + 1, config.pollInterval().toMillis()));
            return null;
        }
        restartAtNanos = -1;
        startJob(resumePoint());
        return null;
    }

    /** The last position handed to Connect: restarting there repeats nothing and skips nothing. */
    private StoredOffset resumePoint() {
        return lastPolledOffset == null ? startedFrom : OffsetCodec.decode(lastPolledOffset);
    }

    /**
     * While streaming, the binlog client reconnects by itself and heartbeats arrive every few seconds
     * even when nothing changes: silence for the whole retry timeout means the server is gone.
     */
    private void failIfSilent() {
        long silentNanos = System.nanoTime() - lastProgressNanos;
        if (resumePoint() instanceof StoredOffset.Streaming && silentNanos > retries.timeout().toNanos()) {
            metrics.jobRunning(false);
            closeJob();
            throw new ConnectException("No change and no heartbeat from the server at " + config.hostname() + ":"
                    + config.port() + " for " + Duration.ofNanos(silentNanos).toSeconds()
                    + " s (connection.retry.timeout.ms=" + retries.timeout().toMillis() + "): it is down or "
                    + "unreachable and the binlog client could not reconnect. Once it is back, restart the task "
                    + "(POST /connectors/<name>/restart?includeTasks=true); it resumes at "
                    + describe(resumePoint()) + ".");
        }
    }

    private static String describe(StoredOffset offset) {
        if (offset instanceof StoredOffset.Streaming streaming) {
            return "binlog position " + streaming.position().file() + ":" + streaming.position().pos();
        }
        return "the start (snapshot)";
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
        if (snapshotCheckpoints != null && resumePoint() instanceof StoredOffset.Streaming) {
            snapshotCheckpoints.deleteAll();
        }
        if (metrics != null) {
            metrics.close();
        }
    }
}
