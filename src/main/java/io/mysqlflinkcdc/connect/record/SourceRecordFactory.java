package io.mysqlflinkcdc.connect.record;

import java.util.Map;
import java.util.function.Consumer;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

import io.mysqlflinkcdc.connect.event.ChangeEvent;
import io.mysqlflinkcdc.connect.offset.OffsetCodec;
import io.mysqlflinkcdc.connect.offset.StoredOffset;

/**
 * Builds the upsert-keyed records: key = primary key, value = row after the change, delete =
 * tombstone, and an update that moves a row to a new primary key = tombstone for the old key
 * followed by the new row. Heartbeats go to the heartbeat topic, carrying the binlog position.
 */
public final class SourceRecordFactory {

    static final Schema HEARTBEAT_KEY_SCHEMA = SchemaBuilder.struct()
            .name("io.debezium.connector.common.ServerNameKey")
            .field("serverName", Schema.STRING_SCHEMA).build();
    static final Schema HEARTBEAT_VALUE_SCHEMA = SchemaBuilder.struct()
            .name("io.debezium.connector.common.Heartbeat")
            .field("ts_ms", Schema.INT64_SCHEMA).build();

    private final String topicPrefix;
    private final String heartbeatTopic;
    private final Map<String, String> partition;
    private final Struct heartbeatKey;

    public SourceRecordFactory(String topicPrefix, String heartbeatTopic) {
        this.topicPrefix = topicPrefix;
        this.heartbeatTopic = heartbeatTopic;
        this.partition = OffsetCodec.partition(topicPrefix);
        this.heartbeatKey = new Struct(HEARTBEAT_KEY_SCHEMA).put("serverName", topicPrefix);
    }

    public String topicFor(String database, String table) {
        return topicPrefix + "." + database + "." + table;
    }

    public void toRecords(ChangeEvent event, Consumer<SourceRecord> out) {
        if (event.kind() == ChangeEvent.Kind.HEARTBEAT) {
            out.accept(heartbeat(new StoredOffset.Streaming(event.position())));
            return;
        }
        Map<String, Object> offset = OffsetCodec.encode(event.position() == null
                ? new StoredOffset.SnapshotRunning() : new StoredOffset.Streaming(event.position()));
        String topic = topicFor(event.database(), event.table());
        Schema keySchema = event.key() == null ? null : event.key().schema();
        if (event.previousKey() != null) {
            out.accept(new SourceRecord(partition, offset, topic, null, keySchema, event.previousKey(), null, null));
        }
        if (event.kind() == ChangeEvent.Kind.DELETE) {
            out.accept(new SourceRecord(partition, offset, topic, null, keySchema, event.key(), null, null));
        } else {
            out.accept(new SourceRecord(partition, offset, topic, null, keySchema, event.key(),
                    event.value().schema(), event.value()));
        }
    }

    /** Marks, in the offsets, that an initial_only snapshot finished, so a restart does not redo it. */
    public SourceRecord snapshotOnlyCompleted() {
        return heartbeat(new StoredOffset.SnapshotOnlyCompleted());
    }

    private SourceRecord heartbeat(StoredOffset offset) {
        Struct value = new Struct(HEARTBEAT_VALUE_SCHEMA).put("ts_ms", System.currentTimeMillis());
        return new SourceRecord(partition, OffsetCodec.encode(offset), heartbeatTopic, null,
                HEARTBEAT_KEY_SCHEMA, heartbeatKey, HEARTBEAT_VALUE_SCHEMA, value);
    }
}
