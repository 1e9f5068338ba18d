package io.mysqlflinkcdc.bench;

import java.util.Map;

import io.mysqlflinkcdc.connect.it.TestDatabase;

/**
 * A connector under test and the config a user would PUT for it. All write the same flat upsert
 * JSON: key = primary key, value = row after-image, DECIMAL as strings, delete = tombstone; all but
 * one carry the producer overrides our shipped config carries (connector-config/mysql-flink-cdc.json).
 */
enum Contender {

    OURS("mysql-flink-cdc") {
        @Override
        Map<String, String> config(TestDatabase db, String table, String topicPrefix, int firstServerId,
                                   int parallelism, boolean snapshot, String bootstrapServers) {
            Map<String, String> config = OURS_WITH_WORKER_DEFAULTS.config(db, table, topicPrefix, firstServerId,
                    parallelism, snapshot, bootstrapServers);
            config.putAll(ShippedConfig.producerOverrides());
            return config;
        }
    },

    /** Ours with Flink CDC's own chunk reader (snapshot.chunk.reader=debezium): what ours read before. */
    OURS_WITH_FLINK_CDC_READER("mysql-flink-cdc, Flink CDC's chunk reader") {
        @Override
        Map<String, String> config(TestDatabase db, String table, String topicPrefix, int firstServerId,
                                   int parallelism, boolean snapshot, String bootstrapServers) {
            Map<String, String> config = OURS.config(db, table, topicPrefix, firstServerId, parallelism, snapshot,
                    bootstrapServers);
            config.put("snapshot.chunk.reader", "debezium");
            return config;
        }
    },

    /** Ours without the shipped producer overrides: the worker's producer defaults. */
    OURS_WITH_WORKER_DEFAULTS("mysql-flink-cdc, producer defaults") {
        @Override
        Map<String, String> config(TestDatabase db, String table, String topicPrefix, int firstServerId,
                                   int parallelism, boolean snapshot, String bootstrapServers) {
            Map<String, String> config = common(db, table, topicPrefix);
            config.put("connector.class", "io.mysqlflinkcdc.connect.MySqlFlinkCdcSourceConnector");
            config.put("database.server.id", firstServerId + "-" + (firstServerId + parallelism - 1));
            config.put("snapshot.parallelism", Integer.toString(parallelism));
            config.put("snapshot.mode", snapshot ? "initial" : "no_data");
            // -Dbench.ours.<setting>=<value> tries a setting of ours without editing the benchmark.
            System.getProperties().stringPropertyNames().stream().filter(key -> key.startsWith(OVERRIDE))
                    .forEach(key -> config.put(key.substring(OVERRIDE.length()), System.getProperty(key)));
            return config;
        }
    },

    DEBEZIUM("Debezium") {
        @Override
        Map<String, String> config(TestDatabase db, String table, String topicPrefix, int firstServerId,
                                   int parallelism, boolean snapshot, String bootstrapServers) {
            Map<String, String> config = common(db, table, topicPrefix);
            config.put("connector.class", "io.debezium.connector.mysql.MySqlConnector");
            config.put("connector.adapter", "mariadb");
            config.put("database.server.id", Integer.toString(firstServerId));
            config.put("snapshot.mode", snapshot ? "initial" : "no_data");
            config.put("snapshot.max.threads", Integer.toString(parallelism));
            config.put("schema.history.internal.kafka.bootstrap.servers", bootstrapServers);
            config.put("schema.history.internal.kafka.topic", "bench-history-" + topicPrefix);
            config.put("include.schema.changes", "false");
            config.put("decimal.handling.mode", "string");
            config.put("transforms", "unwrap");
            config.put("transforms.unwrap.type", "io.debezium.transforms.ExtractNewRecordState");
            config.put("transforms.unwrap.delete.tombstone.handling.mode", "tombstone");
            // Debezium's queue waits poll.interval.ms (500 ms by default) when it finds nothing; ours
            // waits 20 ms inside Flink CDC. The same wait here, so latencies compare engines, not defaults.
            config.put("poll.interval.ms", "20");
            config.putAll(ShippedConfig.producerOverrides());
            return config;
        }
    },

    /** The least a Connect source can do: one streaming SELECT into Structs (bench/README.md). */
    CEILING("Connect ceiling") {
        @Override
        Map<String, String> config(TestDatabase db, String table, String topicPrefix, int firstServerId,
                                   int parallelism, boolean snapshot, String bootstrapServers) {
            Map<String, String> config = new java.util.HashMap<>();
            config.put("connector.class", "io.mysqlflinkcdc.bench.ceiling.CeilingSourceConnector");
            config.put("tasks.max", "1");
            config.put("jdbc.url", db.server().jdbcUrl(db.name()));
            config.put("jdbc.user", db.user());
            config.put("jdbc.password", db.password());
            config.put("table", table);
            config.put("key.columns", String.join(",", io.mysqlflinkcdc.connect.it.TpcdsTables.SALES_KEY));
            config.put("topic", topic(topicPrefix, db, table));
            config.putAll(ShippedConfig.producerOverrides());
            return config;
        }
    };

    private static final String OVERRIDE = "bench.ours.";

    private final String label;

    Contender(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    abstract Map<String, String> config(TestDatabase db, String table, String topicPrefix, int firstServerId,
                                        int parallelism, boolean snapshot, String bootstrapServers);

    /**
     * Where heartbeats go: both use Debezium's topic name; ours sends them by default (they move
     * its offset), Debezium only when heartbeat.interval.ms is set. Broker auto-creation is off.
     */
    String heartbeatTopic(String topicPrefix) {
        return "__debezium-heartbeat." + topicPrefix;
    }

    /** The topic each writes a table to: prefix.database.table for both. */
    static String topic(String topicPrefix, TestDatabase db, String table) {
        return topicPrefix + "." + db.name() + "." + table;
    }

    private static Map<String, String> common(TestDatabase db, String table, String topicPrefix) {
        Map<String, String> config = db.connectorConnection();
        config.put("tasks.max", "1");
        config.put("table.include.list", db.name() + "\\." + table);
        config.put("topic.prefix", topicPrefix);
        return config;
    }
}
