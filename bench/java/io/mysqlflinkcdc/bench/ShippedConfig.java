package io.mysqlflinkcdc.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The producer overrides of the config users start from (connector-config/mysql-flink-cdc.json):
 * the benchmark measures what ships, and gives every contender the same.
 */
final class ShippedConfig {

    static final Path FILE = Path.of("connector-config", "mysql-flink-cdc.json");
    private static final String PREFIX = "producer.override.";

    private ShippedConfig() {
    }

    /** {@code producer.override.*} entries, as a connector config carries them. */
    static Map<String, String> producerOverrides() {
        try {
            Map<String, String> config = new ObjectMapper().readValue(FILE.toFile(), new TypeReference<>() {
            });
            Map<String, String> overrides = new TreeMap<>();
            config.forEach((key, value) -> {
                if (key.startsWith(PREFIX)) {
                    overrides.put(key, value);
                }
            });
            return overrides;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FILE.toAbsolutePath(), e);
        }
    }

    /** The same as plain producer settings (for the copy limit's own producer). */
    static Map<String, String> producerSettings() {
        Map<String, String> settings = new TreeMap<>();
        producerOverrides().forEach((key, value) -> settings.put(key.substring(PREFIX.length()), value));
        return settings;
    }
}
