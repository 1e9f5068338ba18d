package io.mysqlflinkcdc.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** What one benchmark run does, from -Dbench.* system properties (defaults: the full benchmark). */
record BenchSettings(int snapshotRows, int binlogEvents, int latencyRowsPerSecond, int latencySeconds, int repeats,
                     List<Integer> parallelisms, int multiTableRows, List<Integer> tasks, String kafkaVersion,
                     String workerHeap, String debeziumVersion, Path debeziumPlugin, Path resultsFile,
                     java.util.Set<String> workloads, boolean profile) {

    boolean runs(String workload) {
        return workloads.contains(workload);
    }

    static BenchSettings fromSystemProperties() {
        return new BenchSettings(
                Integer.getInteger("bench.rows", 1_000_000),
                Integer.getInteger("bench.binlog.events", 200_000),
                Integer.getInteger("bench.latency.rate", 5_000),
                Integer.getInteger("bench.latency.seconds", 30),
                Integer.getInteger("bench.repeats", 3),
                integers("bench.parallelism", "1,2,4"),
                Integer.getInteger("bench.multitable.rows", 250_000),
                integers("bench.tasks", "1,2,4"),
                required("bench.kafka.version"),
                System.getProperty("bench.worker.heap", "2g"),
                required("bench.debezium.version"),
                Path.of(required("bench.debezium.plugin")),
                Path.of(required("bench.results")),
                java.util.Set.of(System.getProperty("bench.workloads", "copy,ceiling,debezium,snapshot,reader,defaults,binlog,latency,multitable")
                        .split(",")),
                Boolean.getBoolean("bench.profile"));
    }

    private static List<Integer> integers(String name, String defaults) {
        return Arrays.stream(System.getProperty(name, defaults).split(",")).map(String::trim).map(Integer::valueOf)
                .toList();
    }

    private static String required(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + name + " is not set; run the benchmark with bash bench/run");
        }
        return value;
    }
}
