package io.mysqlflinkcdc.connect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Keys and topics beyond the defaults: a table without primary key is refused by validation (naming
 * it) until message.key.columns gives it key columns, after which its topic equals the table; two
 * shards routed by topic.route.regex share one topic with the source table in the key, so equal ids
 * do not overwrite each other; metadata.fields land in values and headers (headers also on tombstones).
 */
class KeysAndTopicsIT extends ConnectStackTest {

    private static final String PLUGIN = "MySqlFlinkCdcSourceConnector";

    @Override
    String kafkaVersion() {
        return newestKafka();
    }

    @Test
    void keylessTablesNeedKeyColumnsAndRoutedShardsShareATopic() throws Exception {
        TestDatabase db = mariadb.newDatabase("keys");
        db.execute("CREATE TABLE audit_log (event_id INT NOT NULL, msg VARCHAR(50))",
                "CREATE TABLE orders_1 (id INT PRIMARY KEY, item VARCHAR(20))",
                "CREATE TABLE orders_2 (id INT PRIMARY KEY, item VARCHAR(20))",
                "INSERT INTO audit_log VALUES (1, 'one'), (2, 'two'), (3, 'three')",
                "INSERT INTO orders_1 VALUES (1, 'pen'), (2, 'ink')",
                "INSERT INTO orders_2 VALUES (1, 'cup')");
        String name = "keys-" + db.name();
        Map<String, String> config = ItConnectorConfigs.capture(db, name, 1);
        config.put("name", name);

        String errors = validationErrors(kafka.rest().put("/connector-plugins/" + PLUGIN + "/config/validate", config)
                .expect(200).body());
        assertTrue(errors.startsWith("message.key.columns: ") && errors.contains(db.name() + ".audit_log")
                && !errors.contains("orders"), "validation names the keyless table on message.key.columns: " + errors);
        kafka.rest().put("/connectors/" + name + "/config", config).expect(400);

        config.put("message.key.columns", db.name() + "\\.audit_log:event_id");
        config.put("topic.route.regex", "(.*)\\.orders_[0-9]+");
        config.put("topic.route.replacement", "$1.orders");
        config.put("metadata.fields", "op,table,source.ts_ms");
        config.put("metadata.location", "both");
        assertEquals("", validationErrors(kafka.rest().put("/connector-plugins/" + PLUGIN + "/config/validate",
                config).expect(200).body()));
        kafka.rest().createConnector(name, config);
        String audit = name + "." + db.name() + ".audit_log";
        String orders = name + "." + db.name() + ".orders";
        awaitMessageCount(audit, 3);
        awaitMessageCount(orders, 3);

        db.execute("INSERT INTO audit_log VALUES (4, 'four')", "UPDATE audit_log SET msg = 'TWO' WHERE event_id = 2",
                "DELETE FROM audit_log WHERE event_id = 1", "INSERT INTO orders_2 VALUES (2, 'mug')",
                "DELETE FROM orders_1 WHERE id = 1");
        awaitMessageCount(audit, 3 + 3);
        awaitMessageCount(orders, 3 + 2);
        assertTaskNotFailed(name);

        assertEquals(Map.of("{\"event_id\":2}", "TWO", "{\"event_id\":3}", "three", "{\"event_id\":4}", "four"),
                compacted(audit, "msg"));
        assertEquals(Map.of(
                        "{\"__source_table\":\"" + db.name() + ".orders_1\",\"id\":2}", "ink",
                        "{\"__source_table\":\"" + db.name() + ".orders_2\",\"id\":1}", "cup",
                        "{\"__source_table\":\"" + db.name() + ".orders_2\",\"id\":2}", "mug"),
                compacted(orders, "item"));

        List<TopicReader.Message> messages = topics.readAll(orders);
        JsonNode snapshotRow = messages.get(0).value();
        assertEquals("r", snapshotRow.get("__op").asText());
        JsonNode inserted = messages.get(3).value();
        assertEquals("mug", inserted.get("item").asText());
        assertEquals("c", inserted.get("__op").asText());
        assertEquals("orders_2", inserted.get("__table").asText());
        assertTrue(inserted.get("__source_ts_ms").asLong() > 1_700_000_000_000L, "binlog event time: " + inserted);
        assertEquals("c", messages.get(3).headers().get("__op"));
        TopicReader.Message tombstone = messages.get(4);
        assertTrue(tombstone.tombstone());
        assertEquals(Map.of("__op", "d", "__table", "orders_1"), Map.of("__op", tombstone.headers().get("__op"),
                "__table", tombstone.headers().get("__table")), "tombstones carry the metadata as headers");
        kafka.rest().deleteConnector(name);
    }

    /** The topic as a table: last value's {@code column} per key (keys as canonical JSON), tombstones remove. */
    private Map<String, String> compacted(String topic, String column) {
        Map<String, String> rows = new LinkedHashMap<>();
        for (TopicReader.Message message : topics.readAll(topic)) {
            String key = new TreeMap<>(TopicReader.canonical(message.key())).entrySet().stream()
                    .map(e -> "\"" + e.getKey() + "\":" + (e.getKey().equals("__source_table")
                            ? "\"" + e.getValue() + "\"" : e.getValue()))
                    .reduce((a, b) -> a + "," + b).map(k -> "{" + k + "}").orElse("{}");
            if (message.tombstone()) {
                rows.remove(key);
            } else {
                rows.put(key, message.value().get(column).asText());
            }
        }
        return rows;
    }
}
