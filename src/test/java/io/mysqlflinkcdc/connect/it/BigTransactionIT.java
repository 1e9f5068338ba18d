package io.mysqlflinkcdc.connect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Slow (about three minutes), a Connect worker limited to -Xmx512m: one transaction of 100,000 rows
 * streams through it (the binlog is read row by row and the hand-over is bounded, so the worker
 * never holds the transaction), and rows of 512 KiB each, more of them than the heap holds, are
 * snapshotted and then changed by one UPDATE (issue 14, item 4: chunks and queues are sized in
 * bytes). No OutOfMemoryError, the task keeps running, and every row arrives.
 */
@Tag("slow")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BigTransactionIT extends ConnectStackTest {

    private static final int ROWS = 100_000;
    private static final int WIDE_ROWS = 1_000;
    private static final int WIDE_UPDATED = 500;
    private static final int ROW_BYTES = 512 * 1024;
    private static final int HUGE_ROW_BYTES = 600 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    String kafkaVersion() {
        return newestKafka();
    }

    @Override
    String workerHeap() {
        return "512m";
    }

    @Test
    void hundredThousandRowTransactionStreamsWithinHalfAGigabyteOfHeap() throws Exception {
        TestDatabase db = storeDatabase("bigtx", 10, 0);
        String name = "bigtx-" + db.name();
        Map<String, String> config = ItConnectorConfigs.captureSales(db, name);
        kafka.rest().createConnector(name, config);
        awaitSales(name, db);

        long started = System.nanoTime();
        TpcdsTables.insertSales(db, 1_000_000, ROWS);
        awaitMessageCount(name + "." + db.name() + ".store_sales", 10 + ROWS);
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        awaitSales(name, db);
        long peakRssMb = peakRssKb(kafka.workerPid()) / 1024;
        System.out.printf("100,000-row transaction: in Kafka after %d s; worker (-Xmx512m) peak RSS %d MB%n",
                seconds, peakRssMb);
        assertEquals("RUNNING", kafka.rest().status(name).path("tasks").get(0).path("state").asText());
        assertFalse(Files.readString(kafka.workerLog()).contains("OutOfMemoryError"), "no OutOfMemoryError");
        assertTrue(peakRssMb > 0);
        kafka.rest().deleteConnector(name);
    }

    @Test
    void rowsOfHalfAMegabyteStreamThroughHalfAGigabyteOfHeap() throws Exception {
        TestDatabase db = wideTable("wide");
        String name = "wide-" + db.name();
        String topic = name + "." + db.name() + ".wide";
        kafka.rest().createConnector(name, ItConnectorConfigs.capture(db, name, 1));
        long started = System.nanoTime();
        awaitEndOffset(name, topic, WIDE_ROWS);
        long snapshotSeconds = (System.nanoTime() - started) / 1_000_000_000L;

        started = System.nanoTime();
        db.execute("UPDATE wide SET version = 1 WHERE id <= " + WIDE_UPDATED);
        awaitEndOffset(name, topic, WIDE_ROWS + WIDE_UPDATED);
        long updateSeconds = (System.nanoTime() - started) / 1_000_000_000L;

        Map<Integer, Integer> versions = lastVersions(topic);
        assertEquals(WIDE_ROWS, versions.size());
        for (int id = 1; id <= WIDE_ROWS; id++) {
            assertEquals(id <= WIDE_UPDATED ? 1 : 0, versions.get(id), "version of id " + id);
        }
        assertEquals("RUNNING", kafka.rest().status(name).path("tasks").get(0).path("state").asText());
        assertFalse(Files.readString(kafka.workerLog()).contains("OutOfMemoryError"), "no OutOfMemoryError");
        System.out.printf("%,d rows of 512 KiB through a -Xmx512m worker: snapshot %d s, %,d-row UPDATE %d s, "
                + "worker peak RSS %d MB%n", WIDE_ROWS, snapshotSeconds, WIDE_UPDATED, updateSeconds,
                peakRssKb(kafka.workerPid()) / 1024);
        kafka.rest().deleteConnector(name);
    }

    /**
     * Issue 14, item 4(a): an OutOfMemoryError inside one connector's embedded job (a row of 600 MB,
     * more than the -Xmx512m heap, read by the snapshot) fails that connector's task with what to
     * do; the worker process and another connector on it run on. Runs last: it leaves an
     * OutOfMemoryError in the worker log that the other tests look for.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void anOutOfMemoryErrorInOneJobFailsOnlyItsTask() throws Exception {
        TestDatabase other = mariadb.newDatabase("bystander");
        other.execute("CREATE TABLE t (id INT PRIMARY KEY, v INT NOT NULL)");
        other.execute("INSERT INTO t SELECT seq, seq FROM seq_1_to_10");
        String bystander = "bystander-" + other.name();
        String bystanderTopic = bystander + "." + other.name() + ".t";
        kafka.rest().createConnector(bystander, ItConnectorConfigs.capture(other, bystander, 1));
        awaitEndOffset(bystander, bystanderTopic, 10);

        TestDatabase db = mariadb.newDatabase("oom");
        mariadb.execute("", "SET GLOBAL max_allowed_packet = 1073741824");
        db.execute("CREATE TABLE huge (id INT PRIMARY KEY, payload LONGBLOB NOT NULL)");
        // Kept out of the binlog: the other connector reads the same server's binlog, and an event of
        // 600 MB would be its problem too (this test is about the snapshot's OutOfMemoryError).
        mariadb.execute(db.name(), "SET SESSION sql_log_bin = 0",
                "INSERT INTO huge VALUES (1, REPEAT('x', " + HUGE_ROW_BYTES + "))");
        String name = "oom-" + db.name();
        kafka.rest().createConnector(name, ItConnectorConfigs.capture(db, name, 1));
        long started = System.nanoTime();
        awaitFailedOutOfMemory(name);
        long failedAfter = (System.nanoTime() - started) / 1_000_000_000L;

        assertTrue(ProcessHandle.of(kafka.workerPid()).map(ProcessHandle::isAlive).orElse(false), "worker alive");
        other.execute("INSERT INTO t SELECT seq, seq FROM seq_11_to_20");
        awaitEndOffset(bystander, bystanderTopic, 20);
        assertEquals("RUNNING", kafka.rest().status(bystander).path("tasks").get(0).path("state").asText());

        // Now through the binlog, which the other connector reads: its binlog client's reader thread
        // dies of the 600 MB event. It used to reconnect every 20 s and die again, the task RUNNING
        // and nothing in the worker log; now the task fails and says why.
        started = System.nanoTime();
        db.execute("INSERT INTO huge VALUES (2, REPEAT('y', " + HUGE_ROW_BYTES + "))");
        String trace = awaitFailedOutOfMemory(bystander);
        long bystanderFailedAfter = (System.nanoTime() - started) / 1_000_000_000L;
        assertTrue(trace.contains("of the embedded job died"), trace);
        assertTrue(ProcessHandle.of(kafka.workerPid()).map(ProcessHandle::isAlive).orElse(false), "worker alive");
        String log = Files.readString(kafka.workerLog());
        System.out.printf("OutOfMemoryError in a snapshot: task FAILED after %d s, worker alive, other connector "
                + "delivered; in its binlog client: task FAILED after %d s; Flink exits refused: %d%n", failedAfter,
                bystanderFailedAfter, log.split("which the connector refused", -1).length - 1);
        kafka.rest().deleteConnector(name);
        kafka.rest().deleteConnector(bystander);
    }

    /** Waits for the connector's task to fail of an OutOfMemoryError, with advice; returns its trace. */
    private String awaitFailedOutOfMemory(String name) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        JsonNode task = taskStatus(name);
        while (!"FAILED".equals(task.path("state").asText()) && System.nanoTime() < deadline) {
            Thread.sleep(1_000);
            task = taskStatus(name);
        }
        String trace = task.path("trace").asText();
        assertEquals("FAILED", task.path("state").asText(), "task of " + name + ": " + task);
        assertTrue(trace.contains("OutOfMemoryError"), trace);
        assertTrue(trace.contains("max.queue.size.in.bytes"), "says what to do: " + trace);
        return trace;
    }

    /** The first task's status; empty while Connect has not written one yet. */
    private JsonNode taskStatus(String name) throws Exception {
        ConnectRest.Response response = kafka.rest().get("/connectors/" + name + "/status");
        return response.status() == 200 ? response.body().path("tasks").path(0) : JSON.createObjectNode();
    }

    /** {@value #WIDE_ROWS} rows of 512 KiB in table {@code wide} of a new database. */
    private TestDatabase wideTable(String prefix) throws Exception {
        TestDatabase db = mariadb.newDatabase(prefix);
        db.execute("CREATE TABLE wide (id INT PRIMARY KEY, version INT NOT NULL, payload LONGBLOB NOT NULL)");
        try (Connection connection = db.connect();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO wide VALUES (?, 0, ?)")) {
            for (int id = 1; id <= WIDE_ROWS; id++) {
                insert.setInt(1, id);
                insert.setBytes(2, payload(id));
                insert.addBatch();
                if (id % 8 == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
        return db;
    }

    /** 512 KiB that differ per row and do not compress to nothing. */
    private static byte[] payload(int id) {
        byte[] bytes = new byte[ROW_BYTES];
        long state = id * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < bytes.length; i++) {
            state ^= state << 13;
            state ^= state >>> 7;
            state ^= state << 17;
            bytes[i] = (byte) state;
        }
        return bytes;
    }

    private void awaitEndOffset(String name, String topic, long expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        long count = topics.endOffset(topic);
        while (count < expected) {
            assertTaskNotFailed(name);
            assertTrue(System.nanoTime() < deadline, topic + " holds " + count + " messages after 5 min, expected "
                    + expected);
            Thread.sleep(1_000);
            count = topics.endOffset(topic);
        }
    }

    /** Each id's version in its last message, checking every payload on the way without keeping it. */
    private Map<Integer, Integer> lastVersions(String topic) throws Exception {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "50");
        Map<Integer, Integer> versions = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (consumer.position(partition) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode value = JSON.readTree(record.value());
                    int id = value.path("id").asInt();
                    assertTrue(Arrays.equals(payload(id), Base64.getDecoder().decode(value.path("payload").asText())),
                            "payload of id " + id);
                    versions.put(id, value.path("version").asInt());
                }
            }
        }
        return versions;
    }

    /** VmHWM: the process's peak resident set. */
    private static long peakRssKb(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
