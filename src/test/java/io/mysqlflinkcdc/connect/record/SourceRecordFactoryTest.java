package io.mysqlflinkcdc.connect.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import io.debezium.relational.Column;
import io.debezium.relational.Table;
import io.debezium.relational.TableId;
import io.debezium.relational.history.TableChanges.TableChange;
import io.debezium.relational.history.TableChanges.TableChangeType;

import io.mysqlflinkcdc.connect.engine.RecordHandover;
import io.mysqlflinkcdc.connect.event.ChangeEvent;
import io.mysqlflinkcdc.connect.event.ChangeEvent.Kind;
import io.mysqlflinkcdc.connect.format.DecimalMode;
import io.mysqlflinkcdc.connect.format.TemporalMode;
import io.mysqlflinkcdc.connect.offset.BinlogPosition;
import io.mysqlflinkcdc.connect.offset.ChunkProgress;
import io.mysqlflinkcdc.connect.offset.OffsetCodec;
import io.mysqlflinkcdc.connect.offset.StoredOffset;
import io.mysqlflinkcdc.connect.offset.TableResumePoints;
import io.mysqlflinkcdc.connect.schema.TableSchemasCodec;

class SourceRecordFactoryTest {

    private static final Schema KEY = SchemaBuilder.struct().name("shop.inventory.orders.Key")
            .field("id", Schema.INT32_SCHEMA).build();
    private static final Schema VALUE = SchemaBuilder.struct().name("shop.inventory.orders.Value")
            .field("id", Schema.INT32_SCHEMA).field("item", Schema.OPTIONAL_STRING_SCHEMA).build();
    private static final BinlogPosition POSITION =
            new BinlogPosition("mysql-bin.000003", 1200, 2, 1, null, 1_700_000_000L, 223344L);

    private final SourceRecordFactory factory = new SourceRecordFactory(
            RecordSettings.defaults("shop", "__debezium-heartbeat.shop"), List.of("inventory.orders"),
            TableResumePoints.none());

    private static Struct key(int id) {
        return new Struct(KEY).put("id", id);
    }

    private static Struct row(int id, String item) {
        return new Struct(VALUE).put("id", id).put("item", item);
    }

    /** The records Connect gets for one event. */
    private List<SourceRecord> records(ChangeEvent event) {
        return TableRecord.inDeliveryOrder(elements(event));
    }

    /** What the factory hands over for one event. */
    private List<SourceRecord> elements(ChangeEvent event) {
        List<SourceRecord> out = new ArrayList<>();
        factory.toRecords(event, out::add);
        return out;
    }

    @Test
    void insertIsAnUpsertWithKeyAndRow() {
        List<SourceRecord> out = records(new ChangeEvent(Kind.INSERT, "inventory", "orders", key(7), row(7, "pen"),
                null, POSITION, 0L));
        assertEquals(1, out.size());
        SourceRecord record = out.get(0);
        assertEquals("shop.inventory.orders", record.topic());
        assertEquals(Map.of("server", "shop", "table", "inventory.orders"), record.sourcePartition());
        assertEquals(KEY, record.keySchema());
        assertEquals(key(7), record.key());
        assertEquals(VALUE, record.valueSchema());
        assertEquals(row(7, "pen"), record.value());
    }

    @Test
    void deleteIsATombstoneForTheKey() {
        List<SourceRecord> out = records(new ChangeEvent(Kind.DELETE, "inventory", "orders", key(7), null, row(7, "pen"),
                POSITION, 0L));
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
        List<SourceRecord> element = elements(new ChangeEvent(Kind.UPDATE, "inventory", "orders", key(8),
                row(8, "pen"), row(7, "pen"), POSITION, 0L));
        assertEquals(1, element.size(), "one hand-over element, so no poll() ends between the two records");
        List<SourceRecord> out = TableRecord.inDeliveryOrder(element);
        assertEquals(2, out.size());
        assertEquals(new StoredOffset.Streaming(POSITION), OffsetCodec.decode(out.get(1).sourceOffset()));
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
                row(7, "pen"), POSITION, 0L));
        assertEquals(1, out.size());
        assertEquals(row(7, "ink"), out.get(0).value());
    }

    @Test
    void snapshotReadCarriesARunningSnapshotOffset() {
        SourceRecord record = records(new ChangeEvent(Kind.SNAPSHOT_READ, "inventory", "orders", key(1),
                row(1, "pen"), null, null, 0L)).get(0);
        Map<String, ?> offset = record.sourceOffset();
        assertEquals(true, offset.get("snapshot"));
        assertEquals(false, offset.get("snapshot_completed"));
        assertNull(offset.get("file"));
        assertEquals(new StoredOffset.SnapshotRunning(), OffsetCodec.decode(offset));
    }

    @Test
    void binlogEventCarriesItsPosition() {
        SourceRecord record = records(new ChangeEvent(Kind.INSERT, "inventory", "orders", key(7), row(7, "pen"),
                null, POSITION, 0L)).get(0);
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
        assertEquals(Map.of("server", "shop", "table", "inventory.orders"), record.sourcePartition());
        assertEquals("shop", ((Struct) record.key()).getString("serverName"));
        assertEquals("io.debezium.connector.common.Heartbeat", record.valueSchema().name());
        assertEquals(new StoredOffset.Streaming(POSITION), OffsetCodec.decode(record.sourceOffset()));
    }

    @Test
    void snapshotOnlyCompletedRecordStoresThatMarker() {
        SourceRecord record = factory.snapshotOnlyCompleted().get(0);
        assertEquals("__debezium-heartbeat.shop", record.topic());
        assertInstanceOf(StoredOffset.SnapshotOnlyCompleted.class, OffsetCodec.decode(record.sourceOffset()));
    }

    private static List<SourceRecord> records(RecordSettings settings, ChangeEvent event) {
        List<SourceRecord> out = new ArrayList<>();
        new SourceRecordFactory(settings, List.of(), TableResumePoints.none()).toRecords(event, out::add);
        return TableRecord.inDeliveryOrder(out);
    }

    private static RecordSettings settings(String keyColumns, String routeRegex, String replacement,
                                           List<MetadataField> metadata, MetadataLocation location) {
        return new RecordSettings("shop", "hb", DecimalMode.STRING, TemporalMode.ISO, metadata, location,
                keyColumns, routeRegex, replacement, "__source_table");
    }

    @Test
    void recordsNameTheirSourceTable() {
        SourceRecord record = records(new ChangeEvent(Kind.INSERT, "inventory", "orders", key(7), row(7, "pen"),
                null, POSITION, 0L)).get(0);
        assertEquals("inventory.orders", ((TableRecord) record).sourceTable());
    }

    @Test
    void keylessTableWithoutOverrideFailsNamingTheTableAndTheFix() {
        ConnectException e = assertThrows(ConnectException.class, () -> records(new ChangeEvent(Kind.INSERT,
                "inventory", "audit", null, row(7, "pen"), null, POSITION, 0L)));
        assertTrue(e.getMessage().contains("inventory.audit") && e.getMessage().contains("message.key.columns"),
                e.getMessage());
    }

    @Test
    void keyColumnsOverrideBuildsTheKeyFromTheRowAndFromTheBeforeImageOnDelete() {
        RecordSettings settings = settings("inventory\\.audit:item", "", "", List.of(), MetadataLocation.VALUE);
        SourceRecord insert = records(settings, new ChangeEvent(Kind.INSERT, "inventory", "audit", null,
                row(7, "pen"), null, POSITION, 0L)).get(0);
        assertEquals("pen", ((Struct) insert.key()).get("item"));
        assertEquals(List.of("item"), insert.keySchema().fields().stream().map(f -> f.name()).toList());

        SourceRecord delete = records(settings, new ChangeEvent(Kind.DELETE, "inventory", "audit", null, null,
                row(7, "pen"), POSITION, 0L)).get(0);
        assertEquals("pen", ((Struct) delete.key()).get("item"));
        assertNull(delete.value());

        List<SourceRecord> moved = records(settings, new ChangeEvent(Kind.UPDATE, "inventory", "audit", null,
                row(7, "ink"), row(7, "pen"), POSITION, 0L));
        assertEquals(2, moved.size(), "changing a key column tombstones the old key");
        assertEquals("pen", ((Struct) moved.get(0).key()).get("item"));
        assertNull(moved.get(0).value());
        assertEquals("ink", ((Struct) moved.get(1).key()).get("item"));
    }

    @Test
    void keyColumnsOverrideNamingAMissingColumnFails() {
        RecordSettings settings = settings("inventory\\.audit:nope", "", "", List.of(), MetadataLocation.VALUE);
        ConnectException e = assertThrows(ConnectException.class, () -> records(settings, new ChangeEvent(
                Kind.INSERT, "inventory", "audit", null, row(7, "pen"), null, POSITION, 0L)));
        assertTrue(e.getMessage().contains("'nope'") && e.getMessage().contains("inventory.audit"), e.getMessage());
    }

    @Test
    void routedTablesShareATopicAndTheirKeysNameTheSourceTable() {
        RecordSettings settings = settings("", "shop\\.inventory\\.orders_[0-9]+", "shop.inventory.orders",
                List.of(), MetadataLocation.VALUE);
        SourceRecord first = records(settings, new ChangeEvent(Kind.INSERT, "inventory", "orders_1", key(7),
                row(7, "pen"), null, POSITION, 0L)).get(0);
        SourceRecord second = records(settings, new ChangeEvent(Kind.DELETE, "inventory", "orders_2", key(7),
                null, row(7, "pen"), POSITION, 0L)).get(0);
        SourceRecord other = records(settings, new ChangeEvent(Kind.INSERT, "inventory", "customers", key(7),
                row(7, "pen"), null, POSITION, 0L)).get(0);
        assertEquals("shop.inventory.orders", first.topic());
        assertEquals("shop.inventory.orders", second.topic());
        assertEquals("inventory.orders_1", ((Struct) first.key()).get("__source_table"));
        assertEquals("inventory.orders_2", ((Struct) second.key()).get("__source_table"));
        assertEquals(7, ((Struct) second.key()).get("id"));
        assertEquals("shop.inventory.customers", other.topic());
        assertEquals(KEY, other.keySchema(), "tables the route does not match keep their key");
    }

    @Test
    void metadataGoesIntoTheValueAfterTheColumns() {
        RecordSettings settings = settings("", "", "", List.of(MetadataField.OP, MetadataField.SOURCE_TS_MS,
                MetadataField.DB, MetadataField.TABLE, MetadataField.FILE, MetadataField.POS, MetadataField.SNAPSHOT),
                MetadataLocation.VALUE);
        Struct value = (Struct) records(settings, new ChangeEvent(Kind.UPDATE, "inventory", "orders", key(7),
                row(7, "ink"), row(7, "pen"), POSITION, 1_700_000_000_123L)).get(0).value();
        assertEquals("ink", value.get("item"));
        assertEquals("u", value.get("__op"));
        assertEquals(1_700_000_000_123L, value.get("__source_ts_ms"));
        assertEquals("inventory", value.get("__db"));
        assertEquals("orders", value.get("__table"));
        assertEquals("mysql-bin.000003", value.get("__file"));
        assertEquals(1200L, value.get("__pos"));
        assertEquals(false, value.get("__snapshot"));

        Struct snapshot = (Struct) records(settings, new ChangeEvent(Kind.SNAPSHOT_READ, "inventory", "orders",
                key(1), row(1, "pen"), null, null, 0L)).get(0).value();
        assertEquals("r", snapshot.get("__op"));
        assertEquals(true, snapshot.get("__snapshot"));
        assertNull(snapshot.get("__file"));
    }

    @Test
    void metadataInHeadersIsOnTombstonesToo() {
        RecordSettings settings = settings("", "", "", List.of(MetadataField.OP, MetadataField.TABLE),
                MetadataLocation.HEADER);
        SourceRecord tombstone = records(settings, new ChangeEvent(Kind.DELETE, "inventory", "orders", key(7),
                null, row(7, "pen"), POSITION, 0L)).get(0);
        assertNull(tombstone.value());
        assertEquals("d", tombstone.headers().lastWithName("__op").value());
        assertEquals("orders", tombstone.headers().lastWithName("__table").value());

        SourceRecord insert = records(settings, new ChangeEvent(Kind.INSERT, "inventory", "orders", key(7),
                row(7, "pen"), null, POSITION, 0L)).get(0);
        assertEquals(VALUE, insert.valueSchema(), "header location leaves the value alone");
        assertEquals("c", insert.headers().lastWithName("__op").value());
    }

    private static BinlogPosition at(long pos) {
        return new BinlogPosition("mysql-bin.000003", pos, 0, 0, null, 0, null);
    }

    private static ChangeEvent insert(String table, int id, BinlogPosition position) {
        return new ChangeEvent(Kind.INSERT, "inventory", table, key(id), row(id, "x"), null, position, 0L);
    }

    private static SourceRecordFactory threeTables(TableResumePoints points) {
        return new SourceRecordFactory(RecordSettings.defaults("shop", "hb"),
                List.of("inventory.orders", "inventory.items", "inventory.users"), points);
    }

    private static Map<Object, StoredOffset> offsetsByTable(List<SourceRecord> records) {
        Map<Object, StoredOffset> offsets = new HashMap<>();
        records.forEach(record -> offsets.put(record.sourcePartition().get("table"),
                OffsetCodec.decode(record.sourceOffset())));
        return offsets;
    }

    private static ChangeEvent keyChange(String table, int from, int to, BinlogPosition position) {
        return new ChangeEvent(Kind.UPDATE, "inventory", table, key(to), row(to, "x"), row(from, "x"), position, 0L);
    }

    /** The offset Connect would commit had it written only the first record of the change (issue 14, item 1). */
    private static StoredOffset committedAfterTheTombstone(List<SourceRecord> element) {
        List<SourceRecord> change = TableRecord.inDeliveryOrder(element);
        assertNull(change.get(0).value(), "the old key's tombstone comes first");
        return OffsetCodec.decode(change.get(0).sourceOffset());
    }

    @Test
    void aKeyChangesTombstoneClaimsOnlyTheChangesBeforeIt() {
        SourceRecordFactory factory = threeTables(new TableResumePoints(Map.of("inventory.orders", at(500))));
        factory.toRecords(insert("items", 1, at(600)), record -> { });
        List<SourceRecord> change = new ArrayList<>();
        factory.toRecords(keyChange("orders", 7, 8, at(700)), change::add);
        StoredOffset committed = committedAfterTheTombstone(change);
        assertEquals(new StoredOffset.Streaming(at(600)), committed,
                "the change before it: resuming there reads the key change again");
        assertTrue(new TableResumePoints(Map.of("inventory.orders", at(600))).admits("inventory.orders", at(700)));
    }

    @Test
    void aKeyChangeFirstInTheJobClaimsTheTablesResumePoint() {
        SourceRecordFactory factory = threeTables(new TableResumePoints(Map.of("inventory.orders", at(500))));
        factory.toRecords(insert("items", 1, at(400)), record -> { });
        List<SourceRecord> change = new ArrayList<>();
        factory.toRecords(keyChange("orders", 7, 8, at(700)), change::add);
        assertEquals(new StoredOffset.Streaming(at(500)), committedAfterTheTombstone(change),
                "never behind what orders had delivered (400 would replay orders' changes up to 500)");
    }

    @Test
    void aKeyChangeOfATableSnapshottedByThisJobClaimsItsSnapshotOnly() {
        SourceRecordFactory factory = threeTables(TableResumePoints.none());
        List<SourceRecord> change = new ArrayList<>();
        factory.toRecords(keyChange("orders", 7, 8, at(700)), change::add);
        assertEquals(new StoredOffset.SnapshotRunning(), committedAfterTheTombstone(change),
                "a running-snapshot offset, which the chunk tracker turns into the table's done snapshot");
    }

    @Test
    void aPollOfOneRecordStillDeliversTheWholeKeyChange() throws InterruptedException {
        RecordHandover<SourceRecord> handover = handedOver(
                List.of(keyChange("orders", 7, 8, at(700)), insert("orders", 9, at(800))));
        List<SourceRecord> first = TableRecord.inDeliveryOrder(handover.drain(1, 0));
        assertEquals(List.of(key(7), key(8)), first.stream().map(SourceRecord::key).toList(),
                "max.batch.size=1 cannot end a poll() between the tombstone and the new row");
        assertEquals(List.of(key(9)), handover.drain(10, 0).stream().filter(r -> r.topic().endsWith("orders"))
                .map(SourceRecord::key).toList());
    }

    /** The records {@code events} make, put into a hand-over as the job's sink does (orders resumes at 500). */
    private static RecordHandover<SourceRecord> handedOver(List<ChangeEvent> events) throws InterruptedException {
        RecordHandover<SourceRecord> handover = new RecordHandover<>(10);
        SourceRecordFactory factory = threeTables(new TableResumePoints(Map.of("inventory.orders", at(500))));
        List<SourceRecord> records = new ArrayList<>();
        events.forEach(event -> factory.toRecords(event, records::add));
        for (SourceRecord record : records) {
            handover.put(record);
        }
        return handover;
    }

    /** How Debezium emits an UPDATE of the primary key: a delete of the old key, then an insert, at one position. */
    private static List<ChangeEvent> debeziumKeyChange(String table, int from, int to, BinlogPosition position) {
        return List.of(
                new ChangeEvent(Kind.DELETE, "inventory", table, key(from), null, row(from, "x"), position, 0L, true),
                insert(table, to, position));
    }

    @Test
    void debeziumsDeleteAndInsertOfAPrimaryKeyChangeTravelAsOneElementAndTheTombstoneClaimsWhatCameBefore() {
        SourceRecordFactory factory = threeTables(new TableResumePoints(Map.of("inventory.orders", at(500))));
        factory.toRecords(insert("items", 1, at(600)), record -> { });
        List<SourceRecord> elements = new ArrayList<>();
        debeziumKeyChange("orders", 7, 8, at(700)).forEach(event -> factory.toRecords(event, elements::add));
        assertEquals(1, elements.size(), "one hand-over element, so no poll() can end between the two records");
        List<SourceRecord> delivered = TableRecord.inDeliveryOrder(elements);
        assertEquals(Arrays.asList(key(7), key(8)), delivered.stream().map(SourceRecord::key).toList());
        assertNull(delivered.get(0).value());
        assertEquals(new StoredOffset.Streaming(at(600)), OffsetCodec.decode(delivered.get(0).sourceOffset()),
                "committed alone, the tombstone's offset makes a restart read the key change again");
        assertEquals(new StoredOffset.Streaming(at(700)), OffsetCodec.decode(delivered.get(1).sourceOffset()));
    }

    @Test
    void aPollOfOneRecordStillDeliversDebeziumsWholeKeyChange() throws InterruptedException {
        List<ChangeEvent> events = new ArrayList<>(debeziumKeyChange("orders", 7, 8, at(700)));
        events.add(insert("orders", 9, at(800)));
        RecordHandover<SourceRecord> handover = handedOver(events);
        List<SourceRecord> first = TableRecord.inDeliveryOrder(handover.drain(1, 0));
        assertEquals(List.of(key(7), key(8)), first.stream().map(SourceRecord::key).toList(),
                "max.batch.size=1 cannot end a poll() between Debezium's delete and insert of one key change");
    }

    @Test
    void aHeldTombstoneWhoseNewRowDoesNotFollowGoesOutAloneBeforeTheNextRecord() {
        SourceRecordFactory factory = threeTables(new TableResumePoints(Map.of("inventory.orders", at(500))));
        List<SourceRecord> out = new ArrayList<>();
        factory.toRecords(debeziumKeyChange("orders", 7, 8, at(700)).get(0), out::add);
        assertEquals(List.of(), out, "held until the insert under the new key");
        factory.toRecords(insert("items", 1, at(800)), out::add);
        assertEquals(Arrays.asList(key(7), key(1)), out.stream().limit(2).map(SourceRecord::key).toList());
        assertNull(out.get(0).value());
        assertEquals(new StoredOffset.Streaming(at(500)), OffsetCodec.decode(out.get(0).sourceOffset()));
    }

    @Test
    void aKeyChangeAlreadyDeliveredBeforeTheRestartIsSkippedWhole() {
        SourceRecordFactory factory = threeTables(new TableResumePoints(Map.of("inventory.orders", at(700))));
        List<SourceRecord> out = new ArrayList<>();
        debeziumKeyChange("orders", 7, 8, at(700)).forEach(event -> factory.toRecords(event, out::add));
        factory.toRecords(insert("orders", 9, at(800)), out::add);
        assertEquals(List.of(key(9)), TableRecord.inDeliveryOrder(out).stream()
                .filter(r -> r.topic().endsWith("orders")).map(SourceRecord::key).toList());
    }

    @Test
    void theChunkTrackerGivesTheTombstoneOfATableSnapshottedByThisJobItsDoneSnapshot() {
        SourceRecordFactory factory = threeTables(TableResumePoints.none());
        List<SourceRecord> change = new ArrayList<>();
        factory.toRecords(keyChange("orders", 7, 8, at(700)), change::add);
        SnapshotChunkTracker tracker = new SnapshotChunkTracker(Map.of("inventory.orders",
                new ChunkProgress(3, null, at(650))));
        List<SourceRecord> delivered = TableRecord.inDeliveryOrder(change);
        tracker.apply(delivered);
        assertEquals(new StoredOffset.SnapshotRunning(new ChunkProgress(3, null, at(650))),
                OffsetCodec.decode(delivered.get(0).sourceOffset()), "a restart resumes the binlog at 650");
        assertEquals(new StoredOffset.Streaming(at(700)), OffsetCodec.decode(delivered.get(1).sourceOffset()));
    }

    @Test
    void aHeartbeatMovesEveryTableThatIsNotAlreadyPastIt() {
        SourceRecordFactory factory = threeTables(new TableResumePoints(Map.of("inventory.items", at(5000))));
        List<SourceRecord> out = new ArrayList<>();
        factory.toRecords(ChangeEvent.heartbeat(at(3000)), out::add);
        assertEquals(Map.of("inventory.orders", new StoredOffset.Streaming(at(3000)),
                "inventory.users", new StoredOffset.Streaming(at(3000))), offsetsByTable(out),
                "items stays at 5000 until the binlog gets there");
        assertTrue(out.stream().allMatch(record -> record.topic().equals("hb")));
    }

    @Test
    void changesATableHadAlreadyDeliveredAreSkipped() {
        SourceRecordFactory factory = threeTables(new TableResumePoints(Map.of("inventory.items", at(5000))));
        List<SourceRecord> out = new ArrayList<>();
        factory.toRecords(insert("items", 1, at(4000)), out::add);
        factory.toRecords(insert("items", 2, at(5000)), out::add);
        assertEquals(List.of(), out, "at or before items' point");
        factory.toRecords(insert("items", 3, at(5001)), out::add);
        assertEquals(key(3), out.get(0).key());
    }

    @Test
    void theFirstBinlogChangeMovesTheOtherTablesOnceWithoutWaitingForAHeartbeat() {
        SourceRecordFactory factory = threeTables(TableResumePoints.none());
        List<SourceRecord> out = new ArrayList<>();
        factory.toRecords(new ChangeEvent(Kind.SNAPSHOT_READ, "inventory", "orders", key(1), row(1, "a"), null, null,
                0L), out::add);
        assertEquals(1, out.size(), "snapshot rows move nothing else");
        assertInstanceOf(StoredOffset.SnapshotRunning.class, OffsetCodec.decode(out.get(0).sourceOffset()));
        out.clear();
        factory.toRecords(insert("orders", 2, at(700)), out::add);
        assertEquals("shop.inventory.orders", out.get(0).topic());
        assertEquals(Map.of("inventory.orders", new StoredOffset.Streaming(at(700)),
                "inventory.items", new StoredOffset.Streaming(at(700)),
                "inventory.users", new StoredOffset.Streaming(at(700))), offsetsByTable(out));
        out.clear();
        factory.toRecords(insert("orders", 3, at(800)), out::add);
        assertEquals(1, out.size(), "only once");
    }

    @Test
    void eachTablesOffsetCarriesItsOwnSchemaOnly() {
        SourceRecordFactory factory = threeTables(TableResumePoints.none());
        factory.tableSchemasChanged(TableSchemasCodec.encode(Map.of(
                new TableId("inventory", null, "orders"), schema("orders"),
                new TableId("inventory", null, "items"), schema("items"))));
        List<SourceRecord> out = new ArrayList<>();
        factory.toRecords(insert("orders", 1, at(900)), out::add);
        StoredOffset.Streaming orders = (StoredOffset.Streaming) OffsetCodec.decode(out.get(0).sourceOffset());
        assertEquals(Set.of(new TableId("inventory", null, "orders")),
                TableSchemasCodec.decode(orders.tableSchemas()).keySet());
        StoredOffset.Streaming users = (StoredOffset.Streaming) offsetsByTable(out).get("inventory.users");
        assertNull(users.tableSchemas(), "no schema known for users: its current one on resume");
    }

    private static TableChange schema(String table) {
        var id = new TableId("inventory", null, table);
        return new TableChange(
                TableChangeType.CREATE,
                Table.editor().tableId(id).addColumn(Column.editor()
                        .name("id").type("INT").jdbcType(Types.INTEGER).optional(false).create())
                        .setPrimaryKeyNames(List.of("id")).create());
    }
}
