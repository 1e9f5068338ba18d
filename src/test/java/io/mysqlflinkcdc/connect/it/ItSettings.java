package io.mysqlflinkcdc.connect.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Where the build put what the integration tests need (set by the failsafe configuration in pom.xml). */
final class ItSettings {

    private ItSettings() {
    }

    static Path pluginArchive() {
        Path archive = Path.of(required("it.plugin.archive"));
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("Plugin archive " + archive + " is missing; run 'mvn verify', which builds it");
        }
        return archive;
    }

    static Path kafkaDistribution(String version) {
        Path dist = Path.of(required("it.kafka.dist")).resolve(version);
        if (!Files.isDirectory(dist)) {
            throw new IllegalStateException("Kafka " + version + " jars are missing in " + dist
                    + "; run 'mvn verify', which fetches them");
        }
        return dist;
    }

    static List<String> kafkaVersions() {
        return Arrays.asList(required("it.kafka.versions").split(","));
    }

    static Path workDir() {
        try {
            return Files.createDirectories(Path.of(required("it.work.dir")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Extra JVM options for every Connect worker, from {@code -Dit.worker.jvm.options="..."} (e.g.
     * {@code -Xlog:class+load=info:file=/tmp/classes-%p.log} to see which plugin jars a run loads).
     */
    static List<String> workerJvmOptions() {
        String options = System.getProperty("it.worker.jvm.options", "");
        return options.isBlank() ? List.of() : List.of(options.trim().split("\\s+"));
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + property + " is not set; run the integration tests "
                    + "through Maven (mvn verify)");
        }
        return value;
    }
}
