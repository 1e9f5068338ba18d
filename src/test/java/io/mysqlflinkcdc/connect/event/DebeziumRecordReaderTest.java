package io.mysqlflinkcdc.connect.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.Schema;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.Struct;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

import io.debezium.relational.RelationalChangeRecordEmitter;

import io.mysqlflinkcdc.connect.format.ColumnConversions;
import io.mysqlflinkcdc.connect.format.DecimalMode;
import io.mysqlflinkcdc.connect.format.TemporalMode;
import io.mysqlflinkcdc.connect.offset.BinlogPosition;

/** Builds Debezium MySQL envelopes in Flink CDC's shaded Connect classes, as Flink CDC hands them over. */
class DebeziumRecordReaderTest {

    private static final Schema KEY = SchemaBuilder.struct().name("mysql_binlog_source.inventory.orders.Key")
            .field("id", Schema.INT32_SCHEMA).build();
    private static final Schema ROW = SchemaBuilder.struct().name("mysql_binlog_source.inventory.orders.Value")
            .optional()
            .field("id", Schema.INT32_SCHEMA)
            .field("item", Schema.OPTIONAL_STRING_SCHEMA).build();
    private static final Schema SOURCE = SchemaBuilder.struct().name("io.debezium.connector.mysql.Source")
            .field("db", Schema.STRING_SCHEMA)
            .field("table", Schema.OPTIONAL_STRING_SCHEMA)
            .field("file", Schema.STRING_SCHEMA)
            .field("pos", Schema.INT64_SCHEMA)
            .field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA).build();
    private static final Schema ENVELOPE = SchemaBuilder.struct().name("mysql_binlog_source.inventory.orders.Envelope")
            .field("before", ROW)
            .field("after", ROW)
            .field("source", SOURCE)
            .field("op", Schema.STRING_SCHEMA)
            .field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA).build();
    private static final Map<String, String> PARTITION = Map.of("server", "mysql_binlog_source");

    private final DebeziumRecordReader reader = new DebeziumRecordReader("shop",
            new ColumnConversions(DecimalMode.STRING, TemporalMode.ISO));

    private static Struct key(int id) {
        return new Struct(KEY).put("id", id);
    }

    private static Struct row(int id, String item) {
        return new Struct(ROW).put("id", id).put("item", item);
    }

    private static Map<String, Object> offset() {
        Map<String, Object> offset = new HashMap<>();
        offset.put("file", "mysql-bin.000003");
        offset.put("pos", 1200L);
        offset.put("event", 2L);
        offset.put("row", 1);
        offset.put("ts_sec", 1_700_000_000L);
        offset.put("server_id", 223344L);
        offset.put("gtids", "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5");
        return offset;
    }

    private static final BinlogPosition POSITION = new BinlogPosition("mysql-bin.000003", 1200, 2, 1,
            "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5", 1_700_000_000L, 223344L);

    private static SourceRecord change(String op, Struct key, Struct before, Struct after) {
        Struct envelope = new Struct(ENVELOPE)
                .put("before", before)
                .put("after", after)
                .put("source", new Struct(SOURCE).put("db", "inventory").put("table", "orders")
                        .put("file", "mysql-bin.000003").put("pos", 1200L)
                        .put("ts_ms", op.equals("r") ? 0L : 1_700_000_000_000L))
                .put("op", op)
                .put("ts_ms", 1_700_000_000_000L);
        return new SourceRecord(PARTITION, offset(), "mysql_binlog_source.inventory.orders",
                key == null ? null : KEY, key, ENVELOPE, envelope);
    }

    private ChangeEvent read(SourceRecord record) {
        return reader.read(record).orElseThrow();
    }

    @Test
    void snapshotReadHasTheRowAndNoPosition() {
        ChangeEvent event = read(change("r", key(1), null, row(1, "pen")));
        assertSnapshotReadOfPen(event);
        assertEquals(0L, event.sourceTsMs(), "snapshot rows in this test carry no source ts_ms");
    }

    private static void assertSnapshotReadOfPen(ChangeEvent event) {
        assertEquals(ChangeEvent.Kind.SNAPSHOT_READ, event.kind());
        assertEquals("inventory", event.database());
        assertEquals("orders", event.table());
        assertEquals(1, event.key().get("id"));
        assertEquals("shop.inventory.orders.Key", event.key().schema().name());
        assertEquals("pen", event.after().getString("item"));
        assertEquals("shop.inventory.orders.Value", event.after().schema().name());
        assertNull(event.before());
        assertNull(event.position());
    }

    @Test
    void aRowOfTheConnectorsChunkReaderIsASnapshotReadTimedWhenItWasRead() {
        ChangeEvent event = read(new SnapshotRow("inventory", "orders", KEY, key(1), ROW,
                new Object[] {1, "pen"}, 1_700_000_000_123L));
        assertSnapshotReadOfPen(event);
        assertEquals(1_700_000_000_123L, event.sourceTsMs());
    }

    @Test
    void aKeylessRowOfTheConnectorsChunkReaderHasNoKey() {
        assertNull(read(new SnapshotRow("inventory", "orders", null, null, ROW, new Object[] {1, "pen"},
                0L)).key());
    }

    @Test
    void insertCarriesThePositionFromTheSourceOffset() {
        ChangeEvent event = read(change("c", key(7), null, row(7, "pen")));
        assertEquals(ChangeEvent.Kind.INSERT, event.kind());
        assertEquals(7, event.after().get("id"));
        assertEquals(POSITION, event.position());
    }

    @Test
    void updateCarriesBeforeAndAfterAndTheSourceTime() {
        ChangeEvent event = read(change("u", key(7), row(7, "pen"), row(7, "ink")));
        assertEquals(ChangeEvent.Kind.UPDATE, event.kind());
        assertEquals("ink", event.after().getString("item"));
        assertEquals("pen", event.before().getString("item"));
        assertEquals(POSITION, event.position());
        assertEquals(1_700_000_000_000L, event.sourceTsMs());
    }

    @Test
    void deleteHasTheKeyAndTheRowBeforeButNoAfter() {
        ChangeEvent event = read(change("d", key(7), row(7, "pen"), null));
        assertEquals(ChangeEvent.Kind.DELETE, event.kind());
        assertEquals(7, event.key().get("id"));
        assertNull(event.after());
        assertEquals("pen", event.before().getString("item"));
        assertEquals(POSITION, event.position());
    }

    @Test
    void beforeImagesAreReadOnlyForTheTablesThatAskForThem() {
        DebeziumRecordReader primaryKeysOnly = new DebeziumRecordReader("shop",
                new ColumnConversions(DecimalMode.STRING, TemporalMode.ISO),
                (database, table) -> !table.equals("orders"));
        ChangeEvent update = primaryKeysOnly.read(change("u", key(7), row(7, "pen"), row(7, "ink"))).orElseThrow();
        assertEquals("ink", update.after().getString("item"));
        assertNull(update.before(), "a table keyed by its primary key needs no before image");
        ChangeEvent delete = primaryKeysOnly.read(change("d", key(7), row(7, "pen"), null)).orElseThrow();
        assertEquals(7, delete.key().get("id"));
        assertNull(delete.before());

        DebeziumRecordReader ordersByColumns = new DebeziumRecordReader("shop",
                new ColumnConversions(DecimalMode.STRING, TemporalMode.ISO),
                (database, table) -> database.equals("inventory") && table.equals("orders"));
        assertEquals("pen", ordersByColumns.read(change("u", key(7), row(7, "pen"), row(7, "ink"))).orElseThrow()
                .before().getString("item"));
        assertEquals("pen", ordersByColumns.read(change("d", key(7), row(7, "pen"), null)).orElseThrow()
                .before().getString("item"));
    }

    @Test
    void theDeleteDebeziumEmitsForAnUpdateOfThePrimaryKeyIsMarkedAsTheKeyMovingAway() {
        SourceRecord delete = change("d", key(7), row(7, "pen"), null);
        delete.headers().add(RelationalChangeRecordEmitter.PK_UPDATE_NEWKEY_FIELD, key(8), KEY);
        SourceRecord insert = change("c", key(8), null, row(8, "pen"));
        insert.headers().add(RelationalChangeRecordEmitter.PK_UPDATE_OLDKEY_FIELD, key(7), KEY);
        assertTrue(read(delete).keyMovedAway());
        assertFalse(read(insert).keyMovedAway());
        assertFalse(read(change("d", key(7), row(7, "pen"), null)).keyMovedAway(), "a plain delete");
        assertEquals("__debezium.newkey", RelationalChangeRecordEmitter.PK_UPDATE_NEWKEY_FIELD,
                "the header Debezium puts on the delete half of a primary-key update (docs/design.md, Key changes)");
    }

    @Test
    void tableWithoutPrimaryKeyHasNoKey() {
        ChangeEvent event = read(change("c", null, null, row(7, "pen")));
        assertNull(event.key());
        assertEquals("pen", event.after().getString("item"));
    }

    @Test
    void unknownOperationFailsNamingTheTable() {
        ConnectException e = assertThrows(ConnectException.class, () -> reader.read(change("x", key(7), null, null)));
        assertTrue(e.getMessage().contains("'x'") && e.getMessage().contains("inventory.orders"), e.getMessage());
    }

    @Test
    void heartbeatBecomesAHeartbeatEventAtTheOffsetPosition() {
        Schema keySchema = SchemaBuilder.struct().name("io.debezium.connector.common.ServerNameKey")
                .field("serverName", Schema.STRING_SCHEMA).build();
        Schema valueSchema = SchemaBuilder.struct().name("io.debezium.connector.common.Heartbeat")
                .field("ts_ms", Schema.INT64_SCHEMA).build();
        SourceRecord heartbeat = new SourceRecord(PARTITION, offset(), "__debezium-heartbeat.mysql_binlog_source",
                keySchema, new Struct(keySchema).put("serverName", "mysql_binlog_source"),
                valueSchema, new Struct(valueSchema).put("ts_ms", 1_700_000_000_000L));

        ChangeEvent event = read(heartbeat);

        assertEquals(ChangeEvent.Kind.HEARTBEAT, event.kind());
        assertEquals(POSITION, event.position());
        assertNull(event.key());
        assertNull(event.after());
    }

    @Test
    void recordWithoutOperationCarriesNoEvent() {
        Schema schemaChange = SchemaBuilder.struct().name("io.debezium.connector.mysql.SchemaChangeValue")
                .field("databaseName", Schema.STRING_SCHEMA)
                .field("ddl", Schema.STRING_SCHEMA).build();
        SourceRecord ddl = new SourceRecord(PARTITION, offset(), "mysql_binlog_source", schemaChange,
                new Struct(schemaChange).put("databaseName", "inventory").put("ddl", "ALTER TABLE orders ADD c INT"));
        assertEquals(Optional.empty(), reader.read(ddl));
    }

    @Test
    void tombstoneCarriesNoEvent() {
        SourceRecord tombstone = new SourceRecord(PARTITION, offset(), "mysql_binlog_source.inventory.orders",
                KEY, key(7), null, null);
        assertEquals(Optional.empty(), reader.read(tombstone));
    }

    @Test
    void positionReadsNumbersOfAnyTypeAndDefaultsMissingOnesToZero() {
        BinlogPosition position = DebeziumRecordReader.position(Map.of("file", "mysql-bin.000009", "pos", "4"));
        assertEquals(new BinlogPosition("mysql-bin.000009", 4, 0, 0, null, 0, null), position);
    }
}
