package io.mysqlflinkcdc.connect.offset;

import java.io.Serializable;
import java.util.Map;

/**
 * The binlog position each table was delivered up to, for a job that reads the binlog from the
 * earliest of them: a change at or before its table's point was delivered already and is skipped.
 * Tables without a point (being snapshotted, or new) take every change.
 */
public final class TableResumePoints implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Map<String, BinlogPosition> points;

    public TableResumePoints(Map<String, BinlogPosition> points) {
        this.points = Map.copyOf(points);
    }

    public static TableResumePoints none() {
        return new TableResumePoints(Map.of());
    }

    /** Whether a change of {@code table} at {@code position} is still to be delivered. */
    public boolean admits(String table, BinlogPosition position) {
        BinlogPosition delivered = points.get(table);
        return delivered == null || position == null || position.compareTo(delivered) > 0;
    }

    public Map<String, BinlogPosition> points() {
        return points;
    }

    public boolean isEmpty() {
        return points.isEmpty();
    }
}
