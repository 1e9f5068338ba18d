package io.mysqlflinkcdc.connect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.LongStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Slow (a few minutes): one Connect cluster of three workers in one group and tables split over
 * several tasks (tasks.max), each table with its own source partition and offset. Workers are
 * killed with kill -9 during snapshots and during a write load, and tasks.max changes while
 * writing: every topic must end equal to its table, every change must arrive, and a table whose
 * snapshot completed must never be snapshotted again. Snapshot reads are counted through the
 * {@code __op} header (metadata.fields=op in the headers, so values stay comparable with rows).
 */
@Tag("slow")
class ScaleOutIT extends ConnectStackTest {

    private static final Duration TASKS_START = Duration.ofSeconds(90);
    private static final Duration SNAPSHOTS = Duration.ofSeconds(180);
    /** The connector's task config key listing a task's tables ("db.table,..."); absent with one task for all. */
    private static final String TASK_TABLES = "task.tables";

    @Override
    String kafkaVersion() {
        return newestKafka();
    }

    @Override
    int workerCount() {
        return 3;
    }

    /** A killed worker leaves the group after 6 s (the broker's minimum) instead of 10 s. */
    @Override
    Map<String, String> workerProperties() {
        return Map.of("session.timeout.ms", "6000", "heartbeat.interval.ms", "2000");
    }

    @AfterEach
    void leaveAllWorkersRunningAndNoConnector() throws Exception {
        kafka.startStoppedWorkers();
        for (JsonNode name : kafka.rest().get("/connectors").expect(200).body()) {
            kafka.rest().deleteConnector(name.asText());
        }
    }

    @Test
    void tablesOfKilledWorkersMoveToTheOthersAndNoChangeIsLost() throws Exception {
        TestDatabase db = mariadb.newDatabase("scale");
        Map<String, Integer> rows = tables(db, Map.of("big", 60_000, "mid", 30_000, "small", 15_000,
                "tiny_a", 5_000, "tiny_b", 5_000, "tiny_c", 5_000));
        String name = "scale-" + db.name();
        kafka.rest().createConnector(name, config(db, name, 3, 1));

        JsonNode status = kafka.rest().awaitTasksRunning(name, 3, TASKS_START);
        assertTrue(workerIds(status).size() >= 2, "3 tasks on at least 2 workers: " + status);

        ConnectWorker first = workerOf(name, db, "big");
        String bigTopic = topic(name, db, "big");
        awaitEndOffset(bigTopic, rows.get("big") / 5);
        first.kill();
        long delivered = topics.endOffset(bigTopic);
        Set<String> completedBeforeKill = completedSnapshots(name, db, rows.keySet());
        System.out.printf("kill -9 of %s at %d of %d rows of big; snapshots completed then: %s%n", first, delivered,
                rows.get("big"), completedBeforeKill);
        assertTrue(delivered <= rows.get("big") * 4 / 5, "killed while big's snapshot ran: " + delivered + " rows");
        awaitTasksRunningWithout(name, 3, Set.of(first));

        awaitSnapshotsCompleted(name, db, rows.keySet());
        Map<String, Long> readsBeforeLoad = new HashMap<>();
        for (String table : rows.keySet()) {
            readsBeforeLoad.put(table, snapshotReads(topics.readAll(topic(name, db, table))));
        }
        CounterLoad load = new CounterLoad(db, rows, System.nanoTime());
        try (load) {
            load.start();
            Thread.sleep(5_000);
            ConnectWorker second = kafka.worker(workerIds(kafka.rest().status(name)).iterator().next());
            second.kill();
            System.out.printf("kill -9 of %s after %d changes%n", second, load.changes());
            awaitTasksRunningWithout(name, 3, Set.of(first, second));
            kafka.startStoppedWorkers(); // both rejoin the group
            awaitStatus(name, s -> workerIds(s).size() >= 2, "tasks on the rejoined workers too");
            kafka.rest().awaitTasksRunning(name, 3, TASKS_START);
            Thread.sleep(5_000);
        }

        StringBuilder moved = new StringBuilder();
        long movedRows = 0;
        long readTwice = 0;
        for (String table : rows.keySet()) {
            long reads = snapshotReads(awaitEveryChange(name, db, table, load));
            assertEquals(readsBeforeLoad.get(table), reads, table + ": snapshot reads after its snapshot completed");
            if (completedBeforeKill.contains(table)) {
                assertEquals(rows.get(table).longValue(), reads, table + ": snapshot reads of a table completed before the kill");
            } else {
                moved.append(String.format(" %s: %d snapshot reads of %d rows (%.2f read twice);", table, reads,
                        rows.get(table), (reads - rows.get(table)) / (double) rows.get(table)));
                movedRows += rows.get(table);
                readTwice += reads - rows.get(table);
            }
        }
        // Chunk progress in the offsets: the moved tables resume after their committed chunks.
        assertTrue(readTwice <= movedRows / 10, readTwice + " rows read twice of " + movedRows
                + " rows in the tables unfinished at the kill:" + moved);
        System.out.printf("scale-out: %d changes during 1 kill -9 and 2 restarts, each key's counter values all "
                + "arrived in order; tables unfinished at the first kill:%s%n", load.changes(), moved);
    }

    @Test
    void changingTasksMaxWhileWritingLosesNoChangeAndSnapshotsNothingAgain() throws Exception {
        TestDatabase db = mariadb.newDatabase("rescale");
        Map<String, Integer> rows = tables(db, Map.of("r8k", 8_000, "r6k", 6_000, "r4k", 4_000, "r2k", 2_000));
        String name = "rescale-" + db.name();
        Map<String, String> config = config(db, name, 3, 1);
        config.put("tasks.max", "1");
        kafka.rest().createConnector(name, config);
        kafka.rest().awaitTasksRunning(name, 1, TASKS_START);
        awaitSnapshotsCompleted(name, db, rows.keySet());

        CounterLoad load = new CounterLoad(db, rows, System.nanoTime());
        try (load) {
            load.start();
            Thread.sleep(3_000);
            for (int tasks : new int[] {3, 2}) {
                config.put("tasks.max", Integer.toString(tasks));
                kafka.rest().put("/connectors/" + name + "/config", config).expect(200);
                kafka.rest().awaitTasksRunning(name, tasks, TASKS_START);
                Thread.sleep(4_000);
            }
        }

        for (String table : rows.keySet()) {
            assertEquals(rows.get(table).longValue(), snapshotReads(awaitEveryChange(name, db, table, load)),
                    table + ": snapshot reads (one snapshot only)");
        }
        System.out.printf("tasks.max 1 -> 3 -> 2: %d changes, all arrived, no second snapshot%n", load.changes());
    }

    @Test
    void anOffsetInTheOldSingleConnectorLayoutResumesTheTableFromItsPosition() throws Exception {
        TestDatabase db = mariadb.newDatabase("upgrade");
        CounterLoad.create(db, "items", 50);
        CounterLoad.insert(db, "items", 51, 5); // before the position: must not arrive
        MariaDbServer.BinlogPosition position = mariadb.binlogPosition();
        CounterLoad.insert(db, "items", 56, 7); // after it, before the start
        String name = "upgrade-" + db.name();
        String topic = topic(name, db, "items");
        Map<String, String> config = config(db, name, 1, 1);
        config.put("snapshot.mode", "initial");
        kafka.rest().createStoppedConnector(name, config);
        kafka.rest().patch("/connectors/" + name + "/offsets", Map.of("offsets", List.of(Map.of(
                "partition", Map.of("server", name),
                "offset", Map.of("file", position.file(), "pos", position.pos()))))).expect(200);

        kafka.rest().resumeConnector(name);
        kafka.rest().awaitTasksRunning(name, 1, TASKS_START);
        CounterLoad.insert(db, "items", 63, 3); // while streaming
        awaitMessageCount(topic, 10);
        Thread.sleep(3_000); // anything beyond the 10 rows (a snapshot, a repeat) would arrive meanwhile
        List<TopicReader.Message> messages = topics.readAll(topic);
        assertEquals(0, snapshotReads(messages), "no snapshot: the old layout's offset is the table's");
        assertEquals(LongStream.rangeClosed(56, 65).boxed().toList(),
                messages.stream().map(m -> m.key().path("id").asLong()).toList(),
                "exactly the rows written after the patched position");
        awaitTableOffset(name, db, "items");
    }

    @Test
    void parallelSnapshotsInterruptedByAKilledWorkerEndEqualToTheTables() throws Exception {
        TestDatabase db = mariadb.newDatabase("parsnap");
        Map<String, Integer> rows = tables(db, Map.of("p40k", 40_000, "p10k", 10_000, "p5k", 5_000));
        String name = "parsnap-" + db.name();
        kafka.rest().createConnector(name, config(db, name, 2, 4));
        kafka.rest().awaitTasksRunning(name, 2, TASKS_START);

        ConnectWorker worker = workerOf(name, db, "p40k");
        String bigTopic = topic(name, db, "p40k");
        awaitEndOffset(bigTopic, rows.get("p40k") / 5);
        worker.kill();
        long delivered = topics.endOffset(bigTopic);
        assertTrue(delivered < rows.get("p40k"), "killed during the snapshot: " + delivered + " rows delivered");
        Thread.sleep(1_000);
        worker.start();
        for (String table : rows.keySet()) {
            awaitTopicEqualsTable(name, db, table);
        }
        System.out.printf("parallel snapshots: %s killed at %d of %d rows of p40k; %d messages in the end%n", worker,
                delivered, rows.get("p40k"), messageCount(bigTopic));
    }

    private void awaitTopicEqualsTable(String name, TestDatabase db, String table) throws Exception {
        TableState.awaitTopicEqualsTable(topics, topic(name, db, table), db, table, CounterLoad.KEY, SNAPSHOTS,
                () -> assertTaskNotFailed(name));
    }

    /** Waits until the table's topic equals it; checks that every change of the load arrived; returns the messages. */
    private List<TopicReader.Message> awaitEveryChange(String name, TestDatabase db, String table, CounterLoad load)
            throws Exception {
        awaitTopicEqualsTable(name, db, table);
        List<TopicReader.Message> messages = topics.readAll(topic(name, db, table));
        load.assertEveryChangeArrived(table, messages);
        return messages;
    }

    /** Creates the tables (CounterLoad's shape); returns their row counts, biggest first. */
    private static Map<String, Integer> tables(TestDatabase db, Map<String, Integer> rows) throws Exception {
        Map<String, Integer> sorted = new LinkedHashMap<>();
        rows.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey())).forEach(e -> sorted.put(e.getKey(), e.getValue()));
        for (Map.Entry<String, Integer> table : sorted.entrySet()) {
            CounterLoad.create(db, table.getKey(), table.getValue());
        }
        return sorted;
    }

    private static Map<String, String> config(TestDatabase db, String name, int tasks, int parallelism) {
        Map<String, String> config = ItConnectorConfigs.capture(db, name, tasks, parallelism);
        config.put("metadata.fields", "op");
        config.put("metadata.location", "header");
        return config;
    }

    private static String topic(String name, TestDatabase db, String table) {
        return name + "." + db.name() + "." + table;
    }

    private static long snapshotReads(List<TopicReader.Message> messages) {
        return messages.stream().filter(m -> "r".equals(m.headers().get("__op"))).count();
    }

    /** worker_id of each RUNNING task. */
    private static Set<String> workerIds(JsonNode status) {
        return new TreeSet<>(runningTasks(status).values());
    }

    /** task id -> worker_id of the RUNNING tasks. */
    private static Map<Integer, String> runningTasks(JsonNode status) {
        Map<Integer, String> running = new HashMap<>();
        for (JsonNode task : status.path("tasks")) {
            if ("RUNNING".equals(task.path("state").asText())) {
                running.put(task.path("id").asInt(), task.path("worker_id").asText());
            }
        }
        return running;
    }

    private JsonNode awaitStatus(String name, java.util.function.Predicate<JsonNode> condition, String what)
            throws Exception {
        return kafka.rest().awaitStatus(name, condition, TASKS_START, what);
    }

    /** Waits until tasks 0..count-1 are RUNNING, none of them on the given (dead) workers. */
    private void awaitTasksRunningWithout(String name, int count, Set<ConnectWorker> dead) throws Exception {
        Set<String> deadIds = new HashSet<>();
        dead.forEach(worker -> deadIds.add(worker.id()));
        awaitStatus(name, status -> {
            Map<Integer, String> running = runningTasks(status);
            return LongStream.range(0, count).allMatch(task -> running.containsKey((int) task)
                    && !deadIds.contains(running.get((int) task)));
        }, count + " tasks RUNNING on workers other than " + dead);
    }

    /** The worker running the task that captures the table. */
    private ConnectWorker workerOf(String name, TestDatabase db, String table) throws Exception {
        return kafka.workerRunning(name, taskOf(name, db.name() + "." + table));
    }

    /**
     * The task capturing db.table: the one whose task.tables lists it; a connector whose only task
     * has no task.tables (one task for everything) runs every table in task 0.
     */
    private int taskOf(String name, String qualifiedTable) throws Exception {
        JsonNode tasks = kafka.rest().taskConfigs(name);
        for (JsonNode task : tasks) {
            JsonNode tables = task.path("config").path(TASK_TABLES);
            if (!tables.isMissingNode() && Arrays.asList(tables.asText().split(",")).contains(qualifiedTable)) {
                return task.path("id").path("task").asInt();
            }
        }
        if (tasks.size() == 1 && !tasks.get(0).path("config").has(TASK_TABLES)) {
            return 0;
        }
        throw new AssertionError("no task captures " + qualifiedTable + ": " + tasks);
    }

    /**
     * The tables whose stored offset says their snapshot completed: each table's own partition
     * {server, table}, else the connector-wide partition {server} of the old layout.
     */
    private Set<String> completedSnapshots(String name, TestDatabase db, Set<String> tables) throws Exception {
        Map<String, JsonNode> byTable = new HashMap<>();
        JsonNode connectorWide = null;
        for (JsonNode entry : kafka.rest().offsets(name).path("offsets")) {
            JsonNode partition = entry.path("partition");
            if (partition.has("table")) {
                byTable.put(partition.path("table").asText(), entry.path("offset"));
            } else {
                connectorWide = entry.path("offset");
            }
        }
        Set<String> completed = new TreeSet<>();
        for (String table : tables) {
            JsonNode offset = byTable.getOrDefault(db.name() + "." + table, connectorWide);
            if (offset != null && offset.path("snapshot_completed").asBoolean()) {
                completed.add(table);
            }
        }
        return completed;
    }

    private void awaitSnapshotsCompleted(String name, TestDatabase db, Set<String> tables) throws Exception {
        long deadline = System.nanoTime() + SNAPSHOTS.toNanos();
        Set<String> completed = completedSnapshots(name, db, tables);
        while (!completed.equals(tables) && System.nanoTime() < deadline) {
            assertTaskNotFailed(name);
            Thread.sleep(1_000);
            completed = completedSnapshots(name, db, tables);
        }
        assertEquals(new TreeSet<>(tables), completed, "tables whose stored offset marks the snapshot completed");
    }

    /** Waits until the table's own partition {server, table} holds a binlog position. */
    private void awaitTableOffset(String name, TestDatabase db, String table) throws Exception {
        Map<String, String> partition = Map.of("server", name, "table", db.name() + "." + table);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<JsonNode> stored = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            stored.clear();
            kafka.rest().offsets(name).path("offsets").forEach(stored::add);
            if (stored.stream().anyMatch(entry -> partition.equals(asStrings(entry.path("partition")))
                    && entry.path("offset").has("file"))) {
                return;
            }
            Thread.sleep(1_000);
        }
        throw new AssertionError("no binlog position stored under " + partition + "; stored: " + stored);
    }

    private static Map<String, String> asStrings(JsonNode object) {
        Map<String, String> map = new HashMap<>();
        object.fields().forEachRemaining(field -> map.put(field.getKey(), field.getValue().asText()));
        return map;
    }

    /** Waits until the topic holds at least {@code messages} messages (the snapshot got that far). */
    private void awaitEndOffset(String topic, long messages) throws Exception {
        long deadline = System.nanoTime() + SNAPSHOTS.toNanos();
        long end = topics.endOffset(topic);
        while (end < messages && System.nanoTime() < deadline) {
            Thread.sleep(50);
            end = topics.endOffset(topic);
        }
        assertTrue(end >= messages, topic + " holds " + end + " messages after " + SNAPSHOTS + ", expected " + messages);
    }
}
