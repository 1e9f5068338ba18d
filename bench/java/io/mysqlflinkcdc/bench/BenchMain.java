package io.mysqlflinkcdc.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.mysqlflinkcdc.connect.it.KafkaStack;
import io.mysqlflinkcdc.connect.it.MariaDbServer;
import io.mysqlflinkcdc.connect.it.TestDatabase;
import io.mysqlflinkcdc.connect.it.TpcdsTables;

/**
 * The benchmark (bash bench/run): our connector, Debezium, the Connect ceiling and the copy limit against one MariaDB,
 * one broker and one Connect worker process per run, all on this machine; medians of repeats.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true"); // the chart is drawn without a display
        BenchSettings settings = BenchSettings.fromSystemProperties();
        Path work = Files.createDirectories(Path.of(System.getProperty("it.work.dir")));
        Samples samples = new Samples();
        Map<String, String> profiles = new java.util.LinkedHashMap<>();
        try (MariaDbServer server = MariaDbServer.start(work.resolve("mariadb"), List.of(
                "--innodb-buffer-pool-size=1G", "--max-binlog-size=1G"))) {
            TestDatabase db = server.newDatabaseNamed("bench");
            loadStoreSales(db, settings.snapshotRows());
            // The worker keeps Kafka's producer defaults: each connector config carries the shipped
            // overrides (connector-config/mysql-flink-cdc.json), or not (the "producer defaults" column).
            try (KafkaStack stack = KafkaStack.start(settings.kafkaVersion(), settings.workerHeap(), Map.of(),
                    List.of(debeziumPluginPath(settings), CeilingPlugin.install(work)));
                 TopicWatch topics = new TopicWatch(stack.bootstrapServers())) {
                Workloads workloads = new Workloads(settings, stack, db, topics, samples,
                        ShippedConfig.producerSettings());
                if (settings.runs("multitable")) {
                    workloads.createMultiTables();
                }
                for (int repeat = 1; repeat <= settings.repeats(); repeat++) {
                    System.out.printf("Repeat %d of %d%n", repeat, settings.repeats());
                    runOnce(settings, workloads);
                }
                profiles.putAll(workloads.profiles());
            }
            String machine = Machine.describe(server.version(), settings);
            if (settings.profile()) {
                writeProfile(settings, profiles, machine);
            } else {
                writeResults(settings, samples, machine);
            }
        }
    }

    private static void runOnce(BenchSettings settings, Workloads workloads) throws Exception {
        if (settings.runs("copy")) {
            workloads.copyLimit();
        }
        if (settings.runs("ceiling")) {
            workloads.snapshot(Contender.CEILING, 1);
        }
        if (settings.runs("debezium") && settings.runs("snapshot")) {
            workloads.snapshot(Contender.DEBEZIUM, 1);
        }
        if (settings.runs("snapshot")) {
            for (int parallelism : settings.parallelisms()) {
                workloads.snapshot(Contender.OURS, parallelism);
            }
        }
        if (settings.runs("reader")) {
            workloads.snapshot(Contender.OURS_WITH_FLINK_CDC_READER, 1);
        }
        if (settings.runs("defaults")) {
            workloads.snapshot(Contender.OURS_WITH_WORKER_DEFAULTS, 1);
        }
        if (settings.runs("multitable")) {
            for (int tasks : settings.tasks()) {
                workloads.multiTableSnapshot(tasks);
            }
        }
        for (Contender contender : contenders(settings)) {
            if (settings.runs("binlog")) {
                workloads.binlog(contender);
            }
            if (settings.runs("latency")) {
                workloads.latency(contender);
            }
        }
    }

    private static List<Contender> contenders(BenchSettings settings) {
        return settings.runs("debezium") ? List.of(Contender.OURS, Contender.DEBEZIUM) : List.of(Contender.OURS);
    }

    private static void loadStoreSales(TestDatabase db, int rows) throws Exception {
        long start = System.nanoTime();
        TpcdsTables.createStoreSales(db);
        for (int first = 1; first <= rows; first += 50_000) {
            TpcdsTables.insertSales(db, first, Math.min(50_000, rows - first + 1));
        }
        System.out.printf("Loaded %,d store_sales rows in %.0f s%n", rows, (System.nanoTime() - start) / 1e9);
    }

    /** The plugin.path entry holding Debezium's plugin folder, as unpacked by bash bench/run. */
    private static Path debeziumPluginPath(BenchSettings settings) throws Exception {
        try (var children = Files.list(settings.debeziumPlugin())) {
            if (children.noneMatch(Files::isDirectory)) {
                throw new IllegalStateException("no Debezium plugin folder in " + settings.debeziumPlugin()
                        + "; run the benchmark with bash bench/run");
            }
        }
        return settings.debeziumPlugin();
    }

    /** With bench.profile: the per-row breakdowns go to PROFILE.md (the rates, slowed by the recording, are not kept). */
    private static void writeProfile(BenchSettings settings, Map<String, String> profiles, String machine)
            throws Exception {
        Path file = settings.resultsFile().resolveSibling("PROFILE.md");
        StringBuilder text = new StringBuilder("# Where the CPU goes: snapshot and binlog backlog\n\n")
                .append("Written by `bash bench/run -Dbench.profile=true ...` on ").append(Instant.now())
                .append(": JFR CPU samples of the worker from the PUT (a snapshot) or the resume (a binlog backlog) ")
                .append("to the last record, each given to the first ")
                .append("frame from the top in a known part of the path; then the CPU time of each worker thread ")
                .append("over the same span, from a thread dump every half second (the dumps themselves run on the ")
                .append("Attach Listener), which also counts the JIT compiler and GC ")
                .append("(bench/README.md).\n\n").append(machine)
                .append('\n');
        profiles.values().forEach(table -> text.append(table).append('\n'));
        System.out.println(text);
        Files.writeString(file, text);
        System.out.println("Written to " + file);
    }

    private static void writeResults(BenchSettings settings, Samples samples, String machine) throws Exception {
        Report report = new Report(samples, settings);
        String text = "# Benchmark results\n\n"
                + "Written by `bash bench/run` on " + Instant.now() + ". What each measure means: bench/README.md.\n\n"
                + "![snapshot rows/s per contender](RESULTS.png)\n\n"
                + machine + "\n"
                + "## Medians and ratios\n\n" + report.mainTable() + "\n"
                + "## The connector's chunk reader vs Flink CDC's (mysql-flink-cdc)\n\n"
                + report.readerTable() + "\n"
                + "## Shipped producer overrides vs the worker's defaults (mysql-flink-cdc)\n\n"
                + report.defaultsTable() + "\n"
                + "## Snapshot scaling (mysql-flink-cdc)\n\n" + report.scalingTable() + "\n"
                + "## Scaling out: tables over tasks (mysql-flink-cdc)\n\n" + report.tasksTable() + "\n"
                + "## Every repeat\n\n" + samples.raw();
        System.out.println();
        System.out.println(report.mainTable());
        System.out.println(report.readerTable());
        System.out.println(report.scalingTable());
        System.out.println(report.tasksTable());
        Files.writeString(settings.resultsFile(), text);
        Path chart = settings.resultsFile().resolveSibling("RESULTS.png");
        SnapshotChart.write(samples, settings, chart);
        System.out.println("Written to " + settings.resultsFile() + " and " + chart);
    }
}
