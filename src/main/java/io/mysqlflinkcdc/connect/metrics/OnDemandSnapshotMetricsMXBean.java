package io.mysqlflinkcdc.connect.metrics;

import java.util.Map;

/**
 * Per table, the on-demand snapshots of a task (asked for by a signal, or of a table added while
 * the connector runs), over JMX as
 * {@code mysql-flink-cdc:type=connector-metrics,context=on-demand-snapshot,server=<topic.prefix>,task=<n>}.
 * Each map holds the latest on-demand snapshot of every table that had one since the task started.
 */
public interface OnDemandSnapshotMetricsMXBean {

    /** {@code db.table} → {@code RUNNING}, {@code COMPLETED} or {@code ABORTED}. */
    Map<String, String> getStatus();

    /** {@code db.table} → chunks whose rows are all handed to Connect. */
    Map<String, Integer> getChunksDone();

    /**
     * {@code db.table} → chunks in all. Flink CDC splits a table as it reads it, so this is exact
     * once the last chunk is done; before, the server's row estimate over snapshot.chunk.size (at
     * least one more than done), or -1 without an estimate.
     */
    Map<String, Integer> getChunksTotal();

    /** {@code db.table} → rows read so far. */
    Map<String, Long> getRowsRead();
}
