package org.apache.flink.cdc.connectors.mysql.source;

import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.flink.cdc.connectors.mysql.source.assigners.AssignerStatus;
import org.apache.flink.cdc.connectors.mysql.source.assigners.MySqlSplitAssigner;
import org.apache.flink.cdc.connectors.mysql.source.assigners.state.PendingSplitsState;
import org.apache.flink.cdc.connectors.mysql.source.offset.BinlogOffset;
import org.apache.flink.cdc.connectors.mysql.source.split.FinishedSnapshotSplitInfo;
import org.apache.flink.cdc.connectors.mysql.source.split.MySqlBinlogSplit;
import org.apache.flink.cdc.connectors.mysql.source.split.MySqlSplit;

import io.debezium.relational.TableId;
import io.debezium.relational.history.TableChanges.TableChange;

/**
 * Hands out Flink CDC's binlog split with the given table schemas in it; a reader receiving a split
 * with schemas decodes its rows with them instead of discovering the current ones.
 */
final class SeededBinlogSplitAssigner implements MySqlSplitAssigner {

    private final MySqlSplitAssigner delegate;
    private final Map<TableId, TableChange> tableSchemas;

    SeededBinlogSplitAssigner(MySqlSplitAssigner delegate, Map<TableId, TableChange> tableSchemas) {
        this.delegate = delegate;
        this.tableSchemas = tableSchemas;
    }

    @Override
    public Optional<MySqlSplit> getNext() {
        return delegate.getNext().map(split -> {
            if (!split.isBinlogSplit() || !split.asBinlogSplit().getTableSchemas().isEmpty()) {
                return split;
            }
            // A fresh map each time: the split state records later DDL into it.
            return MySqlBinlogSplit.fillTableSchemas(split.asBinlogSplit(), new HashMap<>(tableSchemas));
        });
    }

    @Override
    public void open() {
        delegate.open();
    }

    @Override
    public boolean waitingForFinishedSplits() {
        return delegate.waitingForFinishedSplits();
    }

    @Override
    public List<FinishedSnapshotSplitInfo> getFinishedSplitInfos() {
        return delegate.getFinishedSplitInfos();
    }

    @Override
    public void onFinishedSplits(Map<String, BinlogOffset> splitFinishedOffsets) {
        delegate.onFinishedSplits(splitFinishedOffsets);
    }

    @Override
    public void addSplits(Collection<MySqlSplit> splits) {
        delegate.addSplits(splits);
    }

    @Override
    public PendingSplitsState snapshotState(long checkpointId) {
        return delegate.snapshotState(checkpointId);
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        delegate.notifyCheckpointComplete(checkpointId);
    }

    @Override
    public AssignerStatus getAssignerStatus() {
        return delegate.getAssignerStatus();
    }

    @Override
    public void startAssignNewlyAddedTables() {
        delegate.startAssignNewlyAddedTables();
    }

    @Override
    public boolean noMoreSplits() {
        return delegate.noMoreSplits();
    }

    @Override
    public void onBinlogSplitUpdated() {
        delegate.onBinlogSplitUpdated();
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
