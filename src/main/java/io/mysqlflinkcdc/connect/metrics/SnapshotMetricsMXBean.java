package io.mysqlflinkcdc.connect.metrics;

import java.util.Map;

/**
 * The snapshot's progress over JMX, with the attribute names of Debezium's snapshot metrics so
 * existing dashboards and alerts find them, as
 * {@code mysql-flink-cdc:type=connector-metrics,context=snapshot,server=<topic.prefix>}.
 */
public interface SnapshotMetricsMXBean {

    /** A snapshot runs in this task and has not completed. */
    boolean getSnapshotRunning();

    /** The offsets say the snapshot completed (also when it completed before this task started). */
    boolean getSnapshotCompleted();

    /** Captured tables: those information_schema listed at start, plus any other that delivered rows. */
    int getTotalTableCount();

    /**
     * Tables whose scanned rows are still below the server's row estimate (an estimate: InnoDB's
     * row counts are approximate); 0 once the snapshot completed.
     */
    int getRemainingTableCount();

    /** Snapshot rows delivered so far, per {@code db.table}. */
    Map<String, Long> getRowsScanned();

    /** Seconds from the task's start to the snapshot's completion (or to now, while it runs); 0 without a snapshot. */
    long getSnapshotDurationInSeconds();
}
