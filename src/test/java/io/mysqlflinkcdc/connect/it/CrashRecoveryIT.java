package io.mysqlflinkcdc.connect.it;

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

    @Override
    java.util.Map<String, String> workerProperties() {
        return exactlyOnce() ? java.util.Map.of("exactly.once.source.support", "enabled") : java.util.Map.of();
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
