package org.apache.flink.cdc.connectors.mysql.source;

import java.util.Optional;

import org.apache.flink.cdc.connectors.mysql.source.assigners.MySqlSplitAssigner;
import org.apache.flink.cdc.connectors.mysql.source.split.MySqlSplit;

/**
 * Hands out the snapshot splits and withholds the binlog split that follows them, for a job that
 * snapshots tables beside the task's main job (docs/design.md, "Backfill beside the binlog"). Its
 * readers (with snapshot.backfill.skip) read by JDBC only, so they never register a binlog client
 * under the server id the main job's binlog reader uses; the task stops the job once its chunks
 * are in Kafka and resumes those tables in the main job.
 */
final class SnapshotSplitsOnlyAssigner extends ForwardingSplitAssigner {

    SnapshotSplitsOnlyAssigner(MySqlSplitAssigner delegate) {
        super(delegate);
    }

    @Override
    public Optional<MySqlSplit> getNext() {
        return delegate.getNext().filter(split -> !split.isBinlogSplit());
    }
}
