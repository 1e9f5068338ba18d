package io.mysqlflinkcdc.connect.metrics;

import java.time.Clock;
import java.util.function.IntSupplier;

/**
 * The binlog reading's state. Only the Connect task thread writes (once per {@code poll()} batch);
 * JMX threads read. Values that belong together are published as one immutable object, so a reader
 * never sees a file with another file's position.
 */
final class StreamingMetrics implements StreamingMetricsMXBean {

    /** A point in the binlog that was handed to Connect. */
    record Position(String file, long pos) {
    }

    /** The latest binlog change handed to Connect. */
    record LastChange(String table, boolean delete, Position position) {
        @Override
        public String toString() {
            return table + (delete ? " delete" : " upsert") + " at " + position.file() + ":" + position.pos();
        }
    }

    private final Clock clock;
    private final int queueCapacity;
    private final IntSupplier queueRemaining;
    private volatile long millisBehind = -1;
    private volatile long changesSeen;
    private volatile Position position;
    private volatile LastChange lastChange;
    private volatile boolean connected;

    StreamingMetrics(Clock clock, int queueCapacity, IntSupplier queueRemaining) {
        this.clock = clock;
        this.queueCapacity = queueCapacity;
        this.queueRemaining = queueRemaining;
    }

    void connected(boolean running) {
        connected = running;
    }

    /** A batch reached {@code position} (a change or a heartbeat). */
    void reached(Position reached) {
        position = reached;
    }

    /**
     * A batch held {@code count} binlog changes, the last of which is {@code last}.
     *
     * @param tsSec commit time on the server, epoch seconds; 0 when the offset does not say
     */
    void changes(long count, LastChange last, long tsSec) {
        changesSeen += count;
        lastChange = last;
        if (tsSec > 0) {
            // ts_sec has whole seconds and the clocks of two hosts may differ: never report a negative lag.
            millisBehind = Math.max(0, clock.millis() - tsSec * 1000);
        }
    }

    @Override
    public long getMilliSecondsBehindSource() {
        return millisBehind;
    }

    @Override
    public long getTotalNumberOfEventsSeen() {
        return changesSeen;
    }

    @Override
    public String getBinlogFilename() {
        Position reached = position;
        return reached == null ? null : reached.file();
    }

    @Override
    public long getBinlogPosition() {
        Position reached = position;
        return reached == null ? -1 : reached.pos();
    }

    @Override
    public String getLastEvent() {
        LastChange last = lastChange;
        return last == null ? null : last.toString();
    }

    @Override
    public int getQueueTotalCapacity() {
        return queueCapacity;
    }

    @Override
    public int getQueueRemainingCapacity() {
        return queueRemaining.getAsInt();
    }

    @Override
    public boolean isConnected() {
        return connected;
    }
}
