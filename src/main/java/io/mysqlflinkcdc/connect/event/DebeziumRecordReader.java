package io.mysqlflinkcdc.connect.event;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.apache.flink.cdc.connectors.mysql.source.utils.RecordUtils;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;

import io.mysqlflinkcdc.connect.offset.BinlogPosition;

/**
 * The one place that reads the Debezium change envelopes Flink CDC produces (in its shaded Connect
 * classes) and turns them into {@link ChangeEvent}s in the worker's Connect classes.
 */
public final class DebeziumRecordReader {

    /** The server name Flink CDC's MySqlSource gives Debezium; it prefixes the schema names. */
    static final String FLINK_CDC_SERVER_NAME = "mysql_binlog_source";

    private final SchemaTranslator translator;

    public DebeziumRecordReader(String topicPrefix) {
        this.translator = new SchemaTranslator(FLINK_CDC_SERVER_NAME, topicPrefix);
    }

    /** The event a record carries, or empty for records that carry none (e.g. Debezium tombstones). */
    public Optional<ChangeEvent> read(SourceRecord record) {
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
        Struct key = translator.struct(
                (org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.Struct) record.key());
        String op = envelope.getString("op");
        return Optional.of(switch (op) {
            case "r" -> new ChangeEvent(ChangeEvent.Kind.SNAPSHOT_READ, database, table, key,
                    translator.struct(envelope.getStruct("after")), null, null);
            case "c" -> new ChangeEvent(ChangeEvent.Kind.INSERT, database, table, key,
                    translator.struct(envelope.getStruct("after")), null, position(record.sourceOffset()));
            case "u" -> {
                Struct after = translator.struct(envelope.getStruct("after"));
                Struct before = translator.struct(envelope.getStruct("before"));
                yield new ChangeEvent(ChangeEvent.Kind.UPDATE, database, table, key, after,
                        changedKey(key, before), position(record.sourceOffset()));
            }
            case "d" -> new ChangeEvent(ChangeEvent.Kind.DELETE, database, table, key, null, null,
                    position(record.sourceOffset()));
            default -> throw new ConnectException("Unknown Debezium operation '" + op + "' in a change of "
                    + database + "." + table + "; this connector version does not support it");
        });
    }

    /** The key the row had before an update, when the update changed it (else null). */
    static Struct changedKey(Struct key, Struct before) {
        if (key == null || before == null) {
            return null;
        }
        Struct previous = new Struct(key.schema());
        for (Field field : key.schema().fields()) {
            previous.put(field, before.get(field.name()));
        }
        return Objects.equals(previous, key) ? null : previous;
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
