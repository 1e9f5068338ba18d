package io.mysqlflinkcdc.connect.metrics;

/**
 * The binlog reading over JMX, with the attribute names of Debezium's MySQL streaming metrics, as
 * {@code mysql-flink-cdc:type=connector-metrics,context=streaming,server=<topic.prefix>}.
 */
public interface StreamingMetricsMXBean {

    /**
     * Milliseconds between the last binlog change's commit on the server ({@code ts_sec}, whole
     * seconds) and its hand-over to Connect; -1 before the first change. Never negative.
     */
    long getMilliSecondsBehindSource();

    /** Binlog change records handed to Connect (a primary-key change counts twice: tombstone, new row). */
    long getTotalNumberOfEventsSeen();

    /** Binlog file of the last position handed to Connect (changes and heartbeats); null before any. */
    String getBinlogFilename();

    /** Position in {@link #getBinlogFilename()}; -1 before any. */
    long getBinlogPosition();

    /** The last binlog change, e.g. {@code tpcds.store_sales upsert at mysql-bin.000003:1200}; null before any. */
    String getLastEvent();

    /** Capacity, in records, of the hand-over between the Flink job and Connect (max.queue.size). */
    int getQueueTotalCapacity();

    /** Free slots in the hand-over; 0 means the job waits for Connect (backpressure). */
    int getQueueRemainingCapacity();

    /** The embedded Flink CDC job is running. */
    boolean isConnected();
}
