package io.mysqlflinkcdc.connect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Snapshots on demand: a table added to the config is backfilled while the others keep streaming
 * (their commit → Kafka latencies are printed); rows inserted into the signal table (Debezium's
 * format) make the task read tables again while it runs; bad signals are logged and skipped; an
 * on-demand snapshot survives a kill -9 of the worker; and a table whose topic was deleted (the
 * resync after TRUNCATE) is rebuilt.
 */
class SnapshotsOnDemandIT extends ConnectStackTest {

    private static final String SIGNALS = "debezium_signal";

    @Override
    String kafkaVersion() {
        return newestKafka();
    }

    @Override
    Map<String, String> workerProperties() {
        // The kill test counts rows read twice: those since the last offset commit.
        return Map.of("offset.flush.interval.ms", "250");
    }

    @Test
    void aTableAddedToTheConfigIsBackfilledWhileTheOthersKeepStreaming() throws Exception {
        int rows = 50_000;
        TestDatabase db = signalledDatabase("added", 1_000, 1_000);
        db.execute("CREATE TABLE catalog_items (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL, "
                + "price DECIMAL(10,2) NOT NULL, version INT NOT NULL)",
                "INSERT INTO catalog_items SELECT seq, CONCAT('item-', seq), seq / 100, 0 FROM seq_1_to_" + rows);
        String name = "added-" + db.name();
        String items = name + "." + db.name() + ".catalog_items";
        Map<String, String> config = config(db, name);
        config.put("table.include.list", db.name() + "\\.store_.*," + db.name() + "\\." + SIGNALS);
        kafka.rest().createConnector(name, config);
        awaitBothTables(name, db);

        long added;
        long backfilled;
        List<CommitLatency.Sample> salesLatency;
        List<CommitLatency.Sample> returnsLatency;
        try (CommitLatency sales = new CommitLatency(db, "INSERT INTO store_sales (ss_item_sk, ss_ticket_number, "
                + "ss_quantity) VALUES (1, ?, 1)", 100_000, Duration.ofMillis(20));
             CommitLatency returns = new CommitLatency(db, "INSERT INTO store_returns (sr_item_sk, sr_ticket_number, "
                     + "sr_return_quantity) VALUES (1, ?, 1)", 100_000, Duration.ofMillis(20))) {
            Thread.sleep(3_000);
            added = System.currentTimeMillis();
            config.put("table.include.list", db.name() + "\\.store_.*," + db.name() + "\\." + SIGNALS + ","
                    + db.name() + "\\.catalog_items");
            kafka.rest().put("/connectors/" + name + "/config", config).expect(200);
            // Changes to the added table while it is read: first rows, last rows, new rows, a delete.
            Thread.sleep(500);
            db.execute("UPDATE catalog_items SET version = 1 WHERE id % 1000 = 0",
                    "INSERT INTO catalog_items SELECT seq, 'new', 1, 1 FROM seq_" + (rows + 1) + "_to_" + (rows + 100),
                    "DELETE FROM catalog_items WHERE id BETWEEN 10 AND 19");
            TableState.awaitTopicEqualsTable(topics, items, db, "catalog_items", List.of("id"), CATCH_UP,
                    () -> assertTaskNotFailed(name));
            backfilled = System.currentTimeMillis();
            Thread.sleep(3_000);
            sales.close();
            returns.close();
            awaitBothTables(name, db);
            salesLatency = sales.samples(topics.readAll(name + "." + db.name() + ".store_sales"), "ss_ticket_number");
            returnsLatency = returns.samples(topics.readAll(name + "." + db.name() + ".store_returns"),
                    "sr_ticket_number");
        }
        List<CommitLatency.Sample> all = new java.util.ArrayList<>(salesLatency);
        all.addAll(returnsLatency);
        all.sort(java.util.Comparator.comparingLong(CommitLatency.Sample::committedMillis));
        System.out.printf("added table of %d rows backfilled in %d ms (config PUT to topic equal to the table); "
                + "streaming tables' commit -> Kafka latency: max %d ms before, %d ms from the PUT to the end of the "
                + "backfill, %d ms after; %d changes%n", rows, backfilled - added,
                CommitLatency.maxLatency(all, 0, added), CommitLatency.maxLatency(all, added, backfilled),
                CommitLatency.maxLatency(all, backfilled, Long.MAX_VALUE), all.size());
        printLatencyTimeline(all, added);
        assertEquals(1_000 + salesLatency.size(), messageCount(name + "." + db.name() + ".store_sales"),
                "store_sales: every change once, no second snapshot");
        kafka.rest().deleteConnector(name);
    }

    /** Per second from the config change: the largest latency of the changes committed in it. */
    private static void printLatencyTimeline(List<CommitLatency.Sample> samples, long startMillis) {
        StringBuilder line = new StringBuilder("max latency (ms) per second after the change:");
        for (long second = -2; second < 40; second++) {
            long max = CommitLatency.maxLatency(samples, startMillis + second * 1000, startMillis + (second + 1) * 1000);
            if (max >= 0) {
                line.append(' ').append(second).append("s=").append(max);
            }
        }
        System.out.println(line);
    }

    @Test
    void executeSnapshotReadsTheTableAgainAndBadSignalsAreSkipped() throws Exception {
        TestDatabase db = signalledDatabase("signal", 30_000, 200);
        String name = "signal-" + db.name();
        String sales = name + "." + db.name() + ".store_sales";
        String returns = name + "." + db.name() + ".store_returns";
        kafka.rest().createConnector(name, config(db, name));
        awaitBothTables(name, db);

        signal(db, "bad-json", "execute-snapshot", "{\"data-collections\": [");
        signal(db, "bad-table", "execute-snapshot", "{\"data-collections\": [\"nowhere\\\\..*\"]}");
        signal(db, "bad-conditions", "execute-snapshot", "{\"data-collections\": [\"" + db.name()
                + "\\\\.store_sales\"], \"additional-conditions\": {\"data-collection\": \"" + db.name()
                + ".store_sales\", \"filter\": \"ss_quantity > 50\"}}");
        signal(db, "bad-type", "stop-snapshot", "{\"data-collections\": [\"" + db.name() + "\\\\.store_sales\"]}");
        TpcdsTables.insertReturns(db, 10_000, 1);
        awaitBothTables(name, db);
        String log = Files.readString(kafka.workerLog());
        for (String id : List.of("bad-json", "bad-table", "bad-conditions", "bad-type")) {
            assertTrue(log.contains("Signal '" + id + "' from " + db.name() + "." + SIGNALS + " ignored"),
                    "a WARN names signal " + id);
        }
        assertEquals(30_000, messageCount(sales), "no bad signal read store_sales again");
        kafka.rest().awaitTaskState(name, "RUNNING", Duration.ofSeconds(10));

        int salesBefore = messageCount(sales);
        int returnsBefore = messageCount(returns);
        long signalled;
        long settled;
        List<CommitLatency.Sample> latency;
        int written;
        try (CommitLatency writer = new CommitLatency(db, "INSERT INTO store_returns (sr_item_sk, sr_ticket_number, "
                + "sr_return_quantity) VALUES (2, ?, 1)", 200_000, Duration.ofMillis(20))) {
            Thread.sleep(2_000);
            signalled = System.currentTimeMillis();
            // Debezium's own example row, unchanged; changes to both tables around it.
            signal(db, "ad-hoc-1", "execute-snapshot", "{\"data-collections\": [\"" + db.name()
                    + "\\\\.store_sales\"], \"type\": \"incremental\"}");
            db.execute("UPDATE store_sales SET ss_quantity = 77 WHERE ss_ticket_number <= 20",
                    "DELETE FROM store_sales WHERE ss_ticket_number BETWEEN 21 AND 25");
            TpcdsTables.insertSales(db, 40_000, 5);
            TpcdsTables.insertReturns(db, 11_000, 3);
            awaitSales(name, db);
            settled = System.currentTimeMillis();
            Thread.sleep(2_000);
            writer.close();
            written = writer.written();
            awaitBothTables(name, db);
            latency = writer.samples(topics.readAll(returns), "sr_ticket_number");
        }
        System.out.printf("execute-snapshot beside the binlog: store_returns commit -> Kafka latency max %d ms before "
                + "the signal, %d ms from the signal until store_sales equals its table (%d ms), %d ms after%n",
                CommitLatency.maxLatency(latency, 0, signalled), CommitLatency.maxLatency(latency, signalled, settled),
                settled - signalled, CommitLatency.maxLatency(latency, settled, Long.MAX_VALUE));
        printLatencyTimeline(latency, signalled);

        List<TopicReader.Message> resnapshot = topics.readAll(sales).subList(salesBefore, messageCount(sales));
        Set<String> keysReadAgain = new HashSet<>();
        resnapshot.forEach(message -> keysReadAgain.add(TopicReader.canonical(message.key()).toString()));
        Set<String> tableKeys = TableState.read(db, "store_sales", TpcdsTables.SALES_KEY).keySet();
        assertTrue(keysReadAgain.containsAll(tableKeys), "every row of store_sales read again: "
                + tableKeys.stream().filter(key -> !keysReadAgain.contains(key)).limit(5).toList() + " missing");
        System.out.printf("execute-snapshot of store_sales (%d rows): %d messages after the signal%n",
                tableKeys.size(), resnapshot.size());
        assertEquals(returnsBefore + 3 + written, messageCount(returns), "store_returns: every change once");
        assertTrue(Files.readString(kafka.workerLog()).contains("Signal 'ad-hoc-1' from " + db.name() + "."
                + SIGNALS + ": snapshotting [" + db.name() + ".store_sales] again"));

        // Acted on once: a restarted task reads the binlog again, not the signal.
        assertNoSnapshotAfterARestart(name, db, sales);
        kafka.rest().deleteConnector(name);
    }

    /** The README's resync after TRUNCATE: stop, delete the topic, resume, signal. */
    @Test
    void aTruncatedTablesDeletedTopicIsRebuiltFromTheTableBySignal() throws Exception {
        TestDatabase db = signalledDatabase("truncate", 500, 10);
        String name = "truncate-" + db.name();
        String sales = name + "." + db.name() + ".store_sales";
        kafka.rest().createConnector(name, config(db, name));
        awaitBothTables(name, db);

        db.execute("TRUNCATE TABLE store_sales");
        TpcdsTables.insertSales(db, 30_000, 200);
        awaitMessageCount(sales, 700);
        assertEquals(700, topics.compacted(sales).size(), "TRUNCATE leaves the 500 removed rows in the topic");

        kafka.rest().stopConnector(name);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.deleteTopics(List.of(sales)).all().get();
        }
        kafka.rest().resumeConnector(name);
        signal(db, "resync", "execute-snapshot", "{\"data-collections\": [\"" + db.name() + "\\\\.store_sales\"]}");
        TpcdsTables.insertReturns(db, 12_000, 2);
        awaitBothTables(name, db);
        assertEquals(200, topics.compacted(sales).size(), "the rebuilt topic holds the table's rows only");

        // additional-conditions: only the rows that match are read again; JMX shows that snapshot per table.
        int beforeUpdate = messageCount(sales);
        db.execute("UPDATE store_sales SET ss_quantity = 999 WHERE ss_ticket_number % 10 = 0");
        awaitMessageCount(sales, beforeUpdate + 20);
        int beforeFiltered = messageCount(sales);
        signal(db, "filtered", "execute-snapshot", "{\"data-collections\": [\"" + db.name() + "\\\\.store_sales\"], "
                + "\"additional-conditions\": [{\"data-collection\": \"" + db.name() + "\\\\.store_sales\", "
                + "\"filter\": \"ss_quantity = 999\"}]}");
        String table = db.name() + ".store_sales";
        try (JMXConnector jmx = JMXConnectorFactory.connect(new JMXServiceURL(kafka.workerJmxUrl()))) {
            MBeanServerConnection beans = jmx.getMBeanServerConnection();
            ObjectName onDemand = new ObjectName("mysql-flink-cdc:type=connector-metrics,context=on-demand-snapshot,"
                    + "server=" + name + ",task=0");
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!"COMPLETED".equals(perTable(beans, onDemand, "Status").get(table))
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals("COMPLETED", perTable(beans, onDemand, "Status").get(table));
            assertEquals(20L, perTable(beans, onDemand, "RowsRead").get(table), "rows read by the filtered snapshot");
            Object total = perTable(beans, onDemand, "ChunksTotal").get(table);
            assertEquals(total, perTable(beans, onDemand, "ChunksDone").get(table), "every chunk done");
            assertTrue((Integer) total >= 1);
        }
        TpcdsTables.insertReturns(db, 13_000, 1);
        awaitBothTables(name, db);
        List<TopicReader.Message> filtered = topics.readAll(sales).subList(beforeFiltered, messageCount(sales));
        Set<String> readAgain = new HashSet<>();
        filtered.forEach(message -> readAgain.add(message.value().get("ss_ticket_number").asText()));
        assertEquals(20, filtered.size(), "only the 20 rows with ss_quantity = 999 are read again: " + readAgain);
        assertTrue(readAgain.stream().allMatch(ticket -> Long.parseLong(ticket) % 10 == 0), readAgain.toString());
        kafka.rest().deleteConnector(name);
    }

    /** Debezium's Kafka signal channel: the same signals, from a topic; acted on once, across restarts. */
    @Test
    void signalsFromTheKafkaSignalTopicSnapshotAgainOnce() throws Exception {
        TestDatabase db = storeDatabase("ksignal", 3_000, 10);
        String name = "ksignal-" + db.name();
        String sales = name + "." + db.name() + ".store_sales";
        String signalTopic = name + "-signal";
        Map<String, String> config = ItConnectorConfigs.capture(db, name, 1);
        config.put("signal.enabled.channels", "kafka");
        config.put("signal.kafka.bootstrap.servers", kafka.bootstrapServers());
        config.put("notification.enabled.channels", "log,sink");
        config.put("notification.sink.topic.name", name + "-notifications");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(signalTopic, 1, (short) 1))).all().get();
        }
        kafka.rest().createConnector(name, config);
        awaitBothTables(name, db);
        long before = topics.endOffset(sales);

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(signalTopic, name, "{\"type\": \"execute-snapshot\", \"data\": "));
            producer.send(new ProducerRecord<>(signalTopic, "another-connector", "{\"type\": \"execute-snapshot\", "
                    + "\"data\": {\"data-collections\": [\"" + db.name() + "\\\\.store_returns\"]}}"));
            // Debezium's documented example, with this connector's topic.prefix as the key.
            producer.send(new ProducerRecord<>(signalTopic, name, "{\"type\": \"execute-snapshot\", \"data\": "
                    + "{\"data-collections\": [\"" + db.name() + "\\\\.store_sales\"], \"type\": \"INCREMENTAL\"}}"))
                    .get();
        }
        db.execute("UPDATE store_sales SET ss_quantity = 3 WHERE ss_ticket_number <= 5",
                "DELETE FROM store_sales WHERE ss_ticket_number BETWEEN 6 AND 8");
        TpcdsTables.insertReturns(db, 20_000, 1);
        awaitMessageCount(sales, (int) before + 3_000);
        awaitBothTables(name, db);
        String log = Files.readString(kafka.workerLog());
        assertTrue(log.contains("Signal '" + signalTopic + "-0@0' from the signal topic ignored: its value is not JSON"),
                "a WARN names the bad message");
        assertTrue(log.contains("Signal '" + signalTopic + "-0@2' from the signal topic: snapshotting [" + db.name()
                + ".store_sales] again"));
        Set<String> keys = new HashSet<>();
        topics.readAll(sales).subList((int) before, messageCount(sales))
                .forEach(message -> keys.add(TopicReader.canonical(message.key()).toString()));
        Set<String> tableKeys = TableState.read(db, "store_sales", TpcdsTables.SALES_KEY).keySet();
        assertTrue(keys.containsAll(tableKeys), "every row of store_sales read again");
        assertEquals(10 + 1, messageCount(name + "." + db.name() + ".store_returns"),
                "store_returns: the other connector's signal is not ours");
        assertEquals(List.of("STARTED " + db.name() + ".store_sales", "COMPLETED " + db.name() + ".store_sales"),
                awaitNotifications(name + "-notifications", 2));

        // The read position is committed once the markers' offsets are: a restart does not act again.
        String group = "kafka-signal." + name + ".0";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            long committed = -1;
            while (committed < 3 && System.nanoTime() < deadline) {
                Thread.sleep(200);
                var offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                var position = offsets.get(new TopicPartition(signalTopic, 0));
                committed = position == null ? -1 : position.offset();
            }
            assertEquals(3, committed, "group " + group + " committed past the three messages");
        }
        assertNoSnapshotAfterARestart(name, db, sales);

        // With additional-conditions from the topic: only tickets 1 to 5 (6 to 8 were deleted).
        int beforeFiltered = messageCount(sales);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(signalTopic, name, "{\"type\": \"execute-snapshot\", \"data\": "
                    + "{\"data-collections\": [\"" + db.name() + "\\\\.store_sales\"], \"additional-conditions\": "
                    + "[{\"data-collection\": \"" + db.name() + "\\\\.store_sales\", \"filter\": "
                    + "\"ss_ticket_number <= 8\"}]}}")).get();
        }
        assertEquals(List.of("STARTED", "COMPLETED"), awaitNotifications(name + "-notifications", 4).subList(2, 4)
                .stream().map(line -> line.split(" ")[0]).toList());
        TpcdsTables.insertReturns(db, 21_000, 1);
        awaitBothTables(name, db);
        List<String> tickets = topics.readAll(sales).subList(beforeFiltered, messageCount(sales)).stream()
                .map(message -> message.value().get("ss_ticket_number").asText()).sorted().toList();
        assertEquals(List.of("1", "2", "3", "4", "5"), tickets, "the rows matching the filter, once each");
        kafka.rest().deleteConnector(name);
    }

    @Test
    void anOnDemandSnapshotKilledHalfwayResumesAndOneStoppedHalfwayStreamsOn() throws Exception {
        int rows = 60_000;
        TestDatabase db = signalledDatabase("resignal", rows, 10);
        String name = "resignal-" + db.name();
        String sales = name + "." + db.name() + ".store_sales";
        Map<String, String> config = config(db, name);
        config.put("snapshot.chunk.size", "4000");
        config.put("notification.enabled.channels", "sink");
        config.put("notification.sink.topic.name", name + "-notifications");
        kafka.rest().createConnector(name, config);
        awaitBothTables(name, db);

        long before = topics.endOffset(sales);
        signal(db, "big", "execute-snapshot", "{\"data-collections\": [\"" + db.name() + "\\\\.store_sales\"]}");
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        long delivered = 0;
        while (delivered < rows / 2 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            delivered = topics.endOffset(sales) - before;
        }
        assertTrue(delivered < rows, "the on-demand snapshot must still run when the worker is killed: " + delivered);
        kafka.killWorker();
        delivered = topics.endOffset(sales) - before;
        TpcdsTables.insertSales(db, 200_000, 3); // while the worker is down
        db.execute("UPDATE store_sales SET ss_quantity = 5 WHERE ss_ticket_number <= 10");
        kafka.startWorker();
        awaitSales(name, db);

        List<TopicReader.Message> after = topics.readAll(sales);
        after = after.subList((int) before, after.size());
        Set<String> keys = new HashSet<>();
        after.forEach(message -> keys.add(TopicReader.canonical(message.key()).toString()));
        Set<String> tableKeys = TableState.read(db, "store_sales", TpcdsTables.SALES_KEY).keySet();
        assertTrue(keys.containsAll(tableKeys), "every row read again despite the kill");
        long readTwice = after.size() - rows - 3 - 10;
        System.out.printf("on-demand snapshot killed at %d of %d rows: %d messages after the signal, %d rows read "
                + "twice%n", delivered, rows, after.size(), readTwice);
        // Started over would read every delivered row twice. Resumed, only the rows since the last
        // committed chunk: a chunk in flight plus what the offset commits lagged (1,373-13,050 over five runs).
        assertTrue(readTwice < delivered * 3 / 4, "resumed after its committed chunks, not started over: "
                + readTwice + " read twice, " + delivered + " delivered before the kill");

        // stop-snapshot halfway through a second one: the table streams on, with its changes since
        // the execute-snapshot signal, and no snapshot comes back after a restart.
        long beforeSecond = topics.endOffset(sales);
        signal(db, "again", "execute-snapshot", "{\"data-collections\": [\"" + db.name() + "\\\\.store_sales\"]}");
        db.execute("UPDATE store_sales SET ss_quantity = 6 WHERE ss_ticket_number <= 10");
        deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (topics.endOffset(sales) - beforeSecond < rows / 5 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        signal(db, "halt", "stop-snapshot", "{\"data-collections\": [\"" + db.name() + "\\\\.store_sales\"], "
                + "\"type\": \"incremental\"}");
        TpcdsTables.insertSales(db, 300_000, 2);
        awaitSales(name, db);
        long afterStop = topics.endOffset(sales) - beforeSecond;
        String log = Files.readString(kafka.workerLog());
        assertTrue(log.contains("Signal 'halt' from " + db.name() + "." + SIGNALS + ": stopped the snapshot of ["
                + db.name() + ".store_sales]"), "the stop is logged");
        assertTrue(afterStop < rows, "stopped before its end: " + afterStop + " messages");
        List<String> notified = awaitNotifications(name + "-notifications", 4);
        assertEquals(List.of("STARTED", "COMPLETED", "STARTED", "ABORTED"),
                notified.stream().map(line -> line.split(" ")[0]).toList(), "big, then again (stopped): " + notified);
        signal(db, "halt-again", "stop-snapshot", "{}");
        kafka.rest().post("/connectors/" + name + "/restart?includeTasks=true").expect(202);
        kafka.rest().awaitTaskState(name, "RUNNING", Duration.ofSeconds(60));
        TpcdsTables.insertSales(db, 310_000, 1);
        awaitSales(name, db);
        assertEquals(beforeSecond + afterStop + 1, topics.endOffset(sales), "no snapshot after the stop and restart");
        assertTrue(Files.readString(kafka.workerLog()).contains("Signal 'halt-again' from " + db.name() + "."
                + SIGNALS + " ignored: no on-demand snapshot of any table is under way"));
        System.out.printf("stop-snapshot after %d of %d rows: %d messages from the signal to the stop%n",
                rows / 5, rows, afterStop);
        kafka.rest().deleteConnector(name);
    }

    /** A per-table attribute (a map) of an MBean. */
    private static Map<String, Object> perTable(MBeanServerConnection beans, ObjectName bean, String attribute)
            throws Exception {
        Map<String, Object> values = new HashMap<>();
        for (Object row : ((TabularData) beans.getAttribute(bean, attribute)).values()) {
            CompositeData entry = (CompositeData) row;
            values.put((String) entry.get("key"), entry.get("value"));
        }
        return values;
    }

    /** Restarts the task and inserts one sale (ticket 90,000): exactly that one message follows. */
    private void assertNoSnapshotAfterARestart(String name, TestDatabase db, String sales) throws Exception {
        int settled = messageCount(sales);
        kafka.rest().post("/connectors/" + name + "/restart?includeTasks=true").expect(202);
        kafka.rest().awaitTaskState(name, "RUNNING", Duration.ofSeconds(60));
        TpcdsTables.insertSales(db, 90_000, 1);
        awaitSales(name, db);
        assertEquals(settled + 1, messageCount(sales), "no second snapshot after a restart");
    }

    /** "TYPE data_collections" of the first {@code count} notifications in the topic, waiting up to a minute. */
    private List<String> awaitNotifications(String topic, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<String> notified = List.of();
        while (notified.size() < count && System.nanoTime() < deadline) {
            notified = topics.readAll(topic).stream().map(message -> message.value().get("type").asText() + " "
                    + message.value().get("additional_data").get("data_collections").asText()).toList();
            if (notified.size() < count) {
                Thread.sleep(200);
            }
        }
        return notified.size() <= count ? notified : notified.subList(0, count);
    }

    private TestDatabase signalledDatabase(String hint, int sales, int returns) throws Exception {
        TestDatabase db = storeDatabase(hint, sales, returns);
        db.execute("CREATE TABLE " + SIGNALS + " (id VARCHAR(42) PRIMARY KEY, type VARCHAR(32) NOT NULL, "
                + "data VARCHAR(2048) NULL)");
        return db;
    }

    private static Map<String, String> config(TestDatabase db, String name) {
        Map<String, String> config = ItConnectorConfigs.capture(db, name, 1);
        config.put("signal.data.collection", db.name() + "." + SIGNALS);
        return config;
    }

    private static void signal(TestDatabase db, String id, String type, String data) throws Exception {
        try (Connection connection = db.connect();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO " + SIGNALS + " VALUES (?, ?, ?)")) {
            insert.setString(1, id);
            insert.setString(2, type);
            insert.setString(3, data);
            insert.executeUpdate();
        }
    }
}
