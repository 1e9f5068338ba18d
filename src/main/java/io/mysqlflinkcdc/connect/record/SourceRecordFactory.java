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
 * Builds the upsert-keyed records: key = primary key (or message.key.columns), value = row after
 * the change, delete = tombstone, and an update that moves a row to a new key = tombstone for the
 * old key followed by the new row. Heartbeats go to the heartbeat topic, carrying the binlog position.
 */
public final class SourceRecordFactory {

    static final Schema HEARTBEAT_KEY_SCHEMA = SchemaBuilder.struct()
            .name("io.debezium.connector.common.ServerNameKey")
            .field("serverName", Schema.STRING_SCHEMA).build();
    static final Schema HEARTBEAT_VALUE_SCHEMA = SchemaBuilder.struct()
            .name("io.debezium.connector.common.Heartbeat")
            .field("ts_ms", Schema.INT64_SCHEMA).build();

    private final String heartbeatTopic;
    private final Map<String, String> partition;
    private final Struct heartbeatKey;
    private final TopicRouter router;
    private final RecordKeys keys;
    private final MetadataWriter metadata;
    /** The captured tables' schemas as of the records being built (binlog phase), else null. */
    private String tableSchemas;

    public SourceRecordFactory(RecordSettings settings) {
        this.heartbeatTopic = settings.heartbeatTopic();
        this.partition = OffsetCodec.partition(settings.topicPrefix());
        this.heartbeatKey = new Struct(HEARTBEAT_KEY_SCHEMA).put("serverName", settings.topicPrefix());
        this.router = new TopicRouter(settings.topicPrefix(), settings.routeRegex(), settings.routeReplacement(),
                settings.routeKeyField());
        this.keys = new RecordKeys(KeyColumnOverrides.parse(settings.keyColumns()));
        this.metadata = new MetadataWriter(settings.metadataFields(), settings.metadataLocation());
    }

    /** From now on, binlog offsets carry these table schemas (see TableSchemasCodec). */
    public void tableSchemasChanged(String encoded) {
        this.tableSchemas = encoded;
    }

    public void toRecords(ChangeEvent event, Consumer<SourceRecord> out) {
        if (event.kind() == ChangeEvent.Kind.HEARTBEAT) {
            out.accept(heartbeat(new StoredOffset.Streaming(event.position(), tableSchemas)));
            return;
        }
        Map<String, Object> offset = OffsetCodec.encode(event.position() == null
                ? new StoredOffset.SnapshotRunning() : new StoredOffset.Streaming(event.position(), tableSchemas));
        TopicRouter.Route route = router.route(event.database(), event.table());
        RecordKeys.Keys eventKeys = keys.of(event);
        if (eventKeys.previous() != null) {
            Struct previous = router.key(route, eventKeys.previous());
            out.accept(new TableRecord(route.sourceTable(), partition, offset, route.topic(), previous.schema(),
                    previous, null, null, metadata.headers(event, "d")));
        }
        Struct key = router.key(route, eventKeys.key());
        String op = MetadataWriter.op(event);
        if (event.kind() == ChangeEvent.Kind.DELETE) {
            out.accept(new TableRecord(route.sourceTable(), partition, offset, route.topic(), key.schema(), key,
                    null, null, metadata.headers(event, op)));
        } else {
            Struct value = metadata.value(event, event.after());
            out.accept(new TableRecord(route.sourceTable(), partition, offset, route.topic(), key.schema(), key,
                    value.schema(), value, metadata.headers(event, op)));
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
