package io.mysqlflinkcdc.connect.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import io.mysqlflinkcdc.connect.event.ChangeEvent;
import io.mysqlflinkcdc.connect.event.ChangeEvent.Kind;
import io.mysqlflinkcdc.connect.offset.BinlogPosition;
import io.mysqlflinkcdc.connect.offset.OffsetCodec;
import io.mysqlflinkcdc.connect.offset.StoredOffset;

class SourceRecordFactoryTest {

    private static final Schema KEY = SchemaBuilder.struct().name("shop.inventory.orders.Key")
            .field("id", Schema.INT32_SCHEMA).build();
    private static final Schema VALUE = SchemaBuilder.struct().name("shop.inventory.orders.Value")
            .field("id", Schema.INT32_SCHEMA).field("item", Schema.OPTIONAL_STRING_SCHEMA).build();
    private static final BinlogPosition POSITION =
            new BinlogPosition("mysql-bin.000003", 1200, 2, 1, null, 1_700_000_000L, 223344L);

    private final SourceRecordFactory factory = new SourceRecordFactory("shop", "__debezium-heartbeat.shop");

    private static Struct key(int id) {
        return new Struct(KEY).put("id", id);
    }

    private static Struct row(int id, String item) {
        return new Struct(VALUE).put("id", id).put("item", item);
    }

    private List<SourceRecord> records(ChangeEvent event) {
        List<SourceRecord> out = new ArrayList<>();
        factory.toRecords(event, out::add);
        return out;
    }

    @Test
    void topicIsPrefixDatabaseTable() {
        assertEquals("shop.inventory.orders", factory.topicFor("inventory", "orders"));
    }

    @Test
    void insertIsAnUpsertWithKeyAndRow() {
        List<SourceRecord> out = records(new ChangeEvent(Kind.INSERT, "inventory", "orders", key(7), row(7, "pen"),
                null, POSITION));
        assertEquals(1, out.size());
        SourceRecord record = out.get(0);
        assertEquals("shop.inventory.orders", record.topic());
        assertEquals(Map.of("server", "shop"), record.sourcePartition());
        assertEquals(KEY, record.keySchema());
        assertEquals(key(7), record.key());
        assertEquals(VALUE, record.valueSchema());
        assertEquals(row(7, "pen"), record.value());
    }

    @Test
    void deleteIsATombstoneForTheKey() {
        List<SourceRecord> out = records(new ChangeEvent(Kind.DELETE, "inventory", "orders", key(7), null, null,
                POSITION));
        assertEquals(1, out.size());
        SourceRecord record = out.get(0);
        assertEquals("shop.inventory.orders", record.topic());
        assertEquals(key(7), record.key());
        assertEquals(KEY, record.keySchema());
        assertNull(record.value());
        assertNull(record.valueSchema());
    }

    @Test
    void updateThatMovesThePrimaryKeyTombstonesTheOldKeyFirst() {
        List<SourceRecord> out = records(new ChangeEvent(Kind.UPDATE, "inventory", "orders", key(8), row(8, "pen"),
                key(7), POSITION));
        assertEquals(2, out.size());
        assertEquals(key(7), out.get(0).key());
        assertNull(out.get(0).value());
        assertNull(out.get(0).valueSchema());
        assertEquals(key(8), out.get(1).key());
        assertEquals(row(8, "pen"), out.get(1).value());
        assertEquals("shop.inventory.orders", out.get(0).topic());
        assertEquals("shop.inventory.orders", out.get(1).topic());
    }

    @Test
    void updateWithSameKeyIsOneUpsert() {
        List<SourceRecord> out = records(new ChangeEvent(Kind.UPDATE, "inventory", "orders", key(7), row(7, "ink"),
                null, POSITION));
        assertEquals(1, out.size());
        assertEquals(row(7, "ink"), out.get(0).value());
    }

    @Test
    void snapshotReadCarriesARunningSnapshotOffset() {
        SourceRecord record = records(new ChangeEvent(Kind.SNAPSHOT_READ, "inventory", "orders", key(1),
                row(1, "pen"), null, null)).get(0);
        Map<String, ?> offset = record.sourceOffset();
        assertEquals(true, offset.get("snapshot"));
        assertEquals(false, offset.get("snapshot_completed"));
        assertNull(offset.get("file"));
        assertEquals(new StoredOffset.SnapshotRunning(), OffsetCodec.decode(offset));
    }

    @Test
    void binlogEventCarriesItsPosition() {
        SourceRecord record = records(new ChangeEvent(Kind.INSERT, "inventory", "orders", key(7), row(7, "pen"),
                null, POSITION)).get(0);
        Map<String, ?> offset = record.sourceOffset();
        assertEquals("mysql-bin.000003", offset.get("file"));
        assertEquals(1200L, offset.get("pos"));
        assertEquals(2L, offset.get("event"));
        assertEquals(1L, offset.get("row"));
        assertEquals(true, offset.get("snapshot_completed"));
        assertEquals(new StoredOffset.Streaming(POSITION), OffsetCodec.decode(offset));
    }

    @Test
    void heartbeatGoesToTheHeartbeatTopicWithThePosition() {
        List<SourceRecord> out = records(ChangeEvent.heartbeat(POSITION));
        assertEquals(1, out.size());
        SourceRecord record = out.get(0);
        assertEquals("__debezium-heartbeat.shop", record.topic());
        assertEquals(Map.of("server", "shop"), record.sourcePartition());
        assertEquals("shop", ((Struct) record.key()).getString("serverName"));
        assertEquals("io.debezium.connector.common.Heartbeat", record.valueSchema().name());
        assertEquals(new StoredOffset.Streaming(POSITION), OffsetCodec.decode(record.sourceOffset()));
    }

    @Test
    void snapshotOnlyCompletedRecordStoresThatMarker() {
        SourceRecord record = factory.snapshotOnlyCompleted();
        assertEquals("__debezium-heartbeat.shop", record.topic());
        assertInstanceOf(StoredOffset.SnapshotOnlyCompleted.class, OffsetCodec.decode(record.sourceOffset()));
    }
}
