package io.mysqlflinkcdc.connect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Schema changes never stop the task, and every row is decoded with the schema it was written
 * with: ADD / DROP / MODIFY / RENAME COLUMN while streaming, and DDL while the connector is stopped
 * followed by a resume from the older stored offset (rows before the DDL keep their old
 * columns; Flink CDC alone would decode them with today's schema).
 */
class SchemaChangesIT extends ConnectStackTest {

    @Override
    String kafkaVersion() {
        return newestKafka();
    }

    private static final String ITEMS = "CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(20), price DECIMAL(7,2))";

    @Test
    void columnChangesWhileStreamingKeepTheTaskRunningAndLaterRowsCarryTheNewSchema() throws Exception {
        TestDatabase db = mariadb.newDatabase("ddl_live");
        db.execute(ITEMS, "INSERT INTO items VALUES (1, 'a', 1.00), (2, 'b', 2.00)");
        String name = "ddl-live-" + db.name();
        String topic = name + "." + db.name() + ".items";
        kafka.rest().createConnector(name, ItConnectorConfigs.capture(db, name, 1));
        awaitMessageCount(topic, 2);

        db.execute("ALTER TABLE items ADD COLUMN qty INT DEFAULT 5",
                "INSERT INTO items VALUES (3, 'c', 3.00, 7)",
                "UPDATE items SET qty = 9 WHERE id = 1",
                "ALTER TABLE items DROP COLUMN name",
                "INSERT INTO items VALUES (4, 4.00, 1)",
                "ALTER TABLE items MODIFY COLUMN price DECIMAL(9,3)",
                "INSERT INTO items VALUES (5, 5.125, 1)",
                "ALTER TABLE items RENAME COLUMN qty TO quantity",
                "INSERT INTO items VALUES (6, 6.5, 2)",
                "DELETE FROM items WHERE id = 2");
        awaitMessageCount(topic, 2 + 6);
        assertTaskNotFailed(name);

        List<TopicReader.Message> messages = topics.readAll(topic);
        assertEquals(Map.of("id", "3", "name", "c", "price", "3.00", "qty", "7"), row(messages.get(2)));
        assertEquals(Map.of("id", "1", "name", "a", "price", "1.00", "qty", "9"), row(messages.get(3)));
        assertEquals(Map.of("id", "4", "price", "4.00", "qty", "1"), row(messages.get(4)));
        assertEquals(Map.of("id", "5", "price", "5.125", "qty", "1"), row(messages.get(5)));
        assertEquals(Map.of("id", "6", "price", "6.500", "quantity", "2"), row(messages.get(6)));
        assertTrue(messages.get(7).tombstone(), "the delete after all that DDL is a tombstone");

        // TRUNCATE: no keys in the binlog, so no tombstones; a warning says how to resynchronise.
        db.execute("TRUNCATE TABLE items", "INSERT INTO items VALUES (7, 7.5, 3)");
        awaitMessageCount(topic, 2 + 6 + 1);
        assertEquals(Map.of("id", "7", "price", "7.500", "quantity", "3"), row(topics.readAll(topic).get(8)));
        assertTrue(Files.readString(kafka.workerLog()).contains("TRUNCATE removes rows without listing their keys"),
                "the worker log warns about the TRUNCATE");
        assertEquals("RUNNING", kafka.rest().status(name).path("tasks").get(0).path("state").asText());
        kafka.rest().deleteConnector(name);
    }

    @Test
    void ddlWhileStoppedDoesNotChangeHowEarlierRowsAreDecoded() throws Exception {
        TestDatabase db = mariadb.newDatabase("ddl_down");
        db.execute(ITEMS, "INSERT INTO items VALUES (1, 'a', 1.00)");
        String name = "ddl-down-" + db.name();
        String topic = name + "." + db.name() + ".items";
        kafka.rest().createConnector(name, ItConnectorConfigs.capture(db, name, 1));
        awaitMessageCount(topic, 1);
        db.execute("INSERT INTO items VALUES (2, 'b', 2.00)");
        awaitMessageCount(topic, 2);
        JsonNode offset = awaitStoredBinlogOffset(name);
        assertTrue(offset.path("table_schemas").asText().length() > 100,
                "the stored offset carries the table schemas: " + offset);
        System.out.printf("table_schemas in the offset: %d characters for 1 table%n",
                offset.path("table_schemas").asText().length());

        kafka.rest().stopConnector(name);
        db.execute("INSERT INTO items VALUES (3, 'before the DDL', 3.00)",
                "UPDATE items SET price = 1.50 WHERE id = 1",
                "ALTER TABLE items DROP COLUMN name, ADD COLUMN qty INT DEFAULT 1 FIRST",
                "INSERT INTO items (id, price, qty) VALUES (4, 4.00, 40)",
                "ALTER TABLE items ADD COLUMN note VARCHAR(10) DEFAULT 'x'",
                "INSERT INTO items (id, price, qty, note) VALUES (5, 5.00, 50, 'late')");
        kafka.rest().resumeConnector(name);
        awaitMessageCount(topic, 2 + 4);
        assertTaskNotFailed(name);

        List<TopicReader.Message> messages = topics.readAll(topic);
        assertEquals(Map.of("id", "3", "name", "before the DDL", "price", "3.00"), row(messages.get(2)));
        assertEquals(Map.of("id", "1", "name", "a", "price", "1.50"), row(messages.get(3)));
        assertEquals(Map.of("qty", "40", "id", "4", "price", "4.00"), row(messages.get(4)));
        assertEquals(Map.of("qty", "50", "id", "5", "price", "5.00", "note", "late"), row(messages.get(5)));
        kafka.rest().deleteConnector(name);
    }

    /**
     * Issue 14, item 3: schema history that scales. 1,000 tables of 30 columns (all routed to one
     * topic), snapshotted and streamed; each table's offset carries only its own schema, so no
     * offset grows with the number of tables. Stopped, one table gets rows before and after a DDL;
     * resumed from the 1,000 stored schemas, every row decodes with the schema it was written with
     * and nothing is read twice.
     */
    @Test
    void aThousandTablesOfThirtyColumnsResumeAndDecodeDdlMadeWhileStopped() throws Exception {
        TestDatabase db = mariadb.newDatabase("wide_db");
        int tables = 1_000;
        List<String> statements = new java.util.ArrayList<>();
        for (int t = 0; t < tables; t++) {
            StringBuilder create = new StringBuilder("CREATE TABLE t" + t + " (id INT PRIMARY KEY");
            for (int c = 1; c < 30; c++) {
                create.append(", c").append(c).append(switch (c % 5) {
                    case 0 -> " BIGINT";
                    case 1 -> " VARCHAR(40)";
                    case 2 -> " DECIMAL(10,2)";
                    case 3 -> " DATETIME";
                    default -> " TEXT";
                });
            }
            statements.add(create.append(')').toString());
            statements.add("INSERT INTO t" + t + " (id, c1) VALUES (1, 'a'), (2, 'b')");
        }
        long created = System.nanoTime();
        db.execute(statements.toArray(String[]::new));
        String name = "wide-" + db.name();
        String topic = name + ".all";
        Map<String, String> config = ItConnectorConfigs.capture(db, name, 1);
        config.put("topic.route.regex", java.util.regex.Pattern.quote(name + "." + db.name() + ".") + "t\\d+");
        config.put("topic.route.replacement", topic);
        long started = System.nanoTime();
        kafka.rest().createConnector(name, config);
        awaitMessageCount(topic, 2 * tables);
        System.out.printf("%d tables x 30 columns: created in %d s, snapshotted in %d s%n", tables,
                (started - created) / 1_000_000_000L, (System.nanoTime() - started) / 1_000_000_000L);
        db.execute("INSERT INTO t3 (id, c1) VALUES (3, 'c')", "INSERT INTO t999 (id, c1) VALUES (3, 'c')");
        awaitMessageCount(topic, 2 * tables + 2);
        awaitStoredBinlogOffset(name);

        JsonNode offsets = kafka.rest().offsets(name).path("offsets");
        int largest = 0;
        long total = 0;
        for (JsonNode offset : offsets) {
            int size = offset.path("offset").toString().length();
            largest = Math.max(largest, size);
            total += size;
        }
        System.out.printf("%d table offsets stored, %,d bytes in all, %,d the largest%n", offsets.size(), total,
                largest);
        assertEquals(tables, offsets.size(), "one offset per table");
        assertTrue(largest < 4_096, "a 30-column table's offset takes " + largest + " bytes");

        kafka.rest().stopConnector(name);
        db.execute("INSERT INTO t7 (id, c1) VALUES (3, 'before the DDL')",
                "ALTER TABLE t7 DROP COLUMN c2, ADD COLUMN extra VARCHAR(10) DEFAULT 'x'",
                "INSERT INTO t7 (id, c1, extra) VALUES (4, 'after the DDL', 'new')");
        long resumed = System.nanoTime();
        kafka.rest().resumeConnector(name);
        awaitMessageCount(topic, 2 * tables + 4);
        System.out.printf("resumed %d tables from their offsets: the rows written while stopped arrived %d ms after "
                + "the resume%n", tables, (System.nanoTime() - resumed) / 1_000_000L);
        assertTaskNotFailed(name);
        List<TopicReader.Message> messages = topics.readAll(topic);
        assertEquals(2 * tables + 4, messages.size(), "nothing read twice after the stop");
        JsonNode before = messages.get(messages.size() - 2).value();
        JsonNode after = messages.get(messages.size() - 1).value();
        assertEquals("before the DDL", before.path("c1").asText());
        assertTrue(before.has("c2") && !before.has("extra"), "decoded with the schema before the DDL: " + before);
        assertEquals("new", after.path("extra").asText());
        assertTrue(!after.has("c2"), "decoded with the schema after the DDL: " + after);
        kafka.rest().deleteConnector(name);
    }

    private static Map<String, String> row(TopicReader.Message message) {
        Map<String, String> row = new LinkedHashMap<>();
        message.value().fields().forEachRemaining(f -> row.put(f.getKey(), f.getValue().asText()));
        return row;
    }
}
