package io.mysqlflinkcdc.connect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The core capture scenarios, driven only through the Connect REST API against a real MariaDB and
 * a real broker + worker of one Kafka version, with the plugin installed from its archive.
 * Subclasses pick the Kafka version.
 */
abstract class AbstractCaptureIT extends ConnectStackTest {

    /** Settings every scenario's connector gets on top of the capture config (none by default). */
    Map<String, String> connectorOverrides() {
        return Map.of();
    }

    private Map<String, String> capture(TestDatabase db, String topicPrefix, int parallelism) {
        Map<String, String> config = ItConnectorConfigs.capture(db, topicPrefix, parallelism);
        config.putAll(connectorOverrides());
        return config;
    }

    /** Runs the statements in one transaction; returns the rows they changed, in order. */
    private static int[] transaction(TestDatabase db, String... statements) throws Exception {
        int[] changed = new int[statements.length];
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            for (int i = 0; i < statements.length; i++) {
                changed[i] = statement.executeUpdate(statements[i]);
            }
            connection.commit();
        }
        return changed;
    }

    @Test
    void snapshotThenInsertsUpdatesDeletesKeyChangesAndTransactionsMatchTheTables() throws Exception {
        TestDatabase db = storeDatabase("core", 4000, 1500);
        String name = "core-" + db.name();
        kafka.rest().createConnector(name, capture(db, name, 2));
        awaitBothTables(name, db);

        TpcdsTables.insertSales(db, 100_000, 50);
        db.execute("UPDATE store_sales SET ss_quantity = ss_quantity + 1, ss_net_profit = 1.23 WHERE ss_ticket_number % 10 = 3",
                "DELETE FROM store_sales WHERE ss_ticket_number % 17 = 0",
                "UPDATE store_sales SET ss_ticket_number = ss_ticket_number + 900000 WHERE ss_ticket_number IN (5, 6, 7)",
                "UPDATE store_returns SET sr_item_sk = sr_item_sk + 1000 WHERE sr_ticket_number = 11");
        int[] changed = transaction(db,
                "INSERT INTO store_returns (sr_item_sk, sr_ticket_number, sr_return_quantity, sr_net_loss) VALUES (1, 500000, 3, 9.99), (2, 500001, 4, NULL)",
                "UPDATE store_returns SET sr_fee = 0.50 WHERE sr_ticket_number BETWEEN 100 AND 120",
                "DELETE FROM store_returns WHERE sr_ticket_number BETWEEN 200 AND 210",
                "UPDATE store_sales SET ss_coupon_amt = NULL WHERE ss_ticket_number BETWEEN 300 AND 305");
        assertEquals(List.of(2, 21, 11, 6), Stream.of(changed[0], changed[1], changed[2], changed[3]).toList(),
                "the transaction should touch the rows the test expects");
        awaitBothTables(name, db);
        kafka.rest().deleteConnector(name);
    }

    @Test
    void stoppedConnectorResumesFromItsOffsetWithoutSnapshottingAgain() throws Exception {
        TestDatabase db = storeDatabase("resume", 300, 100);
        String name = "resume-" + db.name();
        String salesTopic = name + "." + db.name() + ".store_sales";
        kafka.rest().createConnector(name, capture(db, name, 1));
        awaitBothTables(name, db);
        TpcdsTables.insertSales(db, 10_000, 1);
        awaitBothTables(name, db);

        kafka.rest().stopConnector(name);
        TpcdsTables.insertSales(db, 20_000, 20);
        int[] changed = transaction(db,
                "UPDATE store_sales SET ss_quantity = 7 WHERE ss_ticket_number BETWEEN 1 AND 10",
                "DELETE FROM store_sales WHERE ss_ticket_number BETWEEN 11 AND 15",
                "UPDATE store_sales SET ss_ticket_number = 777777 WHERE ss_ticket_number = 16");
        kafka.rest().resumeConnector(name);
        awaitBothTables(name, db);

        // snapshot + one insert before the stop, then each change exactly once: no second snapshot.
        int expected = 300 + 1 + 20 + changed[0] + changed[1] + 2 * changed[2];
        assertEquals(expected, messageCount(salesTopic), "messages in " + salesTopic);
        kafka.rest().deleteConnector(name);
    }

    @Test
    void idleTablesAdvanceOffsetsThroughHeartbeatsSoARestartDoesNotSnapshotAgain() throws Exception {
        TestDatabase db = storeDatabase("idle", 200, 50);
        String name = "idle-" + db.name();
        String salesTopic = name + "." + db.name() + ".store_sales";
        kafka.rest().createConnector(name, capture(db, name, 1));
        awaitBothTables(name, db);

        JsonNode offset = awaitStoredBinlogOffset(name);
        assertTrue(offset.path("snapshot_completed").asBoolean(), "stored offset marks the snapshot complete: " + offset);
        assertTrue(messageCount("__debezium-heartbeat." + name) > 0, "heartbeats were written");

        kafka.rest().stopConnector(name);
        TpcdsTables.insertSales(db, 30_000, 5);
        kafka.rest().resumeConnector(name);
        awaitBothTables(name, db);
        assertEquals(200 + 5, messageCount(salesTopic), "messages in " + salesTopic);
        kafka.rest().deleteConnector(name);
    }

    @Test
    void noDataModeStreamsOnlyNewChangesAndInitialOnlyModeSnapshotsOnce() throws Exception {
        TestDatabase db = storeDatabase("modes", 100, 0);
        String fromNow = "nodata-" + db.name();
        Map<String, String> noData = capture(db, fromNow, 1);
        noData.put("snapshot.mode", "no_data");
        kafka.rest().createConnector(fromNow, noData);
        awaitStoredBinlogOffset(fromNow);
        TpcdsTables.insertSales(db, 50_000, 3);

        String snapshotOnly = "snaponly-" + db.name();
        Map<String, String> initialOnly = capture(db, snapshotOnly, 1);
        initialOnly.put("snapshot.mode", "initial_only");
        kafka.rest().createConnector(snapshotOnly, initialOnly);
        String snapshotTopic = snapshotOnly + "." + db.name() + ".store_sales";
        TableState.awaitTopicEqualsTable(topics, snapshotTopic, db, "store_sales", TpcdsTables.SALES_KEY, CATCH_UP,
                () -> assertTaskNotFailed(snapshotOnly));
        JsonNode done = awaitStoredOffset(snapshotOnly, offset -> offset.path("snapshot_completed").asBoolean());
        assertTrue(!done.has("file"), "an initial_only connector stores no binlog position: " + done);

        TpcdsTables.insertSales(db, 60_000, 2);
        kafka.rest().post("/connectors/" + snapshotOnly + "/restart?includeTasks=true").expect(202, 204);
        kafka.rest().awaitTaskState(snapshotOnly, "RUNNING", Duration.ofSeconds(60));
        awaitMessageCount(fromNow + "." + db.name() + ".store_sales", 5);
        Thread.sleep(5000);
        assertEquals(103, messageCount(snapshotTopic), "initial_only neither streams nor snapshots again after a restart");
        assertEquals(5, messageCount(fromNow + "." + db.name() + ".store_sales"),
                "no_data delivers only the rows inserted after it started");
        kafka.rest().deleteConnector(fromNow);
        kafka.rest().deleteConnector(snapshotOnly);
    }

    @Test
    void jobFailureFailsTheTaskWithTheRootCauseInItsStatus() throws Exception {
        TestDatabase db = storeDatabase("fail", 100, 10);
        String name = "fail-" + db.name();
        kafka.rest().createConnector(name, capture(db, name, 1));
        awaitBothTables(name, db);
        awaitStoredBinlogOffset(name);

        kafka.rest().stopConnector(name);
        for (String host : List.of("%", "localhost")) {
            mariadb.execute("", "REVOKE REPLICATION SLAVE, REPLICATION CLIENT ON *.* FROM '" + db.user() + "'@'" + host + "'");
        }
        kafka.rest().resumeConnector(name);
        JsonNode status = kafka.rest().awaitTaskState(name, "FAILED", Duration.ofSeconds(120));
        String trace = status.path("tasks").get(0).path("trace").asText();
        assertTrue(trace.contains("The embedded Flink CDC job failed"), trace);
        assertTrue(trace.toLowerCase().contains("denied"), "root cause (access denied) in the trace: " + trace);
        assertTrue(trace.contains("REPLICATION SLAVE and REPLICATION CLIENT"), "remedy in the trace: " + trace);
        kafka.rest().deleteConnector(name);
    }

    @Test
    @Tag("slow")
    void deletingAndRecreatingFiveTimesLeavesNoThreadsPortsOrFilesBehind() throws Exception {
        TestDatabase db = storeDatabase("cycle", 50, 5);
        // The worker's own listeners (REST, the harness's JMX agent) before any job ran.
        Set<WorkerProcessProbe.Listener> workerListeners = WorkerProcessProbe.listeners(kafka.workerPid());
        runCycle(db, "warmup", workerListeners);
        long pid = kafka.workerPid();
        int baselineThreads = awaitQuietThreads(pid);
        List<String> baselineNames = WorkerProcessProbe.threadNames(pid);
        Set<Integer> baselinePorts = WorkerProcessProbe.listeningPorts(pid);

        for (int cycle = 1; cycle <= 5; cycle++) {
            runCycle(db, "cycle" + cycle, workerListeners);
        }
        int threads = awaitThreadsAtMost(pid, baselineThreads + 2, Duration.ofSeconds(60));
        List<String> added = new java.util.ArrayList<>(WorkerProcessProbe.threadNames(pid));
        baselineNames.forEach(added::remove);
        added.removeIf(name -> name.startsWith("StartAndStopExe"));
        System.out.printf("Kafka %s worker after 5 delete/recreate cycles: %d threads (baseline %d; new: %s), "
                + "listening ports %s (baseline %s)%n", kafkaVersion(), threads, baselineThreads, added,
                WorkerProcessProbe.listeningPorts(pid), baselinePorts);
        assertTrue(threads <= baselineThreads + 2, "threads " + threads + " vs baseline " + baselineThreads
                + "; new threads: " + added);
        assertEquals(baselinePorts, WorkerProcessProbe.listeningPorts(pid), "listening ports of the worker");
        try (Stream<java.nio.file.Path> left = Files.list(kafka.workerTmpDir())) {
            List<String> flinkFolders = left.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("mysql-flink-cdc-")).toList();
            // One folder lives as long as the worker: the RPC system every cluster shares (its Pekko jar).
            assertEquals(1, flinkFolders.stream().filter(n -> n.startsWith("mysql-flink-cdc-rpc-")).count(),
                    "one shared RPC folder: " + flinkFolders);
            assertEquals(List.of(), flinkFolders.stream().filter(n -> !n.startsWith("mysql-flink-cdc-rpc-")).toList(),
                    "Flink scratch folders left in the worker's tmp dir");
        }
    }

    private void runCycle(TestDatabase db, String label, Set<WorkerProcessProbe.Listener> workerListeners)
            throws Exception {
        String name = label + "-" + db.name();
        kafka.rest().createConnector(name, capture(db, name, 1));
        awaitSales(name, db);
        // While running, nothing of the embedded cluster listens beyond loopback.
        assertEquals(Set.of(), Set.copyOf(WorkerProcessProbe.listeners(kafka.workerPid()).stream()
                .filter(l -> !l.loopback() && !workerListeners.contains(l)).toList()),
                "non-loopback listeners the embedded job opened");
        kafka.rest().deleteConnector(name);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (kafka.rest().get("/connectors/" + name + "/status").status() != 404) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("connector " + name + " still present 60 s after DELETE");
            }
            Thread.sleep(200);
        }
    }

    private static int awaitQuietThreads(long pid) throws Exception {
        // Let threads of the last stop finish exiting before taking the baseline.
        int previous = WorkerProcessProbe.threads(pid);
        for (int i = 0; i < 20; i++) {
            Thread.sleep(1000);
            int now = WorkerProcessProbe.threads(pid);
            if (now == previous) {
                return now;
            }
            previous = now;
        }
        return previous;
    }

    private static int awaitThreadsAtMost(long pid, int limit, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        int threads;
        do {
            threads = WorkerProcessProbe.threads(pid);
            if (threads <= limit) {
                return threads;
            }
            Thread.sleep(1000);
        } while (System.nanoTime() < deadline);
        return threads;
    }

}
