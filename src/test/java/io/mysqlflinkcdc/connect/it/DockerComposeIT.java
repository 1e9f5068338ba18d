package io.mysqlflinkcdc.connect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml is checked with Debian's docker-compose ({@code docker-compose config}); no
 * Docker engine is needed. Runs after {@code mvn package}, so the plugin folder it mounts exists.
 */
class DockerComposeIT {

    @Test
    void composeFileIsValidAndMountsThePluginFolderMavenBuilds() throws Exception {
        Process process = new ProcessBuilder("docker-compose", "-f", "docker-compose.yml", "config")
                .redirectErrorStream(true).start();
        String config = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "docker-compose config finished");
        assertEquals(0, process.exitValue(), "docker-compose config: " + config);

        for (String image : List.of("image: mysql:8.0", "image: apache/kafka:3.9.1",
                "image: confluentinc/cp-kafka-connect:7.9.0", "image: tchiotludo/akhq:0.25.1")) {
            assertTrue(config.contains(image), image + " in " + config);
        }
        for (int port : List.of(3306, 29092, 8083, 8080)) {
            assertTrue(config.contains("published: " + port), "port " + port + " published: " + config);
        }
        Path pluginFolder = Path.of("target", "plugin").toAbsolutePath();
        assertTrue(config.contains("- " + pluginFolder + ":/opt/mysql-flink-cdc/plugins:ro"),
                "connect mounts " + pluginFolder + ": " + config);
        assertTrue(config.contains("CONNECT_PLUGIN_PATH: /usr/share/java,/opt/mysql-flink-cdc/plugins"), config);
        assertTrue(config.contains(Path.of("src", "docker", "mysql").toAbsolutePath() + ":/docker-entrypoint-initdb.d:ro"),
                config);

        try (Stream<Path> jars = Files.walk(pluginFolder)) {
            assertTrue(jars.anyMatch(p -> p.getFileName().toString().matches("mysql-flink-cdc-.*\\.jar")
                            && p.getParent().getFileName().toString().equals("lib")),
                    "the mounted folder holds the plugin: " + pluginFolder);
        }
    }
}
