package io.mysqlflinkcdc.connect;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mysqlflinkcdc.connect.config.ConnectorConfig;
import io.mysqlflinkcdc.connect.config.StartupMode;
import io.mysqlflinkcdc.connect.engine.BufferSizing;
import io.mysqlflinkcdc.connect.offset.StoredOffset;
import io.mysqlflinkcdc.connect.server.BinlogFiles;
import io.mysqlflinkcdc.connect.server.KeylessTables;
import io.mysqlflinkcdc.connect.server.RowWidths;
import io.mysqlflinkcdc.connect.server.ServerConnections;
import io.mysqlflinkcdc.connect.server.ServerTables;

/** What the task checks on the server before it starts a job; a server it cannot reach is left to the job. */
final class StartChecks {

    private static final Logger LOG = LoggerFactory.getLogger(StartChecks.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private StartChecks() {
    }

    /**
     * Refuses keyless tables without message.key.columns before any record is read, and gives
     * Flink CDC a column to split the others' snapshot by. Unreachable server: the job reports it.
     */
    static Map<String, String> keylessTableChunkColumns(ConnectorConfig config) {
        KeylessTables.Findings findings;
        try (Connection connection = ServerConnections.open(config, TIMEOUT)) {
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
     * Chunk and queue sizes that keep the job's buffers within max.queue.size.in.bytes for its
     * widest rows. Unreachable server: the configured sizes (the job reports the server).
     */
    static BufferSizing bufferSizing(ConnectorConfig config, List<String> tables) {
        Map<String, Long> widths;
        try (Connection connection = ServerConnections.open(config, TIMEOUT)) {
            widths = RowWidths.of(connection, tables);
        } catch (SQLException e) {
            LOG.warn("Could not measure the row widths of '{}' ({}); using snapshot.chunk.size and the default queue "
                    + "sizes", config.topicPrefix(), e.toString());
            widths = Map.of();
        }
        BufferSizing sizing = BufferSizing.of(config.maxQueueBytes(), config.snapshotChunkSize(), widths);
        if (sizing.narrowed(config.snapshotChunkSize())) {
            LOG.info("Rows of {} take about {} bytes: snapshot chunks of {} rows and queues of {} records keep each "
                    + "stage within max.queue.size.in.bytes={}", sizing.widestTable(), sizing.widestRowBytes(),
                    sizing.chunkRows(), sizing.queueRecords(), config.maxQueueBytes());
        }
        return sizing;
    }

    /** The tables the include/exclude lists select now (for a task config without its own list). */
    static List<String> capturedTables(ConnectorConfig config) {
        try (Connection connection = ServerConnections.open(config, TIMEOUT)) {
            return List.copyOf(ServerTables.captured(connection, config.configuredTableSelection()).keySet());
        } catch (SQLException e) {
            throw new RetriableException("Could not list the tables of '" + config.topicPrefix() + "' at "
                    + config.hostname() + ":" + config.port() + " (" + e.getMessage() + ")", e);
        }
    }

    /**
     * A stored binlog position the server has purged cannot be resumed: fail naming it and the fix,
     * or with snapshot.mode=when_needed drop it for a new snapshot. Unreachable server: the job reports it.
     */
    static StoredOffset unlessPurged(ConnectorConfig config, StoredOffset stored) {
        if (!(stored instanceof StoredOffset.Streaming streaming)) {
            return stored;
        }
        List<String> files;
        try (Connection connection = ServerConnections.open(config, TIMEOUT)) {
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
}
