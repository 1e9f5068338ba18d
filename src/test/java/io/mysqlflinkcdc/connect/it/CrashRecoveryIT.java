package io.mysqlflinkcdc.connect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Slow (about a minute): while a writer keeps inserting, updating and deleting rows, the Connect
 * worker process is killed with SIGKILL (no shutdown, no final offset commit) three times at random
 * moments and started again. Afterwards the compacted topic must equal the table (no change lost);
 * the changes delivered twice (replayed since the last offset commit) are counted and reported, and
 * with exactly-once source support a read_committed consumer must see none.
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

    private static final int INITIAL_ROWS = 500;
    private static final int KEY_SPACE = 800;

    @Override
    String kafkaVersion() {
        return newestKafka();
    }

    @Test
    void killMinusNineDuringWritesLosesNoChange() throws Exception {
        TestDatabase db = mariadb.newDatabase("crash");
        db.execute("CREATE TABLE accounts (id INT PRIMARY KEY, balance INT NOT NULL, version INT NOT NULL)");
        StringBuilder rows = new StringBuilder();
        for (int id = 1; id <= INITIAL_ROWS; id++) {
            rows.append(id == 1 ? "" : ",").append('(').append(id).append(',').append(id * 10).append(",0)");
        }
        db.execute("INSERT INTO accounts VALUES " + rows);
        String name = "crash-" + db.name();
        String topic = name + "." + db.name() + ".accounts";
        java.util.Map<String, String> config = ItConnectorConfigs.capture(db, name, 1);
        if (exactlyOnce()) {
            config.put("exactly.once.support", "required");
        }
        kafka.rest().createConnector(name, config);
        awaitAccounts(name, db, topic);

        long seed = System.nanoTime();
        Random random = new Random(seed);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong changes = new AtomicLong();
        AtomicReference<Throwable> writerFailure = new AtomicReference<>();
        Thread writer = new Thread(() -> write(db, new Random(seed + 1), writing, changes, writerFailure), "writer");
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
        long delivered = messageCount(topic);
        long expected = INITIAL_ROWS + changes.get();
        System.out.printf("crash test (%s, seed %d): %d changes, 3 x kill -9, lost keys 0 (topic equals table), "
                + "%d messages for %d snapshot rows + changes: %d delivered twice%n",
                exactlyOnce() ? "exactly-once" : "at-least-once", seed, changes.get(), delivered, expected,
                delivered - expected);
        assertTrue(delivered >= expected, "fewer messages than changes: " + delivered + " < " + expected);
        if (exactlyOnce()) {
            assertEquals(expected, delivered, "a read_committed consumer sees each change once");
        }
        kafka.rest().deleteConnector(name);
    }

    private void awaitAccounts(String name, TestDatabase db, String topic) throws Exception {
        TableState.awaitTopicEqualsTable(topics, topic, db, "accounts", List.of("id"), Duration.ofSeconds(180),
                () -> assertTaskNotFailed(name));
    }

    /** Random single-row changes, each one binlog event: insert a free id, else update (70%) or delete. */
    private static void write(TestDatabase db, Random random, AtomicBoolean writing, AtomicLong changes,
                              AtomicReference<Throwable> failure) {
        try (Connection connection = db.connect();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO accounts VALUES (?, ?, 0)");
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE accounts SET balance = balance + ?, version = version + 1 WHERE id = ?");
             PreparedStatement delete = connection.prepareStatement("DELETE FROM accounts WHERE id = ?")) {
            while (writing.get()) {
                int id = 1 + random.nextInt(KEY_SPACE);
                PreparedStatement change;
                if (random.nextInt(10) < 7) {
                    update.setInt(1, 1 + random.nextInt(100));
                    update.setInt(2, id);
                    change = update;
                } else {
                    delete.setInt(1, id);
                    change = delete;
                }
                int affected = change.executeUpdate();
                if (affected == 0) {
                    insert.setInt(1, id);
                    insert.setInt(2, random.nextInt(1000));
                    affected = insert.executeUpdate();
                }
                changes.addAndGet(affected);
                Thread.sleep(3);
            }
        } catch (Exception | Error e) {
            failure.set(e);
        }
    }
}
