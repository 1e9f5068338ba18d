package io.mysqlflinkcdc.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** Debezium-shaped notification records, riding on the offset of the record before them. */
class SnapshotNotificationsTest {

    private final SourceRecord carrier = new SourceRecord(Map.of("server", "shop", "table", "shop.orders"),
            Map.of("snapshot", true), "__debezium-heartbeat.shop", null, Schema.STRING_SCHEMA, "k",
            Schema.STRING_SCHEMA, "v", 1L);

    @Test
    void aSinkNotificationHasDebeziumsFieldsAndTheCarriersOffset() {
        List<SourceRecord> records = new SnapshotNotifications("shop", false, "shop-notifications")
                .notify(SnapshotNotifications.Type.STARTED, List.of("shop.orders", "shop.lines"), carrier);
        assertEquals(1, records.size());
        SourceRecord record = records.get(0);
        assertEquals("shop-notifications", record.topic());
        assertSame(carrier.sourcePartition(), record.sourcePartition());
        assertSame(carrier.sourceOffset(), record.sourceOffset());
        Struct value = (Struct) record.value();
        assertEquals(record.key(), value.getString("id"));
        assertEquals("Incremental Snapshot", value.getString("aggregate_type"));
        assertEquals("STARTED", value.getString("type"));
        assertEquals(Map.of("connector_name", "shop", "data_collections", "shop.orders,shop.lines"),
                value.getMap("additional_data"));
    }

    @Test
    void theLogChannelAloneAndNoTablesMakeNoRecord() {
        assertEquals(List.of(), new SnapshotNotifications("shop", true, null)
                .notify(SnapshotNotifications.Type.COMPLETED, List.of("shop.orders"), carrier));
        assertEquals(List.of(), new SnapshotNotifications("shop", true, "t")
                .notify(SnapshotNotifications.Type.ABORTED, List.of(), carrier));
    }
}
