package io.mysqlflinkcdc.connect.offset;

import java.io.Serializable;
import java.util.Comparator;
import java.util.Objects;

/**
 * A resumable point in the binlog, in Debezium's terms: the event to restart at ({@code file},
 * {@code pos}), how many events and rows after it were already delivered ({@code event},
 * {@code row}), and optionally the GTID set, event time and origin server.
 */
public record BinlogPosition(String file, long pos, long event, long row, String gtids, long tsSec, Long serverId)
        implements Comparable<BinlogPosition>, Serializable {

    private static final Comparator<BinlogPosition> ORDER = Comparator
            .comparingLong((BinlogPosition p) -> fileNumber(p.file)).thenComparing(BinlogPosition::file)
            .thenComparingLong(BinlogPosition::pos).thenComparingLong(BinlogPosition::event)
            .thenComparingLong(BinlogPosition::row);

    public BinlogPosition {
        Objects.requireNonNull(file, "file");
        if (pos < 0 || event < 0 || row < 0) {
            throw new IllegalArgumentException("pos, event and row must not be negative");
        }
    }

    /**
     * Binlog order by file, then position, then events and rows already delivered after it. GTIDs
     * are not compared: every position this connector writes has a file and position, and MariaDB's
     * GTIDs do not order across domains.
     */
    @Override
    public int compareTo(BinlogPosition other) {
        return ORDER.compare(this, other);
    }

    /** The number after the last dot of mysql-bin.000123; files of one server share the base name. */
    private static long fileNumber(String file) {
        int dot = file.lastIndexOf('.');
        try {
            return dot < 0 ? 0 : Long.parseLong(file.substring(dot + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public String toString() {
        return file + ":" + pos + " (skip " + event + " events, " + row + " rows)"
                + (gtids == null || gtids.isEmpty() ? "" : " gtids=" + gtids);
    }
}
