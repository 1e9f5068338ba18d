package io.mysqlflinkcdc.connect.metrics;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The snapshot's state and per-table row counts. Only the Connect task thread writes (from
 * {@code poll()}); JMX threads read, hence the volatile fields and the concurrent table map.
 */
final class SnapshotMetrics implements SnapshotMetricsMXBean {

    /** Snapshot rows delivered for one table, against the server's estimate of its size. */
    static final class TableRows {

        /** {@code db.table}. */
        final String name;
        /** Approximate rows per information_schema; -1 when unknown. */
        final long estimate;
        private volatile long rows;

        TableRows(String name, long estimate) {
            this.name = name;
            this.estimate = estimate;
        }

        /** Not atomic, and need not be: the task thread is the only writer. */
        void add() {
            rows++;
        }

        long rows() {
            return rows;
        }

        /** Not yet at its estimate; a table of unknown or zero estimate is done once a row arrived. */
        boolean remaining() {
            return rows < Math.max(estimate, 1);
        }
    }

    private final Clock clock;
    private final Map<String, TableRows> tables = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile boolean completed;
    private volatile boolean estimated;
    private volatile long startedMs = -1;
    private volatile long lastRowMs = -1;
    private volatile long completedMs = -1;
    /** The table that received the latest rows; read only by the task thread (progress line). */
    private TableRows current;

    SnapshotMetrics(Clock clock) {
        this.clock = clock;
    }

    /**
     * A snapshot starts with this task.
     *
     * @param estimates approximate rows per captured {@code db.table}; empty when the server could not tell
     */
    void started(Optional<Map<String, Long>> estimates) {
        estimates.ifPresent(sizes -> sizes.forEach((name, rows) -> tables.put(name, new TableRows(name, rows))));
        estimated = estimates.isPresent();
        startedMs = clock.millis();
        running = true;
    }

    /** The stored offsets say the snapshot completed before this task started. */
    void completedEarlier() {
        completed = true;
    }

    /** The counter of {@code db.table}, created when a table not listed at start delivers rows. */
    TableRows table(String name) {
        return tables.computeIfAbsent(name, n -> new TableRows(n, -1));
    }

    /** Rows were counted in a batch; {@code last} is the table of the batch's last snapshot row. */
    void scanned(TableRows last) {
        current = last;
        lastRowMs = clock.millis();
    }

    /** Marks the snapshot completed; true when it ran in this task (so its summary is worth a log line). */
    boolean complete() {
        if (completed) {
            return false;
        }
        completed = true;
        boolean wasRunning = running;
        if (wasRunning) {
            completedMs = clock.millis();
            running = false;
        }
        return wasRunning;
    }

    /** Where the snapshot stands now, for the progress log. */
    SnapshotProgress progress() {
        long now = clock.millis();
        long rows = 0;
        long remainingRows = 0;
        int remainingTables = 0;
        for (TableRows table : tables.values()) {
            long scanned = table.rows();
            rows += scanned;
            remainingRows += Math.max(0, table.estimate - scanned);
            if (table.remaining()) {
                remainingTables++;
            }
        }
        TableRows table = current;
        long started = startedMs;
        long lastRow = lastRowMs;
        return new SnapshotProgress(
                table == null ? null : table.name,
                table == null ? 0 : table.rows(),
                table == null ? -1 : table.estimate,
                rows,
                estimated ? remainingRows : -1,
                completed ? 0 : remainingTables,
                tables.size(),
                started < 0 || lastRow < 0 ? 0 : lastRow - started,
                durationMs(now));
    }

    private long durationMs(long now) {
        long started = startedMs;
        if (started < 0) {
            return 0;
        }
        long ended = completedMs;
        return (ended < 0 ? now : ended) - started;
    }

    @Override
    public boolean getSnapshotRunning() {
        return running;
    }

    @Override
    public boolean getSnapshotCompleted() {
        return completed;
    }

    @Override
    public int getTotalTableCount() {
        return tables.size();
    }

    @Override
    public int getRemainingTableCount() {
        if (completed || !running) {
            return 0;
        }
        return (int) tables.values().stream().filter(TableRows::remaining).count();
    }

    @Override
    public Map<String, Long> getRowsScanned() {
        Map<String, Long> rows = new TreeMap<>();
        tables.values().forEach(table -> rows.put(table.name, table.rows()));
        return rows;
    }

    @Override
    public long getSnapshotDurationInSeconds() {
        return durationMs(clock.millis()) / 1000;
    }
}
