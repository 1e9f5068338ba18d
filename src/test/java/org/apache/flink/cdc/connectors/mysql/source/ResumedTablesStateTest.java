package org.apache.flink.cdc.connectors.mysql.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.sql.Types;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.cdc.connectors.mysql.source.assigners.AssignerStatus;
import org.apache.flink.cdc.connectors.mysql.source.assigners.MySqlHybridSplitAssigner;
import org.apache.flink.cdc.connectors.mysql.source.assigners.MySqlSnapshotSplitAssigner;
import org.apache.flink.cdc.connectors.mysql.source.assigners.state.HybridPendingSplitsState;
import org.apache.flink.cdc.connectors.mysql.source.assigners.state.PendingSplitsStateSerializer;
import org.apache.flink.cdc.connectors.mysql.source.config.MySqlSourceConfig;
import org.apache.flink.cdc.connectors.mysql.source.config.MySqlSourceConfigFactory;
import org.apache.flink.cdc.connectors.mysql.source.offset.BinlogOffset;
import org.apache.flink.cdc.connectors.mysql.source.split.FinishedSnapshotSplitInfo;
import org.apache.flink.cdc.connectors.mysql.source.split.MySqlBinlogSplit;
import org.apache.flink.cdc.connectors.mysql.source.split.MySqlSplit;
import org.apache.flink.cdc.connectors.mysql.source.split.MySqlSplitSerializer;
import org.apache.flink.cdc.connectors.mysql.source.utils.SerializerUtils;
import org.junit.jupiter.api.Test;

import io.debezium.relational.Column;
import io.debezium.relational.Table;
import io.debezium.relational.TableId;
import io.debezium.relational.history.TableChanges.TableChange;
import io.debezium.relational.history.TableChanges.TableChangeType;

/**
 * Pins what {@link ResumedTablesState} relies on in Flink CDC 3.5's assigners: a finished
 * whole-table split per resuming table, serialisable in checkpoints, and a binlog split that starts
 * at the earliest watermark and lists every table's. Fails when the library changes under it.
 */
class ResumedTablesStateTest {

    private static final TableId ORDERS = new TableId("shop", null, "orders");
    private static final TableId ITEMS = new TableId("shop", null, "items");
    private static final TableId USERS = new TableId("shop", null, "users");

    private final MySqlSourceConfig config = new MySqlSourceConfigFactory().hostname("127.0.0.1").port(3306)
            .username("cdc").password("pw").databaseList("shop").tableList("shop\\..*").serverId("5400")
            .createConfig(0);

    private static TableChange schema(TableId id) {
        return new TableChange(TableChangeType.CREATE, Table.editor().tableId(id)
                .addColumn(Column.editor().name("id").type("BIGINT").jdbcType(Types.BIGINT).optional(false).create())
                .setPrimaryKeyNames(List.of("id")).create());
    }

    private static BinlogOffset at(long pos) {
        return BinlogOffset.ofBinlogFilePosition("mysql-bin.000004", pos);
    }

    private HybridPendingSplitsState state(List<TableId> toRead) {
        Map<TableId, TableChange> schemas = new HashMap<>();
        for (TableId id : List.of(ORDERS, ITEMS, USERS)) {
            schemas.put(id, schema(id));
        }
        return ResumedTablesState.of(config, Map.of(ORDERS, at(900), ITEMS, at(400)), null, toRead, schemas, true);
    }

    /** An enumerator context that answers 1 for the parallelism and ignores everything else. */
    @SuppressWarnings("unchecked")
    private static SplitEnumeratorContext<MySqlSplit> context() {
        return (SplitEnumeratorContext<MySqlSplit>) Proxy.newProxyInstance(ResumedTablesStateTest.class.getClassLoader(),
                new Class<?>[] {SplitEnumeratorContext.class},
                (proxy, method, args) -> method.getName().equals("currentParallelism") ? 1 : null);
    }

    @Test
    void tablesStillToReadKeepTheAssignerInItsSnapshotPhase() {
        MySqlSnapshotSplitAssigner assigner = new MySqlSnapshotSplitAssigner(config, 1,
                state(List.of(USERS)).getSnapshotPendingSplits(), context());
        assertFalse(assigner.noMoreSplits(), "users is still to be read");
        assertTrue(assigner.waitingForFinishedSplits());
        assertEquals(AssignerStatus.INITIAL_ASSIGNING, assigner.getAssignerStatus());
    }

    @Test
    void resumingTablesAreFinishedWholeTableSplitsAtTheirPositions() {
        MySqlSnapshotSplitAssigner assigner = new MySqlSnapshotSplitAssigner(config, 1,
                state(List.of()).getSnapshotPendingSplits(), context());
        Map<TableId, FinishedSnapshotSplitInfo> finished = assigner.getFinishedSplitInfos().stream()
                .collect(Collectors.toMap(FinishedSnapshotSplitInfo::getTableId, info -> info));
        assertEquals(2, finished.size());
        assertEquals(at(900), finished.get(ORDERS).getHighWatermark());
        assertEquals(at(400), finished.get(ITEMS).getHighWatermark());
        assertNull(finished.get(ORDERS).getSplitStart());
        assertNull(finished.get(ORDERS).getSplitEnd());
    }

    @Test
    void theStateSurvivesACheckpoint() throws Exception {
        PendingSplitsStateSerializer serializer = new PendingSplitsStateSerializer(MySqlSplitSerializer.INSTANCE);
        HybridPendingSplitsState state = state(List.of(USERS));
        HybridPendingSplitsState restored = (HybridPendingSplitsState) serializer.deserialize(
                serializer.getVersion(), serializer.serialize(state));
        assertEquals(state.getSnapshotPendingSplits().getSplitFinishedOffsets(),
                restored.getSnapshotPendingSplits().getSplitFinishedOffsets());
        assertEquals(List.of(USERS), restored.getSnapshotPendingSplits().getRemainingTables());
        assertEquals(state.getSnapshotPendingSplits().getAssignedSplits().keySet(),
                restored.getSnapshotPendingSplits().getAssignedSplits().keySet());
    }

    @Test
    void onceTheSnapshotIsDoneTheBinlogStartsAtTheEarliestTablePosition() {
        MySqlHybridSplitAssigner assigner = new MySqlHybridSplitAssigner(config, 1, state(List.of()), context());
        assertTrue(assigner.getNext().isEmpty(), "no snapshot split to hand out");
        assigner.onFinishedSplits(Map.of());
        MySqlSplit split = assigner.getNext().orElseThrow();
        MySqlBinlogSplit binlog = split.asBinlogSplit();
        assertEquals(at(400), binlog.getStartingOffset());
        assertEquals(2, binlog.getFinishedSnapshotSplitInfos().size());
    }

    private HybridPendingSplitsState partialState() {
        Map<TableId, TableChange> schemas = Map.of(USERS, schema(USERS));
        String until = SerializerUtils.rowToSerializedString(new Object[] {40_000L});
        return ResumedTablesState.of(config, Map.of(),
                new ResumedTablesState.Partial("shop.users", 5, until, at(700)), List.of(), schemas, true);
    }

    /**
     * The splitter produces the partial table's remaining chunks asynchronously; until it has,
     * the assigner must neither say "no more splits" (its reader would wait for a split request
     * that never comes) nor finish its snapshot phase (the binlog split would skip those chunks).
     */
    @Test
    void aPartialTableKeepsTheSnapshotPhaseOpenUntilItsRemainingChunksAreSplit() {
        MySqlSnapshotSplitAssigner snapshot = new MySqlSnapshotSplitAssigner(config, 1,
                partialState().getSnapshotPendingSplits(), context());
        assertFalse(snapshot.noMoreSplits(), "the rest of users is still to be split");
        MySqlHybridSplitAssigner hybrid = new MySqlHybridSplitAssigner(config, 1, partialState(), context());
        hybrid.onFinishedSplits(Map.of());
        assertEquals(AssignerStatus.INITIAL_ASSIGNING, hybrid.getAssignerStatus(), "no binlog split yet");
    }

    @Test
    void aPartialSnapshotIsAFinishedSplitUpToWhereItGotAndTheSplitterGoesOnFromThere() throws Exception {
        HybridPendingSplitsState state = partialState();
        var pending = state.getSnapshotPendingSplits();
        assertEquals(List.of(USERS), pending.getAlreadyProcessedTables());
        // As in Flink CDC's own checkpoints: the table being split stays in remainingTables until its
        // last chunk is split; the splitter goes on from its state, not from the first key.
        assertEquals(List.of(USERS), pending.getRemainingTables());
        assertEquals(USERS, pending.getChunkSplitterState().getCurrentSplittingTableId());
        assertEquals(40_000L, pending.getChunkSplitterState().getNextChunkStart().getValue());
        assertEquals(5, pending.getChunkSplitterState().getNextChunkId());
        var split = pending.getAssignedSplits().values().iterator().next();
        assertNull(split.getSplitStart());
        assertEquals(40_000L, split.getSplitEnd()[0]);
        assertEquals(at(700), pending.getSplitFinishedOffsets().get(split.splitId()));
        PendingSplitsStateSerializer serializer = new PendingSplitsStateSerializer(MySqlSplitSerializer.INSTANCE);
        HybridPendingSplitsState restored = (HybridPendingSplitsState) serializer.deserialize(
                serializer.getVersion(), serializer.serialize(state));
        assertEquals(5, restored.getSnapshotPendingSplits().getChunkSplitterState().getNextChunkId());
    }
}
