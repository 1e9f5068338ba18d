package io.mysqlflinkcdc.bench;

import java.util.List;
import java.util.OptionalDouble;

/** The markdown tables of RESULTS.md: medians per contender and the ratios the targets are set in. */
final class Report {

    private final Samples samples;
    private final BenchSettings settings;
    private final String ours = Contender.OURS.label();
    private final String debezium = Contender.DEBEZIUM.label();
    private static final String COPY = "copy limit";
    private static final String CEILING = Contender.CEILING.label();

    Report(Samples samples, BenchSettings settings) {
        this.samples = samples;
        this.settings = settings;
    }

    String mainTable() {
        StringBuilder out = new StringBuilder();
        out.append("| Measure (median of ").append(settings.repeats()).append(") | ").append(ours).append(" | ")
                .append(debezium).append(' ').append(settings.debeziumVersion()).append(" | ").append(CEILING)
                .append(" | copy limit | ").append(ours).append(" ÷ Debezium | ").append(ours).append(" ÷ ")
                .append(CEILING).append(" | ").append(ours).append(" ÷ copy limit | target |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        row(out, String.format("%,d-row snapshot: ", settings.snapshotRows()) + Workloads.SNAPSHOT_RATE,
                Workloads.SNAPSHOT_RATE, "≥ 0.9× Connect ceiling (≈ 1.8× Debezium)");
        row(out, Workloads.SNAPSHOT_WARM_RATE, Workloads.SNAPSHOT_WARM_RATE, "");
        row(out, Workloads.FIRST_RECORD, Workloads.FIRST_RECORD, "≤ 1.5 s");
        row(out, Workloads.SNAPSHOT_CPU, Workloads.SNAPSHOT_CPU, "");
        row(out, String.format("%,d changes: ", settings.binlogEvents()) + Workloads.BINLOG_RATE,
                Workloads.BINLOG_RATE, "≥ 1.5× Debezium");
        row(out, Workloads.BINLOG_RESUME, Workloads.BINLOG_RESUME, "");
        row(out, Workloads.BINLOG_RECORDS + String.format(" (of %,d changes)", settings.binlogEvents()),
                Workloads.BINLOG_RECORDS, "all");
        for (String p : List.of("50", "95", "99")) {
            String measure = String.format(Workloads.LATENCY, settings.latencyRowsPerSecond(), p);
            row(out, measure, measure, p.equals("99") ? "≤ 100 ms" : "");
        }
        row(out, Workloads.RSS_IDLE, Workloads.RSS_IDLE, "");
        row(out, Workloads.RSS_PEAK, Workloads.RSS_PEAK, "");
        row(out, Workloads.RSS_STREAMING, Workloads.RSS_STREAMING, "≤ Debezium");
        row(out, Workloads.HEAP_STREAMING, Workloads.HEAP_STREAMING, "");
        return out.toString();
    }

    /** Snapshot rows/s with the connector's JDBC chunk reader (the default) against Flink CDC's. */
    String readerTable() {
        String flinkCdc = Contender.OURS_WITH_FLINK_CDC_READER.label();
        StringBuilder out = new StringBuilder("| snapshot (median) | `snapshot.chunk.reader=jdbc` (default) | "
                + "`snapshot.chunk.reader=debezium` (Flink CDC's) | jdbc ÷ debezium |\n|---|---:|---:|---:|\n");
        for (String measure : List.of(Workloads.SNAPSHOT_RATE, Workloads.SNAPSHOT_WARM_RATE, Workloads.FIRST_RECORD,
                Workloads.RSS_PEAK)) {
            OptionalDouble jdbc = samples.median(measure, ours);
            OptionalDouble debeziumReader = samples.median(measure, flinkCdc);
            out.append("| ").append(measure).append(" | ").append(format(jdbc)).append(" | ")
                    .append(format(debeziumReader)).append(" | ").append(ratio(jdbc, debeziumReader)).append(" |\n");
        }
        return out.toString();
    }

    /** Snapshot rows/s with the producer overrides we ship against the worker's defaults. */
    String defaultsTable() {
        OptionalDouble shipped = samples.median(Workloads.SNAPSHOT_RATE, ours);
        OptionalDouble defaults = samples.median(Workloads.SNAPSHOT_RATE, Contender.OURS_WITH_WORKER_DEFAULTS.label());
        return "Overrides: `" + ShippedConfig.producerOverrides() + "` (from " + ShippedConfig.FILE + ").\n\n"
                + "| snapshot rows/s (median) | shipped overrides | worker defaults | shipped ÷ defaults |\n"
                + "|---|---:|---:|---:|\n"
                + "| " + ours + " | " + format(shipped) + " | " + format(defaults) + " | " + ratio(shipped, defaults)
                + " |\n";
    }

    String scalingTable() {
        StringBuilder out = new StringBuilder();
        out.append("| snapshot.parallelism | rows/s (median) | ÷ parallelism 1 | ÷ Debezium | ÷ copy limit |\n");
        out.append("|---:|---:|---:|---:|---:|\n");
        OptionalDouble one = samples.median(Workloads.SNAPSHOT_RATE, ours);
        for (int parallelism : settings.parallelisms()) {
            OptionalDouble rate = samples.median(Workloads.SNAPSHOT_RATE,
                    Workloads.column(Contender.OURS, parallelism));
            out.append("| ").append(parallelism).append(" | ").append(format(rate)).append(" | ")
                    .append(ratio(rate, one)).append(" | ")
                    .append(ratio(rate, samples.median(Workloads.SNAPSHOT_RATE, debezium))).append(" | ")
                    .append(ratio(rate, samples.median(Workloads.SNAPSHOT_RATE, COPY))).append(" |\n");
        }
        return out.toString();
    }

    /** Workload 6: the same tables over 1, 2, 4 tasks, against one task and the one-table snapshot. */
    String tasksTable() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%d tables × %,d rows, snapshot.parallelism=1 per task.%n%n", Workloads.MULTI_TABLES,
                Math.min(settings.multiTableRows(), settings.snapshotRows())));
        out.append("| tasks.max | rows/s (median) | ÷ tasks.max=1 | ÷ one-table snapshot | ÷ copy limit |\n");
        out.append("|---:|---:|---:|---:|---:|\n");
        OptionalDouble one = samples.median(Workloads.MULTI_TABLE_RATE, Workloads.tasksColumn(1));
        for (int tasks : settings.tasks()) {
            OptionalDouble rate = samples.median(Workloads.MULTI_TABLE_RATE, Workloads.tasksColumn(tasks));
            out.append("| ").append(tasks).append(" | ").append(format(rate)).append(" | ")
                    .append(ratio(rate, one)).append(" | ")
                    .append(ratio(rate, samples.median(Workloads.SNAPSHOT_RATE, ours))).append(" | ")
                    .append(ratio(rate, samples.median(Workloads.SNAPSHOT_RATE, COPY))).append(" |\n");
        }
        return out.toString();
    }

    private void row(StringBuilder out, String label, String measure, String target) {
        OptionalDouble mine = samples.median(measure, ours);
        OptionalDouble peer = samples.median(measure, debezium);
        OptionalDouble ceiling = samples.median(measure, CEILING);
        OptionalDouble copy = samples.median(measure, COPY);
        out.append("| ").append(label).append(" | ").append(format(mine)).append(" | ").append(format(peer))
                .append(" | ").append(format(ceiling)).append(" | ").append(format(copy)).append(" | ")
                .append(ratio(mine, peer)).append(" | ").append(ratio(mine, ceiling)).append(" | ")
                .append(ratio(mine, copy)).append(" | ").append(target).append(" |\n");
    }

    static String format(OptionalDouble value) {
        return value.isPresent() ? Samples.format(value.getAsDouble()) : "–";
    }

    static String ratio(OptionalDouble a, OptionalDouble b) {
        if (a.isEmpty() || b.isEmpty() || b.getAsDouble() == 0) {
            return "–";
        }
        return String.format("%.2f×", a.getAsDouble() / b.getAsDouble());
    }
}
