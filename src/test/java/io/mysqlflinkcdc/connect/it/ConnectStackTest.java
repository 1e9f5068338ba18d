package io.mysqlflinkcdc.connect.it;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Base of the integration tests that drive a connector: the shared MariaDB, one Kafka broker +
 * Connect worker of {@link #kafkaVersion()} for the class ({@link #workerCount()} workers in one
 * group when a test needs a cluster), and helpers that wait for topics to equal tables. Connector
 * names equal their topic prefixes in these tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ConnectStackTest {

    static final Duration CATCH_UP = Duration.ofSeconds(120);

    KafkaStack kafka;
    MariaDbServer mariadb;
    TopicReader topics;

    abstract String kafkaVersion();

    /** The Connect worker's maximum heap. */
    String workerHeap() {
        return "1g";
    }

    /** How many Connect workers the class's cluster has (one group). */
    int workerCount() {
        return 1;
    }

    /** Worker properties beyond the harness's defaults. */
    java.util.Map<String, String> workerProperties() {
        return java.util.Map.of();
    }

    /** The newest Kafka version the tests run against. */
    static String newestKafka() {
        return ItSettings.kafkaVersions().get(ItSettings.kafkaVersions().size() - 1);
    }

    @BeforeAll
    void startServers() throws Exception {
        mariadb = MariaDbServer.shared();
        kafka = KafkaStack.start(kafkaVersion(), workerHeap(), workerProperties());
        kafka.addWorkers(workerCount() - 1);
        topics = new TopicReader(kafka.bootstrapServers());
    }

    @AfterAll
    void stopServers() {
        if (kafka != null) {
            kafka.close();
        }
    }

    /** A database of its own with TPC-DS store_sales and store_returns rows. */
    TestDatabase storeDatabase(String hint, int sales, int returns) throws Exception {
        TestDatabase db = mariadb.newDatabase(hint);
        TpcdsTables.createStoreSales(db);
        TpcdsTables.createStoreReturns(db);
        TpcdsTables.insertSales(db, 1, sales);
        TpcdsTables.insertReturns(db, 1, returns);
        return db;
    }

    void awaitSales(String name, TestDatabase db) throws Exception {
        TableState.awaitTopicEqualsTable(topics, name + "." + db.name() + ".store_sales", db, "store_sales",
                TpcdsTables.SALES_KEY, CATCH_UP, () -> assertTaskNotFailed(name));
    }

    void awaitBothTables(String name, TestDatabase db) throws Exception {
        awaitSales(name, db);
        TableState.awaitTopicEqualsTable(topics, name + "." + db.name() + ".store_returns", db, "store_returns",
                TpcdsTables.RETURNS_KEY, CATCH_UP, () -> assertTaskNotFailed(name));
    }

    void assertTaskNotFailed(String name) throws Exception {
        ConnectRest.Response response = kafka.rest().get("/connectors/" + name + "/status");
        if (response.status() != 200) {
            return; // the status of a connector just created is not written yet
        }
        for (JsonNode task : response.body().path("tasks")) {
            if ("FAILED".equals(task.path("state").asText())) {
                throw new AssertionError("task " + task.path("id").asInt() + " of " + name + " FAILED: "
                        + task.path("trace").asText());
            }
        }
    }

    int messageCount(String topic) {
        return topics.readAll(topic).size();
    }

    /** Waits until the topic holds at least {@code expected} messages; fails when it does not in time. */
    void awaitMessageCount(String topic, int expected) throws Exception {
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        int count = messageCount(topic);
        while (count < expected && System.nanoTime() < deadline) {
            Thread.sleep(500);
            count = messageCount(topic);
        }
        if (count < expected) {
            throw new AssertionError(topic + " holds " + count + " messages, expected " + expected);
        }
    }

    /** Waits until every table's stored offset is a binlog position (not a snapshot marker). */
    JsonNode awaitStoredBinlogOffset(String name) throws Exception {
        return awaitStoredOffset(name, offset -> offset.has("file"));
    }

    /**
     * Waits until the connector has stored offsets, each in a table's own partition
     * ({"server", "table"}) and each meeting {@code condition}; returns the first.
     */
    JsonNode awaitStoredOffset(String name, java.util.function.Predicate<JsonNode> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode offsets = null;
        while (System.nanoTime() < deadline) {
            offsets = kafka.rest().offsets(name).path("offsets");
            boolean all = offsets.size() > 0;
            for (JsonNode entry : offsets) {
                all &= entry.path("partition").has("table") && condition.test(entry.path("offset"));
            }
            if (all) {
                return offsets.get(0).path("offset");
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the expected offset was not stored for " + name + "; stored: " + offsets);
    }

    /** The errors a validate response lists, as "field: [messages]; ..." (empty when none). */
    static String validationErrors(JsonNode validation) {
        StringBuilder text = new StringBuilder();
        for (JsonNode config : validation.path("configs")) {
            JsonNode errors = config.path("value").path("errors");
            if (errors.size() > 0) {
                text.append(config.path("value").path("name").asText()).append(": ").append(errors).append("; ");
            }
        }
        return text.toString();
    }
}
