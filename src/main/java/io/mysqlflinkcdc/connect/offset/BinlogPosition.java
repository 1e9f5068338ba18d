package io.mysqlflinkcdc.connect.offset;

import java.util.Objects;

/**
 * A resumable point in the binlog, in Debezium's terms: the event to restart at ({@code file},
 * {@code pos}), how many events and rows after it were already delivered ({@code event},
 * {@code row}), and optionally the GTID set, event time and origin server.
 */
public record BinlogPosition(String file, long pos, long event, long row, String gtids, long tsSec, Long serverId) {

    public BinlogPosition {
        Objects.requireNonNull(file, "file");
        if (pos < 0 || event < 0 || row < 0) {
            throw new IllegalArgumentException("pos, event and row must not be negative");
        }
    }

    @Override
    public String toString() {
        return file + ":" + pos + " (skip " + event + " events, " + row + " rows)"
                + (gtids == null || gtids.isEmpty() ? "" : " gtids=" + gtids);
    }
}
