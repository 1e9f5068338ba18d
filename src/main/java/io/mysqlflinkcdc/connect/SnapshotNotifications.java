package io.mysqlflinkcdc.connect;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Debezium's "Incremental Snapshot" notifications for on-demand snapshots: a worker log line
 * and/or a record in the notification topic (notification.enabled.channels). A record rides on
 * the source partition and offset of the record it follows, so it moves no offset of its own.
 */
final class SnapshotNotifications {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotNotifications.class);
    static final String AGGREGATE_TYPE = "Incremental Snapshot";
    static final Schema VALUE_SCHEMA = SchemaBuilder.struct().name("io.debezium.connector.common.Notification")
            .field("id", Schema.STRING_SCHEMA)
            .field("aggregate_type", Schema.STRING_SCHEMA)
            .field("type", Schema.STRING_SCHEMA)
            .field("additional_data", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA).build())
            .field("timestamp", Schema.INT64_SCHEMA)
            .build();

    /** Debezium's notification types this connector sends. */
    enum Type { STARTED, COMPLETED, ABORTED }

    private final String connectorName;
    private final boolean toLog;
    private final String topic;

    /**
     * @param topic the sink channel's topic, or null when that channel is off
     */
    SnapshotNotifications(String connectorName, boolean toLog, String topic) {
        this.connectorName = connectorName;
        this.toLog = toLog;
        this.topic = topic;
    }

    /**
     * Notifies that the on-demand snapshot of {@code tables} reached {@code type}; returns the
     * record for the notification topic (none when that channel is off).
     *
     * @param carrier a record handed to Connect just before, whose partition and offset the record reuses
     */
    List<SourceRecord> notify(Type type, List<String> tables, SourceRecord carrier) {
        if (tables.isEmpty() || (!toLog && topic == null)) {
            return List.of();
        }
        Map<String, String> data = new LinkedHashMap<>();
        data.put("connector_name", connectorName);
        data.put("data_collections", String.join(",", tables));
        String id = UUID.randomUUID().toString();
        long now = System.currentTimeMillis();
        if (toLog) {
            LOG.info("Notification {}: {} {} {}", id, AGGREGATE_TYPE, type, data);
        }
        if (topic == null || carrier == null) {
            return List.of();
        }
        Struct value = new Struct(VALUE_SCHEMA).put("id", id).put("aggregate_type", AGGREGATE_TYPE)
                .put("type", type.name()).put("additional_data", data).put("timestamp", now);
        return List.of(new SourceRecord(carrier.sourcePartition(), carrier.sourceOffset(), topic, null,
                Schema.STRING_SCHEMA, id, VALUE_SCHEMA, value, now));
    }
}
