package io.mysqlflinkcdc.connect.it;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;
import org.apache.flink.util.CloseableIterator;

/** A local Flink SQL (mini-cluster in this JVM, loopback only, parallelism 1) as a downstream reader. */
final class LocalFlinkSql {

    private LocalFlinkSql() {
    }

    static TableEnvironment create() {
        Configuration conf = new Configuration();
        conf.setString("parallelism.default", "1");
        conf.setString("rest.address", "127.0.0.1");
        conf.setString("rest.bind-address", "127.0.0.1");
        conf.setString("rest.bind-port", "0");
        conf.setString("jobmanager.bind-host", "127.0.0.1");
        conf.setString("taskmanager.host", "127.0.0.1");
        conf.setString("taskmanager.bind-host", "127.0.0.1");
        conf.setString("taskmanager.memory.network.min", "16m");
        conf.setString("taskmanager.memory.network.max", "16m");
        conf.setString("taskmanager.memory.managed.size", "0");
        conf.setString("restart-strategy.type", "none");
        conf.setString("io.tmp.dirs", ItSettings.workDir().toString());
        conf.setString("table.local-time-zone", "UTC");
        return TableEnvironment.create(EnvironmentSettings.newInstance().inStreamingMode().withConfiguration(conf).build());
    }

    /** The WITH clause of an upsert-kafka table over {@code topic}, bounded at the topic's current end. */
    static String upsertKafka(String topic, String bootstrapServers) {
        return """
                WITH (
                  'connector' = 'upsert-kafka',
                  'topic' = '%s',
                  'properties.bootstrap.servers' = '%s',
                  'key.format' = 'json',
                  'value.format' = 'json',
                  'value.json.timestamp-format.standard' = 'ISO-8601',
                  'scan.bounded.mode' = 'latest-offset'
                )""".formatted(topic, bootstrapServers);
    }

    /**
     * Runs a streaming query over bounded sources and folds its changelog into the final rows,
     * keyed by the query's first {@code keyFields} fields.
     */
    static List<Row> finalRows(TableEnvironment flink, String query, int keyFields) throws Exception {
        Map<List<Object>, Row> rows = new LinkedHashMap<>();
        long start = System.nanoTime();
        try (CloseableIterator<Row> changes = flink.executeSql(query).collect()) {
            while (changes.hasNext()) {
                Row row = changes.next();
                List<Object> key = new java.util.ArrayList<>();
                for (int i = 0; i < keyFields; i++) {
                    key.add(row.getField(i));
                }
                if (row.getKind() == RowKind.INSERT || row.getKind() == RowKind.UPDATE_AFTER) {
                    rows.put(key, row);
                } else {
                    rows.remove(key);
                }
            }
        }
        System.out.printf("Flink SQL query took %d ms%n", (System.nanoTime() - start) / 1_000_000);
        return List.copyOf(rows.values());
    }
}
