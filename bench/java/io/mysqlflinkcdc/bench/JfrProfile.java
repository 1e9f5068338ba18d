package io.mysqlflinkcdc.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * The per-row cost breakdown of a snapshot or a binlog backlog (bench/README.md, "Where the time
 * goes"): JFR's CPU samples of the worker, recorded from the PUT (or resume) to the last record
 * (jcmd JFR.start / JFR.dump), each given to the first frame from the top that belongs to a known
 * part of the path. JDK, shaded and worker Connect data classes are passed over, so a
 * {@code Struct.put} counts for whoever called it.
 */
final class JfrProfile {

    /** Class-name prefixes → part of the path, the first that matches wins. */
    private static final List<Map.Entry<String, String>> PARTS = List.of(
            Map.entry("com.mysql.cj.", "JDBC driver: reading and decoding rows"),
            Map.entry("io.debezium.", "Debezium: change record, envelope and source struct per row"),
            Map.entry("com.github.shyiko.mysql.binlog.", "binlog client: reading and decoding events"),
            Map.entry("io.mysqlflinkcdc.connect.event.", "ours: shaded → worker Struct copy"),
            Map.entry("io.mysqlflinkcdc.connect.format.", "ours: shaded → worker Struct copy"),
            Map.entry("io.mysqlflinkcdc.connect.engine.", "ours: hand-over between Flink and Connect"),
            Map.entry("io.mysqlflinkcdc.connect.", "ours: records, offsets, metrics on the task thread"),
            Map.entry("io.mysqlflinkcdc.bench.ceiling.", "ceiling: its task"),
            Map.entry("org.apache.flink.cdc.", "Flink CDC: reader, emitter, split state, metrics"),
            Map.entry("org.apache.flink.", "Flink runtime"),
            Map.entry("org.apache.kafka.connect.json.", "Connect: JsonConverter"),
            Map.entry("com.fasterxml.jackson.", "Connect: JsonConverter"),
            Map.entry("org.apache.kafka.connect.runtime.", "Connect: worker task loop, offsets"),
            Map.entry("org.apache.kafka.clients.", "Kafka producer"),
            Map.entry("org.apache.kafka.common.", "Kafka producer"),
            Map.entry("org.apache.kafka.", "Kafka, other"));
    private static final List<String> PASSED_OVER = List.of("java.", "javax.", "jdk.", "sun.",
            "org.apache.kafka.connect.data.", "org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.");

    /** JFR's "profile" settings sample each running Java thread every 10 ms. */
    private static final double SAMPLE_MICROS = 10_000;

    private JfrProfile() {
    }

    /** Starts a recording of the worker's CPU samples. */
    static void start(long pid) throws IOException, InterruptedException {
        jcmd(pid, "JFR.start", "name=bench", "settings=profile");
    }

    /** Writes the recording so far to {@code file} and stops it. */
    static void stop(long pid, Path file) throws IOException, InterruptedException {
        jcmd(pid, "JFR.dump", "name=bench", "filename=" + file.toAbsolutePath());
        jcmd(pid, "JFR.stop", "name=bench");
    }

    /** Samples per part of the path, most first. */
    static Map<String, Long> samplesByPart(Path file) throws IOException {
        Map<String, Long> parts = new java.util.HashMap<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            parts.merge(part(event.getStackTrace().getFrames()), 1L, Long::sum);
        }
        Map<String, Long> sorted = new LinkedHashMap<>();
        parts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
        return sorted;
    }

    static String part(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            if (PASSED_OVER.stream().anyMatch(type::startsWith)) {
                continue;
            }
            for (Map.Entry<String, String> part : PARTS) {
                if (type.startsWith(part.getKey())) {
                    return part.getValue();
                }
            }
            return "other: " + type.substring(0, Math.max(0, type.lastIndexOf('.')));
        }
        return "JDK only (GC, I/O, locks)";
    }

    /** A markdown table: per part, the share of samples and the CPU microseconds per row (10 ms per sample). */
    static String table(String contender, Map<String, Long> parts, long rows) {
        long total = parts.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder out = new StringBuilder("| " + contender + ": part of the path | samples | share | CPU µs per row |\n"
                + "|---|---:|---:|---:|\n");
        parts.forEach((part, samples) -> out.append(String.format("| %s | %,d | %.1f%% | %.2f |%n", part, samples,
                100.0 * samples / Math.max(1, total), samples * SAMPLE_MICROS / (double) Math.max(1, rows))));
        out.append(String.format("| **all** | %,d | 100%% | %.2f |%n", total, total * SAMPLE_MICROS / (double) Math.max(1, rows)));
        return out.toString();
    }

    /** Runs a jcmd diagnostic command in the worker and returns what it printed. */
    static String jcmd(long pid, String... command) throws IOException, InterruptedException {
        List<String> line = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd")
                .toString(), Long.toString(pid)));
        line.addAll(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException("jcmd " + String.join(" ", command) + " failed: " + output);
        }
        return output;
    }
}
