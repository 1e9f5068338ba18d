package io.mysqlflinkcdc.connect.engine;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.apache.flink.cdc.connectors.mysql.source.ConnectorMySqlSource;
import org.apache.flink.cdc.connectors.mysql.source.JdbcChunkReading;
import org.apache.flink.cdc.connectors.mysql.source.MySqlSource;
import org.apache.flink.cdc.connectors.mysql.source.MySqlSourceBuilder;
import org.apache.flink.cdc.connectors.mysql.source.ResumedTablesState;
import org.apache.flink.cdc.connectors.mysql.source.offset.BinlogOffset;
import org.apache.flink.cdc.connectors.mysql.source.offset.BinlogOffsetBuilder;
import org.apache.flink.cdc.connectors.mysql.table.StartupOptions;
import org.apache.flink.cdc.debezium.DebeziumDeserializationSchema;
import org.apache.flink.table.catalog.ObjectPath;

import io.mysqlflinkcdc.connect.config.ConnectorConfig;
import io.mysqlflinkcdc.connect.config.ServerIdRange;
import io.mysqlflinkcdc.connect.config.TableSelection;
import io.mysqlflinkcdc.connect.format.DecimalMode;
import io.mysqlflinkcdc.connect.offset.BinlogPosition;
import io.mysqlflinkcdc.connect.offset.ChunkProgress;

/** Builds Flink CDC's incremental {@link MySqlSource} from the connector config and the start point. */
public final class MySqlSourceFactory {

    private MySqlSourceFactory() {
    }

    /**
     * @param tables             the tables the job reads
     * @param chunkKeyColumns    snapshot split column per keyless {@code db.table} (Flink CDC requires one)
     * @param storedTableSchemas table schemas stored with a binlog start position, else {@code null}
     * @param resumedTables      with a snapshotting start: the tables that resume at their own binlog
     *                           position instead of being snapshotted
     * @param partialTable       with a snapshotting start: a table whose snapshot continues after the
     *                           chunks it has done ({@code partialProgress}), or {@code null}
     * @param sizing             chunk and queue sizes for the widest rows the job reads
     * @param snapshotSplitsOnly with a snapshotting start: read the snapshot splits and never the
     *                           binlog (a backfill beside the task's main job)
     */
    public static <T> MySqlSource<T> create(ConnectorConfig config, TableSelection tables, ServerIdRange serverIds,
                                            StartupOptions startup,
                                            DebeziumDeserializationSchema<T> deserializer,
                                            Map<String, String> chunkKeyColumns, String storedTableSchemas,
                                            Map<String, BinlogPosition> resumedTables,
                                            String partialTable, ChunkProgress partialProgress,
                                            BufferSizing sizing, boolean snapshotSplitsOnly,
                                            Map<String, String> snapshotFilters) {
        MySqlSourceBuilder<T> builder = MySqlSource.<T>builder()
                .hostname(config.hostname())
                .port(config.port())
                .username(config.user())
                .password(config.password())
                .serverId(serverIds.toFlinkCdcString())
                .serverTimeZone(config.serverTimeZone().getId())
                .databaseList(tables.databaseList().toArray(new String[0]))
                .splitSize(sizing.chunkRows())
                .fetchSize(config.snapshotFetchSize())
                .connectTimeout(config.connectTimeout())
                .heartbeatInterval(config.heartbeatInterval())
                .startupOptions(startup)
                .closeIdleReaders(true)
                // A backfill reads no binlog (see snapshotSplitsOnly); its tables' changes follow from the main job.
                .skipSnapshotBackfill(config.snapshotBackfillSkip() || snapshotSplitsOnly)
                .debeziumProperties(debeziumProperties(config, sizing))
                .jdbcProperties(jdbcProperties(config))
                .deserializer(deserializer);
        tables.tableList().ifPresent(list -> builder.tableList(list.toArray(new String[0])));
        chunkKeyColumns.forEach((table, column) -> {
            int dot = table.indexOf('.');
            builder.chunkKeyColumn(new ObjectPath(table.substring(0, dot), table.substring(dot + 1)), column);
        });
        Map<String, BinlogOffset> resumed = new HashMap<>();
        resumedTables.forEach((table, position) -> resumed.put(table, binlogOffset(position)));
        return ConnectorMySqlSource.of(builder.build(), deserializer, storedTableSchemas, resumed,
                partialTable == null ? null : new ResumedTablesState.Partial(partialTable,
                        partialProgress.chunksDone(), partialProgress.doneUntil(),
                        binlogOffset(partialProgress.highWatermark())), snapshotSplitsOnly, snapshotFilters,
                config.snapshotChunksByJdbc()
                        ? new JdbcChunkReading(sizing.batchRecords(), config.decimalMode() == DecimalMode.STRING)
                        : null);
    }

    /** Where to start reading: from a stored binlog position, or as snapshot.mode says. */
    public static StartupOptions startupFromPosition(BinlogPosition position) {
        return StartupOptions.specificOffset(binlogOffset(position));
    }

    private static BinlogOffset binlogOffset(BinlogPosition position) {
        BinlogOffsetBuilder offset = BinlogOffset.builder()
                .setBinlogFilePosition(position.file(), position.pos())
                .setSkipEvents(position.event())
                .setSkipRows(position.row())
                .setTimestampSec(position.tsSec());
        if (position.gtids() != null && !position.gtids().isEmpty()) {
            offset.setGtidSet(position.gtids());
        }
        if (position.serverId() != null) {
            offset.setServerId(position.serverId());
        }
        return offset.build();
    }

    public static StartupOptions startupFromMode(ConnectorConfig config) {
        return switch (config.startupMode()) {
            case INITIAL, WHEN_NEEDED -> StartupOptions.initial();
            case INITIAL_ONLY -> StartupOptions.snapshot();
            case NO_DATA -> StartupOptions.latest();
            case EARLIEST -> StartupOptions.earliest();
            case TIMESTAMP -> StartupOptions.timestamp(config.startupTimestampMs().orElseThrow());
            case SPECIFIC_OFFSET -> config.startupGtidSet()
                    .map(StartupOptions::specificOffset)
                    .orElseGet(() -> StartupOptions.specificOffset(config.startupBinlogFile().orElseThrow(),
                            config.startupBinlogPosition().orElseThrow()));
        };
    }

    static final long QUEUE_POLL_INTERVAL_MS = 20;

    /**
     * The JDBC properties Flink CDC gets. It appends each to the JDBC URL as {@code &key=value}
     * without escaping (its connection pool and Debezium's connection both do), and Connector/J
     * URL-decodes them, so every value is percent-encoded: a truststore password holding
     * {@code &}, {@code =} or {@code #} must neither break the URL nor be echoed by a parse error.
     */
    static Properties jdbcProperties(ConnectorConfig config) {
        Properties props = config.jdbcSslProperties();
        // YEAR as a number, not a java.sql.Date (which can't hold YEAR 0000).
        props.setProperty("yearIsDateType", "false");
        Properties escaped = new Properties();
        // Connector/J decodes "+" as itself, so spaces must be %20.
        props.stringPropertyNames().forEach(key -> escaped.setProperty(key,
                URLEncoder.encode(props.getProperty(key), StandardCharsets.UTF_8).replace("+", "%20")));
        return escaped;
    }

    private static Properties debeziumProperties(ConnectorConfig config, BufferSizing sizing) {
        Properties props = config.debeziumSslProperties();
        props.setProperty("max.queue.size", Integer.toString(sizing.queueRecords()));
        props.setProperty("max.batch.size", Integer.toString(sizing.batchRecords()));
        // Upsert topics carry deletes as tombstones built by this connector, not Debezium's.
        props.setProperty("tombstones.on.delete", "false");
        // Gives every column schema its MySQL type, length and scale: TIME(3) and DATETIME(6) are
        // written with exactly that many fraction digits.
        props.setProperty("column.propagate.source.type", ".*");
        // The adjuster reads YEAR values below 100 as two-digit years (0 -> 2000); MySQL 8 has no YEAR(2).
        props.setProperty("enable.time.adjuster", "false");
        props.setProperty("binary.handling.mode", config.binaryHandlingMode());
        // Debezium's queue hands over a batch only when it is full (2,048) or after this wait: the
        // default 500 ms cost every snapshot chunk up to a second (its last batch, then the
        // reader's close) and every binlog change up to half a second of latency.
        props.setProperty("poll.interval.ms", Long.toString(QUEUE_POLL_INTERVAL_MS));
        props.setProperty("bigint.unsigned.handling.mode", config.bigintUnsignedHandlingMode());
        // An idle server sends nothing but its heartbeats, and only those move the offset forward:
        // Debezium's default keep-alive (60 s) would space them 48 s apart whatever
        // heartbeat.interval.ms says. A floor keeps the client from reconnecting over a late packet.
        props.setProperty("connect.keep.alive.interval.ms",
                Long.toString(config.keepAliveInterval().toMillis()));
        return props;
    }
}
