package io.mysqlflinkcdc.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Types;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.debezium.relational.Column;
import io.debezium.relational.Table;
import io.debezium.relational.TableId;
import io.debezium.relational.history.TableChanges.TableChange;
import io.debezium.relational.history.TableChanges.TableChangeType;

import io.mysqlflinkcdc.connect.config.StartupMode;
import io.mysqlflinkcdc.connect.offset.BinlogPosition;
import io.mysqlflinkcdc.connect.offset.ChunkProgress;
import io.mysqlflinkcdc.connect.offset.StoredOffset;
import io.mysqlflinkcdc.connect.schema.TableSchemasCodec;

class StartPlanTest {

    private static final List<String> TABLES = List.of("shop.orders", "shop.items", "shop.users");

    private static BinlogPosition at(long pos) {
        return new BinlogPosition("mysql-bin.000002", pos, 0, 0, null, 0, null);
    }

    private static StoredOffset.Streaming streaming(long pos) {
        return new StoredOffset.Streaming(at(pos));
    }

    private static TableChange schema(String table) {
        TableId id = new TableId("shop", null, table);
        return new TableChange(TableChangeType.CREATE, Table.editor().tableId(id)
                .addColumn(Column.editor().name("id").type("INT").jdbcType(Types.INTEGER).optional(false).create())
                .setPrimaryKeyNames(List.of("id")).create());
    }

    private static String schemas(String... tables) {
        Map<TableId, TableChange> schemas = new LinkedHashMap<>();
        for (String table : tables) {
            schemas.put(new TableId("shop", null, table), schema(table));
        }
        return TableSchemasCodec.encode(schemas);
    }

    @Test
    void noOffsetsAtAllStartAsTheModeSays() {
        StartPlan plan = StartPlan.of(TABLES, Map.of(), null, StartupMode.INITIAL);
        assertEquals(new StartPlan.FromMode(TABLES), plan);
    }

    @Test
    void everyTableStreamingResumesFromTheEarliestAndSkipsWhatEachHad() {
        StartPlan plan = StartPlan.of(TABLES, Map.of("shop.orders", streaming(900), "shop.items", streaming(400),
                "shop.users", streaming(700)), null, StartupMode.INITIAL);
        StartPlan.Resume resume = assertInstanceOf(StartPlan.Resume.class, plan);
        assertEquals(at(400), resume.from());
        assertFalse(resume.points().admits("shop.orders", at(900)), "orders had 900");
        assertTrue(resume.points().admits("shop.orders", at(901)));
        assertTrue(resume.points().admits("shop.items", at(401)));
        assertNull(resume.tableSchemas(), "none stored: the current ones");
    }

    @Test
    void tablesWithoutPositionAreSnapshottedWhileTheOthersResume() {
        StartPlan plan = StartPlan.of(TABLES, Map.of("shop.orders", streaming(900),
                "shop.users", new StoredOffset.SnapshotRunning()), null, StartupMode.INITIAL);
        StartPlan.SnapshotAndResume mixed = assertInstanceOf(StartPlan.SnapshotAndResume.class, plan);
        assertEquals(List.of("shop.items", "shop.users"), mixed.snapshotTables());
        assertEquals(Map.of("shop.orders", at(900)), mixed.points().points());
        assertEquals(List.of("shop.orders", "shop.items", "shop.users"), mixed.jobTables());
    }

    @Test
    void withoutSnapshotsNewTablesJustJoinTheBinlog() {
        StartPlan plan = StartPlan.of(TABLES, Map.of("shop.orders", streaming(900)), null, StartupMode.NO_DATA);
        StartPlan.Resume resume = assertInstanceOf(StartPlan.Resume.class, plan);
        assertEquals(at(900), resume.from());
        assertEquals(TABLES.size(), resume.jobTables().size());
    }

    @Test
    void legacyOffsetCoversTheTablesItsSchemasNameAndNotNewOnes() {
        StoredOffset legacy = new StoredOffset.Streaming(at(500), schemas("orders", "items"));
        StartPlan plan = StartPlan.of(TABLES, Map.of("shop.items", streaming(800)), legacy, StartupMode.INITIAL);
        StartPlan.SnapshotAndResume mixed = assertInstanceOf(StartPlan.SnapshotAndResume.class, plan);
        assertEquals(Map.of("shop.orders", at(500), "shop.items", at(800)), mixed.points().points(),
                "own offsets win over the legacy one");
        assertEquals(List.of("shop.users"), mixed.snapshotTables(), "users was not captured when it was written");
        assertEquals(Map.of(new TableId("shop", null, "orders"), schema("orders")),
                TableSchemasCodec.decode(mixed.tableSchemas()), "only the legacy schemas of the tables it covers");
    }

    @Test
    void legacyOffsetWithoutSchemasCoversEveryTable() {
        StartPlan plan = StartPlan.of(TABLES, Map.of(), streaming(500), StartupMode.INITIAL);
        StartPlan.Resume resume = assertInstanceOf(StartPlan.Resume.class, plan);
        assertEquals(at(500), resume.from());
        assertEquals(TABLES, resume.jobTables());
    }

    @Test
    void storedSchemasTravelPerTable() {
        StartPlan plan = StartPlan.of(List.of("shop.orders", "shop.items"), Map.of(
                "shop.orders", new StoredOffset.Streaming(at(10), schemas("orders")),
                "shop.items", new StoredOffset.Streaming(at(20), schemas("items"))), null, StartupMode.INITIAL);
        StartPlan.Resume resume = assertInstanceOf(StartPlan.Resume.class, plan);
        assertEquals(2, TableSchemasCodec.decode(resume.tableSchemas()).size());
    }

    @Test
    void initialOnlyLeavesCompletedTablesOutAndIdlesWhenAllAre() {
        Map<String, StoredOffset> done = Map.of("shop.orders", new StoredOffset.SnapshotOnlyCompleted(),
                "shop.items", new StoredOffset.SnapshotOnlyCompleted());
        assertEquals(new StartPlan.FromMode(List.of("shop.users")),
                StartPlan.of(TABLES, done, null, StartupMode.INITIAL_ONLY));
        assertInstanceOf(StartPlan.Idle.class,
                StartPlan.of(List.of("shop.orders", "shop.items"), done, null, StartupMode.INITIAL_ONLY));
    }

    private static StoredOffset.SnapshotRunning chunks(int done, String until, long watermark) {
        return new StoredOffset.SnapshotRunning(new ChunkProgress(done, until, at(watermark)));
    }

    @Test
    void aCompletedSnapshotThatNeverReachedTheBinlogResumesAtItsEarliestWatermark() {
        StartPlan plan = StartPlan.of(TABLES, Map.of("shop.orders", chunks(9, null, 300),
                "shop.items", streaming(800), "shop.users", streaming(900)), null, StartupMode.INITIAL);
        StartPlan.Resume resume = assertInstanceOf(StartPlan.Resume.class, plan);
        assertEquals(at(300), resume.from(), "orders is not snapshotted again");
    }

    @Test
    void theFurthestPartialSnapshotContinuesAndAnyOtherStartsOver() {
        StartPlan plan = StartPlan.of(TABLES, Map.of("shop.orders", chunks(3, "aa", 300),
                "shop.items", chunks(7, "bb", 200)), null, StartupMode.INITIAL);
        StartPlan.SnapshotAndResume mixed = assertInstanceOf(StartPlan.SnapshotAndResume.class, plan);
        assertEquals(new StartPlan.PartialSnapshot("shop.items", new ChunkProgress(7, "bb", at(200))),
                mixed.partial());
        assertEquals(List.of("shop.orders", "shop.users"), mixed.snapshotTables());
        assertTrue(mixed.points().isEmpty());
    }

    @Test
    void aSnapshotUnderWayGoesOnWhateverTheModeSays() {
        // Begun under snapshot.mode=initial, or asked for by a signal: the stored offset wins.
        StartPlan plan = StartPlan.of(TABLES, Map.of("shop.orders", chunks(3, "aa", 300)), null, StartupMode.NO_DATA);
        StartPlan.SnapshotAndResume mixed = assertInstanceOf(StartPlan.SnapshotAndResume.class, plan);
        assertEquals("shop.orders", mixed.partial().table());
    }

    @Test
    void aTableASignalMarkedForSnapshotIsSnapshottedWhileTheOthersResumeInAnyMode() {
        for (StartupMode mode : List.of(StartupMode.INITIAL, StartupMode.NO_DATA)) {
            StartPlan plan = StartPlan.of(TABLES, Map.of("shop.orders", streaming(500),
                    "shop.items", new StoredOffset.SnapshotRunning(), "shop.users", streaming(700)), null, mode);
            StartPlan.SnapshotAndResume mixed = assertInstanceOf(StartPlan.SnapshotAndResume.class, plan, mode.name());
            assertEquals(List.of("shop.items"), mixed.snapshotTables(), mode.name());
            assertNull(mixed.partial());
            assertEquals(Map.of("shop.orders", at(500), "shop.users", at(700)), mixed.points().points());
        }
    }

    @Test
    void everyTableMarkedForSnapshotUnderNoDataIsStillSnapshotted() {
        Map<String, StoredOffset> marked = new LinkedHashMap<>();
        TABLES.forEach(table -> marked.put(table, new StoredOffset.SnapshotRunning()));
        StartPlan plan = StartPlan.of(TABLES, marked, null, StartupMode.NO_DATA);
        StartPlan.SnapshotAndResume mixed = assertInstanceOf(StartPlan.SnapshotAndResume.class, plan);
        assertEquals(TABLES, mixed.snapshotTables());
        assertTrue(mixed.points().isEmpty());
    }

    @Test
    void withoutAnySnapshotUnderWayNoDataSnapshotsNothing() {
        assertEquals(new StartPlan.FromMode(TABLES), StartPlan.of(TABLES, Map.of(), null, StartupMode.NO_DATA));
        StartPlan plan = StartPlan.of(TABLES, Map.of("shop.orders", streaming(500)), null, StartupMode.NO_DATA);
        assertInstanceOf(StartPlan.Resume.class, plan);
    }

    @Test
    void aTableSnapshottedAgainStreamsFromTheSignalNotFromItsChunks() {
        // Rows deleted between the signal and the read of their chunk are only tombstoned from the binlog.
        StoredOffset done = new StoredOffset.SnapshotRunning(new ChunkProgress(4, null, at(900)), at(600));
        StartPlan plan = StartPlan.of(TABLES, Map.of("shop.orders", streaming(500), "shop.items", done,
                "shop.users", streaming(700)), null, StartupMode.INITIAL);
        StartPlan.Resume resume = assertInstanceOf(StartPlan.Resume.class, plan);
        assertEquals(at(600), resume.points().points().get("shop.items"));
        assertEquals(at(500), resume.from());

        StartPlan marked = StartPlan.of(TABLES, Map.of("shop.orders", streaming(500),
                "shop.items", new StoredOffset.SnapshotRunning(null, at(600)), "shop.users", streaming(700)), null,
                StartupMode.INITIAL);
        assertEquals(Map.of("shop.items", at(600)),
                assertInstanceOf(StartPlan.SnapshotAndResume.class, marked).since());
    }
}
