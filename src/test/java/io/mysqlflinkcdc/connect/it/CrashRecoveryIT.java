package io.mysqlflinkcdc.connect.it;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Slow (about two minutes): while a writer keeps changing rows ({@link AccountsLoad}: single-row
 * inserts, updates and deletes, updates that move a row to a new key, and UPDATEs of about 1,100
 * rows in one statement), the Connect worker process is killed with SIGKILL (no shutdown, no final
 * offset commit) three times at random moments and started again. Afterwards every version of
 * every row the writer made must be in the topic in order, not only the last one, and the
 * compacted topic must equal the table; the changes delivered twice (replayed since the last
 * offset commit) are counted and reported, and with exactly-once source support a read_committed
 * consumer must see each change exactly once.
 */
@Tag("slow")
class CrashRecoveryIT extends ConnectStackTest {

    /** Whether the worker runs with exactly.once.source.support=enabled. */
    boolean exactlyOnce() {
        return false;
    }

    /**
     * A killed worker leaves the group after 6 s (the broker's minimum) instead of 10 s, so the
     * restarted one gets the task sooner. With exactly-once, a restarted worker reads the offsets
     * topic read_committed before it joins the group, so a transaction the killed task left open
     * held it back until the broker aborted it: up to the task producers' transaction.timeout.ms
     * (60 s by default; a restart waited 57 s). 10 s here.
     */
    @Override
    java.util.Map<String, String> workerProperties() {
        java.util.Map<String, String> properties = new java.util.HashMap<>(
                java.util.Map.of("session.timeout.ms", "6000", "heartbeat.interval.ms", "2000"));
        if (exactlyOnce()) {
            properties.put("exactly.once.source.support", "enabled");
            properties.put("producer.transaction.timeout.ms", "10000");
        }
        return properties;
    }

    @Override
    String kafkaVersion() {
        return newestKafka();
    }

    @Test
    void killMinusNineDuringWritesLosesNoChange() throws Exception {
        TestDatabase db = mariadb.newDatabase("crash");
        long seed = System.nanoTime();
        AccountsLoad load = new AccountsLoad(seed);
        load.create(db);
        String name = "crash-" + db.name();
        String topic = name + "." + db.name() + "." + AccountsLoad.TABLE;
        java.util.Map<String, String> config = ItConnectorConfigs.capture(db, name, 1);
        if (exactlyOnce()) {
            config.put("exactly.once.support", "required");
        }
        kafka.rest().createConnector(name, config);
        awaitAccounts(name, db, topic);

        Random random = new Random(seed);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong changes = new AtomicLong();
        AtomicReference<Throwable> writerFailure = new AtomicReference<>();
        Thread writer = new Thread(() -> write(db, load, writing, changes, writerFailure), "writer");
        writer.start();
        for (int kill = 1; kill <= 3; kill++) {
            Thread.sleep(2_000 + random.nextInt(5_000));
            long before = changes.get();
            kafka.killWorker();
            System.out.printf("kill -9 #%d of the worker after %d changes%n", kill, before);
            Thread.sleep(1_000);
            kafka.startWorker();
            kafka.rest().awaitTaskState(name, "RUNNING", Duration.ofSeconds(120));
        }
        Thread.sleep(3_000);
        writing.set(false);
        writer.join();
        assertTrue(writerFailure.get() == null, "writer failed: " + writerFailure.get());

        awaitAccounts(name, db, topic);
        List<TopicReader.Message> messages = topics.readAll(topic);
        long expected = load.expectedMessages();
        System.out.printf("crash test (%s, seed %d): %d changes (%d multi-row UPDATEs), 3 x kill -9, every version "
                + "of every row arrived in order, %d messages for %d snapshot rows + changes: %d delivered twice%n",
                exactlyOnce() ? "exactly-once" : "at-least-once", seed, changes.get(), load.multiRowStatements(),
                messages.size(), expected, messages.size() - expected);
        load.assertEveryChangeArrived(messages, exactlyOnce());
        assertTrue(messages.size() >= expected, "fewer messages than changes: " + messages.size() + " < " + expected);
        if (exactlyOnce()) {
            assertEquals(expected, messages.size(), "a read_committed consumer sees each change once");
        }
        kafka.rest().deleteConnector(name);
    }

    /**
     * Issue 14, item 1, deterministically: Debezium emits an UPDATE of the primary key as two
     * records at one position, the old key's delete and the new key's insert. A transform sends
     * every row of the table (not its tombstones) to a topic name Kafka refuses, so the task fails
     * on the insert right after the tombstone went out, as a crash between the two would. With the
     * two in separate polls (max.batch.size=1), the tombstone's offset was committed and claimed the
     * insert too, which a restart then skipped. Restarted without the transform, the task must
     * deliver the moved row.
     */
    @Test
    void aFailureBetweenTheTombstoneAndTheNewRowOfAKeyChangeLosesNothing() throws Exception {
        TestDatabase db = mariadb.newDatabase("moves");
        AccountsLoad load = new AccountsLoad(System.nanoTime(), 20);
        load.create(db);
        String name = "moves-" + db.name();
        String topic = name + "." + db.name() + "." + AccountsLoad.TABLE;
        java.util.Map<String, String> config = ItConnectorConfigs.capture(db, name, 1);
        config.put("max.batch.size", "1");
        if (exactlyOnce()) {
            config.put("exactly.once.support", "required");
        }
        kafka.rest().createConnector(name, config);
        awaitAccounts(name, db, topic);

        java.util.Map<String, String> breaking = new java.util.HashMap<>(config);
        breaking.put("transforms", "rowsNowhere");
        breaking.put("transforms.rowsNowhere.type", "org.apache.kafka.connect.transforms.RegexRouter");
        breaking.put("transforms.rowsNowhere.regex", java.util.regex.Pattern.quote(topic));
        breaking.put("transforms.rowsNowhere.replacement", "no such topic");
        breaking.put("transforms.rowsNowhere.predicate", "tombstone");
        breaking.put("transforms.rowsNowhere.negate", "true");
        breaking.put("predicates", "tombstone");
        breaking.put("predicates.tombstone.type", "org.apache.kafka.connect.transforms.predicates.RecordIsTombstone");
        reconfigure(name, breaking);
        try (Connection connection = db.connect()) {
            load.changeKey(connection);
        }
        String trace = kafka.rest().awaitTaskState(name, "FAILED", Duration.ofSeconds(60))
                .path("tasks").get(0).path("trace").asText();
        assertTrue(trace.contains("no such topic"), "the task failed sending the new row: " + trace);

        reconfigure(name, config);
        awaitAccounts(name, db, topic);
        List<TopicReader.Message> messages = topics.readAll(topic);
        System.out.printf("key change with a failure after its tombstone (%s): %d messages for %d changes%n",
                exactlyOnce() ? "exactly-once" : "at-least-once", messages.size(), load.expectedMessages());
        load.assertEveryChangeArrived(messages, exactlyOnce());
        kafka.rest().deleteConnector(name);
    }

    /** New config, then a restart of the connector and its tasks (a FAILED task included). */
    private void reconfigure(String name, java.util.Map<String, String> config) throws Exception {
        kafka.rest().createConnector(name, config);
        // 409 while the worker still applies the new config
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() ->
                kafka.rest().post("/connectors/" + name + "/restart?includeTasks=true").expect(202, 204, 409).status()
                        != 409);
        Thread.sleep(2_000);
        kafka.rest().awaitTaskState(name, "RUNNING", Duration.ofSeconds(60));
    }

    private void awaitAccounts(String name, TestDatabase db, String topic) throws Exception {
        TableState.awaitTopicEqualsTable(topics, topic, db, AccountsLoad.TABLE, List.of("id"), Duration.ofSeconds(180),
                () -> assertTaskNotFailed(name));
    }

    private static void write(TestDatabase db, AccountsLoad load, AtomicBoolean writing, AtomicLong changes,
                              AtomicReference<Throwable> failure) {
        try (Connection connection = db.connect()) {
            while (writing.get()) {
                changes.addAndGet(load.change(connection));
                Thread.sleep(3);
            }
        } catch (Exception | Error e) {
            failure.set(e);
        }
    }
}
