package io.mysqlflinkcdc.connect.metrics;

import java.util.Locale;
import java.util.OptionalLong;

/**
 * Where a snapshot stands, and its log lines: a progress line with rate and ETA while it runs, a
 * summary once it completed. The rate is measured from the snapshot's start to its latest row, so
 * it does not sink while the job waits for the switch to the binlog; the ETA extrapolates it over
 * the rows the server's estimates say are left.
 *
 * @param table                 {@code db.table} that received the latest rows; null before the first row
 * @param tableRows             rows of {@code table} so far
 * @param tableEstimate         the server's estimate of {@code table}'s rows; -1 when unknown
 * @param rows                  rows of all tables so far
 * @param remainingRowsEstimate rows the estimates say are left; -1 when there are no estimates
 * @param remainingTables       tables still below their estimate
 * @param totalTables           captured tables
 * @param activeMillis          time from the snapshot's start to its latest row
 * @param durationMillis        time since the snapshot started (the task's start)
 */
record SnapshotProgress(String table, long tableRows, long tableEstimate, long rows, long remainingRowsEstimate,
                               int remainingTables, int totalTables, long activeMillis, long durationMillis) {

    long rowsPerSecond() {
        return activeMillis <= 0 ? 0 : rows * 1000 / activeMillis;
    }

    /** Seconds left at the current rate; empty without estimates, rows or a rate, or past the estimates. */
    OptionalLong etaSeconds() {
        if (remainingRowsEstimate <= 0 || rows == 0 || activeMillis <= 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of((long) Math.ceil(remainingRowsEstimate * (double) activeMillis / rows / 1000));
    }

    /**
     * e.g. {@code Snapshot of 'shop': tpcds.store_sales 12000/~20000 rows (60%), 2 of 2 tables remaining,
     * 3400 rows/s, ETA 2 s}.
     */
    String runningLine(String server) {
        StringBuilder line = new StringBuilder("Snapshot of '").append(server).append("': ");
        if (table == null) {
            line.append("no rows yet");
        } else {
            line.append(table).append(' ').append(tableRows);
            if (tableEstimate > 0) {
                line.append("/~").append(tableEstimate).append(" rows (")
                        .append(Math.min(100, tableRows * 100 / tableEstimate)).append("%)");
            } else {
                line.append(" rows");
            }
        }
        if (remainingRowsEstimate >= 0) {
            line.append(", ").append(remainingTables).append(" of ").append(tables(totalTables)).append(" remaining");
        } else {
            line.append(", ").append(rows).append(" rows from ").append(tables(totalTables)).append(" so far");
        }
        line.append(", ").append(rowsPerSecond()).append(" rows/s, ETA ");
        OptionalLong eta = etaSeconds();
        if (eta.isPresent()) {
            line.append(duration(eta.getAsLong()));
        } else {
            // Past the estimates, the rest is either rows the estimates missed or the switch to the binlog.
            line.append(remainingRowsEstimate == 0 ? "unknown (row estimates reached)" : "unknown");
        }
        return line.toString();
    }

    /** e.g. {@code Snapshot of 'shop' completed: 25000 rows from 2 tables in 7.3 s}. */
    String completedLine(String server) {
        String took = durationMillis < 60_000
                ? String.format(Locale.ROOT, "%.1f s", durationMillis / 1000.0)
                : duration(durationMillis / 1000);
        return "Snapshot of '" + server + "' completed: " + rows + " rows from " + tables(totalTables) + " in " + took;
    }

    private static String tables(int count) {
        return count == 1 ? "1 table" : count + " tables";
    }

    /** 42 s, 3 min 20 s, 2 h 5 min. */
    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
    }
}
