package io.mysqlflinkcdc.connect.metrics;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.mysqlflinkcdc.connect.record.SnapshotChunk;

/**
 * The per-table state of on-demand snapshots. The task thread writes, except {@link #started}, which
 * runs before the first row of those snapshots on the thread that starts them; JMX threads read.
 */
final class OnDemandSnapshotMetrics implements OnDemandSnapshotMetricsMXBean {

    enum Status { RUNNING, COMPLETED, ABORTED }

    private static final class TableSnapshot {
        private final long rowEstimate;
        private final int chunkSize;
        private volatile Status status = Status.RUNNING;
        private volatile int chunksDone;
        private volatile int lastChunk = -1;
        private volatile long rows;

        TableSnapshot(long rowEstimate, int chunkSize, int chunksDone) {
            this.rowEstimate = rowEstimate;
            this.chunkSize = chunkSize;
            this.chunksDone = chunksDone;
        }

        int chunksTotal() {
            if (lastChunk >= 0) {
                return lastChunk + 1;
            }
            if (rowEstimate < 0) {
                return -1;
            }
            long estimated = (rowEstimate + chunkSize - 1) / chunkSize;
            return (int) Math.max(estimated, chunksDone + 1L);
        }
    }

    private final Map<String, TableSnapshot> tables = new ConcurrentHashMap<>();
    private final int chunkSize;

    OnDemandSnapshotMetrics(int chunkSize) {
        this.chunkSize = Math.max(1, chunkSize);
    }

    /**
     * On-demand snapshots of {@code tables} start (or resume after {@code chunksDone} of their chunks).
     *
     * @param rowEstimates the server's row estimate of a table, -1 when unknown
     */
    void started(Collection<String> names, Map<String, Integer> chunksDone, Function<String, Long> rowEstimates) {
        for (String name : names) {
            tables.put(name, new TableSnapshot(rowEstimates.apply(name), chunkSize, chunksDone.getOrDefault(name, 0)));
        }
    }

    void ended(Collection<String> names, Status status) {
        for (String name : names) {
            TableSnapshot table = tables.get(name);
            if (table != null && table.status == Status.RUNNING) {
                table.status = status;
            }
        }
    }

    /** Whether any table's on-demand snapshot runs: only then are rows worth counting. */
    boolean running() {
        return tables.values().stream().anyMatch(table -> table.status == Status.RUNNING);
    }

    void rows(String name, long rows) {
        TableSnapshot table = tables.get(name);
        if (table != null && table.status == Status.RUNNING) {
            table.rows += rows;
        }
    }

    void chunkDone(SnapshotChunk chunk) {
        TableSnapshot table = tables.get(chunk.table());
        if (table == null || table.status != Status.RUNNING) {
            return;
        }
        table.chunksDone++;
        if (chunk.end() == null) {
            table.lastChunk = chunk.id();
        }
    }

    /**
     * One line per running on-demand snapshot, e.g. {@code On-demand snapshot of 'shop':
     * tpcds.store_sales 12000 rows, 3 of ~8 chunks (37%)}.
     */
    java.util.List<String> runningLines(String server) {
        java.util.List<String> lines = new java.util.ArrayList<>();
        new TreeMap<>(tables).forEach((name, table) -> {
            if (table.status != Status.RUNNING) {
                return;
            }
            StringBuilder line = new StringBuilder("On-demand snapshot of '").append(server).append("': ")
                    .append(name).append(' ').append(table.rows).append(" rows, ").append(table.chunksDone);
            int total = table.chunksTotal();
            if (total > 0) {
                line.append(" of ").append(table.lastChunk >= 0 ? "" : "~").append(total).append(" chunks (")
                        .append(Math.min(100, table.chunksDone * 100 / total)).append("%)");
            } else {
                line.append(" chunks");
            }
            lines.add(line.toString());
        });
        return lines;
    }

    @Override
    public Map<String, String> getStatus() {
        return view(table -> table.status.name());
    }

    @Override
    public Map<String, Integer> getChunksDone() {
        return view(table -> table.chunksDone);
    }

    @Override
    public Map<String, Integer> getChunksTotal() {
        return view(TableSnapshot::chunksTotal);
    }

    @Override
    public Map<String, Long> getRowsRead() {
        return view(table -> table.rows);
    }

    private <V> Map<String, V> view(Function<TableSnapshot, V> value) {
        Map<String, V> view = new TreeMap<>();
        tables.forEach((name, table) -> view.put(name, value.apply(table)));
        return view;
    }
}
