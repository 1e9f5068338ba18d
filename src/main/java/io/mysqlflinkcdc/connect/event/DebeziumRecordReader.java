package io.mysqlflinkcdc.connect.event;

import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;

import org.apache.flink.cdc.connectors.mysql.source.utils.RecordUtils;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;

import io.debezium.relational.RelationalChangeRecordEmitter;

import io.mysqlflinkcdc.connect.format.ColumnConversions;
import io.mysqlflinkcdc.connect.offset.BinlogPosition;

/**
 * The one place that reads the Debezium change envelopes Flink CDC produces (in its shaded Connect
 * classes), and the rows of the connector's own chunk reader ({@link SnapshotRow}), and turns them
 * into {@link ChangeEvent}s in the worker's Connect classes.
 */
public final class DebeziumRecordReader {

    /** The server name Flink CDC's MySqlSource gives Debezium; it prefixes the schema names. */
    public static final String FLINK_CDC_SERVER_NAME = "mysql_binlog_source";

    private final SchemaTranslator translator;
    private final BiPredicate<String, String> needsRowBefore;

    /** Reads every change with its before image (tests, tools). */
    public DebeziumRecordReader(String topicPrefix, ColumnConversions columns) {
        this(topicPrefix, columns, (database, table) -> true);
    }

    /**
     * @param needsRowBefore whether changes of (database, table) need the row before an update or
     *                       delete: only where the Kafka key comes from the row's columns
     *                       (message.key.columns). Debezium writes an update of the primary key as a
     *                       delete and an insert, so a primary key never needs it; leaving it out saves
     *                       a copy of the whole row per update and delete (docs/design.md, "Key changes").
     */
    public DebeziumRecordReader(String topicPrefix, ColumnConversions columns,
                                BiPredicate<String, String> needsRowBefore) {
        this.translator = new SchemaTranslator(FLINK_CDC_SERVER_NAME, topicPrefix, columns);
        this.needsRowBefore = needsRowBefore;
    }

    /** The event a record carries, or empty for records that carry none (e.g. Debezium tombstones). */
    public Optional<ChangeEvent> read(SourceRecord record) {
        if (record instanceof SnapshotRow row) {
            return Optional.of(new ChangeEvent(ChangeEvent.Kind.SNAPSHOT_READ, row.database(), row.table(),
                    translator.struct((org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.Struct)
                            row.key()),
                    translator.struct(row.valueSchema(), row.values()), null, null, row.readAtMs()));
        }
        if (record.value() == null) {
            return Optional.empty();
        }
        if (RecordUtils.isHeartbeatEvent(record)) {
            return Optional.of(ChangeEvent.heartbeat(position(record.sourceOffset())));
        }
        if (!RecordUtils.isDataChangeRecord(record)) {
            return Optional.empty();
        }
        var envelope = (org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.Struct) record.value();
        var source = envelope.getStruct("source");
        String database = source.getString("db");
        String table = source.getString("table");
        Object tsMs = source.schema().field("ts_ms") == null ? null : source.get("ts_ms");
        long sourceTsMs = tsMs instanceof Number n ? n.longValue() : 0L;
        Struct key = translator.struct(
                (org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.Struct) record.key());
        String op = envelope.getString("op");
        ChangeEvent.Kind kind = switch (op) {
            case "r" -> ChangeEvent.Kind.SNAPSHOT_READ;
            case "c" -> ChangeEvent.Kind.INSERT;
            case "u" -> ChangeEvent.Kind.UPDATE;
            case "d" -> ChangeEvent.Kind.DELETE;
            default -> throw new ConnectException("Unknown Debezium operation '" + op + "' in a change of "
                    + database + "." + table + "; this connector version does not support it");
        };
        Struct after = kind == ChangeEvent.Kind.DELETE ? null : translator.struct(envelope.getStruct("after"));
        Struct before = (kind == ChangeEvent.Kind.UPDATE || kind == ChangeEvent.Kind.DELETE)
                && needsRowBefore.test(database, table) ? translator.struct(envelope.getStruct("before")) : null;
        BinlogPosition position = kind == ChangeEvent.Kind.SNAPSHOT_READ ? null : position(record.sourceOffset());
        boolean keyMovedAway = kind == ChangeEvent.Kind.DELETE
                && record.headers().lastWithName(RelationalChangeRecordEmitter.PK_UPDATE_NEWKEY_FIELD) != null;
        return Optional.of(new ChangeEvent(kind, database, table, key, after, before, position, sourceTsMs,
                keyMovedAway));
    }

    static BinlogPosition position(Map<String, ?> offset) {
        Object serverId = offset.get("server_id");
        return new BinlogPosition(
                (String) offset.get("file"),
                number(offset.get("pos")),
                number(offset.get("event")),
                number(offset.get("row")),
                (String) offset.get("gtids"),
                number(offset.get("ts_sec")),
                serverId == null ? null : number(serverId));
    }

    private static long number(Object value) {
        if (value == null) {
            return 0L;
        }
        return value instanceof Number n ? n.longValue() : Long.parseLong(value.toString());
    }
}
