package org.apache.flink.cdc.connectors.mysql.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

import org.apache.flink.cdc.connectors.mysql.source.assigners.MySqlChunkSplitter;
import org.apache.flink.cdc.connectors.mysql.source.assigners.MySqlHybridSplitAssigner;
import org.apache.flink.cdc.connectors.mysql.source.assigners.MySqlSnapshotSplitAssigner;
import org.apache.flink.cdc.connectors.mysql.source.assigners.state.ChunkSplitterState;
import org.apache.flink.cdc.connectors.mysql.source.assigners.state.HybridPendingSplitsState;
import org.apache.flink.cdc.connectors.mysql.source.assigners.state.SnapshotPendingSplitsState;
import org.apache.flink.cdc.connectors.mysql.source.config.MySqlSourceConfig;
import org.apache.flink.cdc.connectors.mysql.source.assigners.AssignerStatus;

import org.junit.jupiter.api.Test;

import io.debezium.relational.TableId;
import io.mysqlflinkcdc.connect.engine.FlinkCdcConfigs;

/**
 * Fails loudly when Flink CDC changes what {@link CatalogFirstChunkSplitter} reaches into: the two
 * private fields that hold a hybrid assigner's snapshot assigner and its chunk splitter, and the
 * chunk splitter's schema, which must end up a {@link CatalogFirstMySqlSchema}.
 */
class CatalogFirstChunkSplitterTest {

    private final MySqlSourceConfig config = FlinkCdcConfigs.readerConfig();

    @Test
    void flinkCdcStillHasTheFieldsTheSwapNeeds() {
        assertNotNull(CatalogFirstChunkSplitter.SNAPSHOT_ASSIGNER, "MySqlHybridSplitAssigner.snapshotSplitAssigner");
        assertNotNull(CatalogFirstChunkSplitter.CHUNK_SPLITTER, "MySqlSnapshotSplitAssigner.chunkSplitter");
    }

    @Test
    void aNewAssignersSplitterReadsSchemasFromTheCatalog() throws Exception {
        MySqlHybridSplitAssigner assigner = new MySqlHybridSplitAssigner(config, 1, new ArrayList<>(), true, null);
        MySqlChunkSplitter before = splitter(assigner);

        assertTrue(CatalogFirstChunkSplitter.install(assigner, config, true));

        MySqlChunkSplitter after = splitter(assigner);
        assertNotSame(before, after);
        assertInstanceOf(CatalogFirstMySqlSchema.class, schema(after));
        assertEquals(ChunkSplitterState.NO_SPLITTING_TABLE_STATE, after.snapshotState(0));
    }

    @Test
    void aRestoredAssignersSplitterGoesOnWhereTheRestoredOneStood() throws Exception {
        TableId table = new TableId("shop", null, "orders");
        ChunkSplitterState halfSplit = new ChunkSplitterState(table, ChunkSplitterState.ChunkBound.middleOf("42"), 7);
        SnapshotPendingSplitsState snapshot = new SnapshotPendingSplitsState(new ArrayList<>(), new ArrayList<>(),
                new java.util.HashMap<>(), new java.util.HashMap<>(), new java.util.HashMap<>(),
                AssignerStatus.INITIAL_ASSIGNING, List.of(), true, true, halfSplit);
        MySqlHybridSplitAssigner assigner = new MySqlHybridSplitAssigner(config, 1,
                new HybridPendingSplitsState(snapshot, false), null);

        assertTrue(CatalogFirstChunkSplitter.install(assigner, config, true));

        MySqlChunkSplitter after = splitter(assigner);
        assertInstanceOf(CatalogFirstMySqlSchema.class, schema(after));
        assertEquals(halfSplit, after.snapshotState(0));
        assertEquals(table, after.getCurrentSplittingTableId());
    }

    private static MySqlChunkSplitter splitter(MySqlHybridSplitAssigner assigner) throws Exception {
        MySqlSnapshotSplitAssigner snapshots =
                (MySqlSnapshotSplitAssigner) CatalogFirstChunkSplitter.SNAPSHOT_ASSIGNER.get(assigner);
        return (MySqlChunkSplitter) CatalogFirstChunkSplitter.CHUNK_SPLITTER.get(snapshots);
    }

    private static Object schema(MySqlChunkSplitter splitter) throws Exception {
        Field schema = MySqlChunkSplitter.class.getDeclaredField("mySqlSchema");
        schema.setAccessible(true);
        return schema.get(splitter);
    }
}
