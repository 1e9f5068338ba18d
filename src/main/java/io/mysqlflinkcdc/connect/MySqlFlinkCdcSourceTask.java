package io.mysqlflinkcdc.connect;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.flink.cdc.connectors.mysql.table.StartupOptions;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mysqlflinkcdc.connect.config.ConnectorConfig;
import io.mysqlflinkcdc.connect.config.StartupMode;
import io.mysqlflinkcdc.connect.engine.EmbeddedCdcJob;
import io.mysqlflinkcdc.connect.engine.MySqlSourceFactory;
import io.mysqlflinkcdc.connect.engine.RecordHandover;
import io.mysqlflinkcdc.connect.errors.JobFailures;
import io.mysqlflinkcdc.connect.metrics.TaskMetrics;
import io.mysqlflinkcdc.connect.offset.OffsetCodec;
import io.mysqlflinkcdc.connect.offset.StoredOffset;
import io.mysqlflinkcdc.connect.record.SourceRecordDeserializer;
import io.mysqlflinkcdc.connect.record.SourceRecordFactory;
import io.mysqlflinkcdc.connect.server.BinlogFiles;
import io.mysqlflinkcdc.connect.server.KeylessTables;
import io.mysqlflinkcdc.connect.server.ServerConnections;

/**
 * Runs the embedded Flink CDC job and hands its records to Connect. {@link #poll()} only drains the
 * bounded hand-over; the job's failure surfaces there, after the records that preceded it.
 */
public class MySqlFlinkCdcSourceTask extends SourceTask {

    private static final Logger LOG = LoggerFactory.getLogger(MySqlFlinkCdcSourceTask.class);
    private static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(2);
    private static final Duration PREFLIGHT_TIMEOUT = Duration.ofSeconds(10);

    private ConnectorConfig config;
    private SourceRecordFactory records;
    private RecordHandover<SourceRecord> handover;
    private EmbeddedCdcJob<SourceRecord> job;
    private TaskMetrics metrics;
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
        StoredOffset stored = unlessPurged(storedOffset());
        handover = new RecordHandover<>(config.maxQueueSize());
        metrics = TaskMetrics.start(config, stored, handover.capacity(), handover::remainingCapacity);
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
        StartupOptions startup;
        int parallelism;
        String storedTableSchemas = null;
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
        }
        var deserializer = new SourceRecordDeserializer(config.recordSettings());
        var source = MySqlSourceFactory.create(config, config.serverIds(), startup, deserializer,
                keylessTableChunkColumns(), storedTableSchemas);
        try {
            job = EmbeddedCdcJob.start("mysql-flink-cdc[" + config.topicPrefix() + "]", source, parallelism,
                    CHECKPOINT_INTERVAL, handover);
        } catch (Exception e) {
            throw new ConnectException("Could not start the embedded Flink CDC job: " + e.getMessage(), e);
        }
        metrics.jobRunning(true);
    }

    /**
     * Refuses keyless tables without message.key.columns before any record is read, and gives
     * Flink CDC a column to split the others' snapshot by. Unreachable server: the job reports it.
     */
    private Map<String, String> keylessTableChunkColumns() {
        KeylessTables.Findings findings;
        try (Connection connection = ServerConnections.open(config, PREFLIGHT_TIMEOUT)) {
            findings = KeylessTables.find(connection, config.tableSelection(), config.keyColumnOverrides());
        } catch (SQLException e) {
            LOG.warn("Could not list the tables without primary key of '{}' ({}); the job will check its tables itself",
                    config.topicPrefix(), e.toString());
            return Map.of();
        }
        if (!findings.withoutKeyColumns().isEmpty()) {
            throw new ConnectException(findings.problem());
        }
        if (!findings.chunkKeyColumns().isEmpty()) {
            LOG.info("Tables without primary key keyed and split by message.key.columns: {}",
                    findings.chunkKeyColumns());
        }
        return findings.chunkKeyColumns();
    }

    /**
     * A stored binlog position the server has purged cannot be resumed: fail naming it and the fix,
     * or with snapshot.mode=when_needed drop it for a new snapshot. Unreachable server: the job reports it.
     */
    private StoredOffset unlessPurged(StoredOffset stored) {
        if (!(stored instanceof StoredOffset.Streaming streaming)) {
            return stored;
        }
        List<String> files;
        try (Connection connection = ServerConnections.open(config, PREFLIGHT_TIMEOUT)) {
            files = BinlogFiles.list(connection);
        } catch (SQLException e) {
            LOG.warn("Could not list the binlog files of '{}' ({}); resuming without checking {} exists",
                    config.topicPrefix(), e.toString(), streaming.position().file());
            return stored;
        }
        if (files.isEmpty() || files.contains(streaming.position().file())) {
            return stored;
        }
        String position = streaming.position().file() + ":" + streaming.position().pos();
        String purged = "The stored binlog position " + position + " of '" + config.topicPrefix()
                + "' no longer exists on the server (purged; its oldest binlog is now " + files.get(0) + ")";
        if (config.startupMode() == StartupMode.WHEN_NEEDED) {
            LOG.warn("{}; taking a new snapshot (snapshot.mode=when_needed)", purged);
            return null;
        }
        throw new ConnectException(purged + ". The changes since then cannot be read any more: set "
                + "snapshot.mode=when_needed to take a new snapshot, or stop the connector, DELETE "
                + "/connectors/<name>/offsets and resume. Keep binlogs longer than the connector may be down "
                + "(binlog_expire_logs_seconds, expire_logs_days).");
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
        List<SourceRecord> batch = handover.drain(config.maxBatchSize(), config.pollInterval().toMillis());
        // Counted here, on the task thread, so the progress log lines carry Connect's connector context.
        metrics.polled(batch);
        if (!batch.isEmpty()) {
            return batch;
        }
        RecordHandover.End end = handover.end();
        if (end instanceof RecordHandover.End.Failed failed) {
            metrics.jobRunning(false);
            throw JobFailures.toConnectException(failed.cause());
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
        return null;
    }

    @Override
    public void stop() {
        EmbeddedCdcJob<SourceRecord> running = job;
        job = null;
        if (running != null) {
            long started = System.nanoTime();
            running.close(config.shutdownTimeout());
            LOG.info("Embedded Flink job of '{}' stopped in {} ms", config.topicPrefix(),
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
        }
        if (metrics != null) {
            metrics.close();
        }
    }
}
