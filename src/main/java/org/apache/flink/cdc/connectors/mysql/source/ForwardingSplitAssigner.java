package org.apache.flink.cdc.connectors.mysql.source;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.flink.cdc.connectors.mysql.source.assigners.AssignerStatus;
import org.apache.flink.cdc.connectors.mysql.source.assigners.MySqlSplitAssigner;
import org.apache.flink.cdc.connectors.mysql.source.assigners.state.PendingSplitsState;
import org.apache.flink.cdc.connectors.mysql.source.offset.BinlogOffset;
import org.apache.flink.cdc.connectors.mysql.source.split.FinishedSnapshotSplitInfo;
import org.apache.flink.cdc.connectors.mysql.source.split.MySqlSplit;

/** A Flink CDC split assigner that does what its delegate does; subclasses change what they must. */
abstract class ForwardingSplitAssigner implements MySqlSplitAssigner {

    protected final MySqlSplitAssigner delegate;

    ForwardingSplitAssigner(MySqlSplitAssigner delegate) {
        this.delegate = delegate;
    }

    @Override
    public Optional<MySqlSplit> getNext() {
        return delegate.getNext();
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
