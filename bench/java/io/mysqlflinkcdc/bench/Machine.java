package io.mysqlflinkcdc.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The machine description at the top of RESULTS.md. */
final class Machine {

    private Machine() {
    }

    static String describe(String mariaDbVersion, BenchSettings settings) throws Exception {
        return "| | |\n|---|---|\n"
                + "| CPU | " + Runtime.getRuntime().availableProcessors() + " cores, " + cpuModel() + " |\n"
                + "| Memory | " + memInfo("MemTotal") + " |\n"
                + "| Java | " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + " |\n"
                + "| Kafka (broker and Connect worker) | " + settings.kafkaVersion() + ", worker -Xmx"
                + settings.workerHeap() + ", JsonConverter without schemas, worker producer defaults; each connector config "
                + ShippedConfig.producerOverrides() + " |\n"
                + "| MariaDB | " + mariaDbVersion + " (binlog ROW, FULL row image) |\n"
                + "| Debezium | MySQL connector " + settings.debeziumVersion() + " (connector.adapter=mariadb) "
                + "+ ExtractNewRecordState |\n"
                + "| Workloads | snapshot " + String.format("%,d", settings.snapshotRows()) + " rows, binlog "
                + String.format("%,d", settings.binlogEvents()) + " changes, latency " + settings.latencyRowsPerSecond()
                + " rows/s for " + settings.latencySeconds() + " s, " + settings.repeats() + " repeats |\n";
    }

    private static String cpuModel() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
        return lines.stream().filter(l -> l.startsWith("model name")).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
    }

    private static String memInfo(String key) throws Exception {
        return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith(key + ":"))
                .findFirst().map(l -> String.format("%.1f GiB",
                        Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0)).orElse("unknown");
    }
}
