package io.mysqlflinkcdc.connect.it;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Tables of the shape (id, counter, note) and a writer thread that changes them one row per
 * statement: inserts of new ids, updates that bump a row's counter, deletes. It remembers the last
 * counter it wrote to each key, so a test can check that every change arrived: a key's counter
 * values must first appear in its topic as 0, 1, 2, ... up to the last, none missing, none out of
 * order (at-least-once replays repeat values but add no new first appearance).
 */
final class CounterLoad implements AutoCloseable {

    static final List<String> KEY = List.of("id");

    /** Most updates go to the first keys of a table's live list, so that keys see many counter values. */
    private static final int HOT_KEYS = 50;
    private static final String NOTE = "n".repeat(150);

    private final TestDatabase db;
    private final Random random;
    private final List<TableLoad> tables = new ArrayList<>();
    private final AtomicBoolean writing = new AtomicBoolean();
    private final AtomicLong changes = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private Thread writer;

    /** @param rows each table with the rows {@link #create} gave it (ids 1..rows, counter 0) */
    CounterLoad(TestDatabase db, Map<String, Integer> rows, long seed) {
        this.db = db;
        this.random = new Random(seed);
        rows.forEach((table, count) -> tables.add(new TableLoad(table, count)));
    }

    /** Creates the table with ids 1..rows, counter 0. */
    static void create(TestDatabase db, String table, int rows) throws SQLException {
        db.execute("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, counter INT NOT NULL, note VARCHAR(200) NOT NULL)");
        insert(db, table, 1, rows);
    }

    /** Inserts ids firstId..firstId+count-1 with counter 0, in one transaction. */
    static void insert(TestDatabase db, String table, long firstId, int count) throws SQLException {
        try (Connection connection = db.connect();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table + " VALUES (?, 0, ?)")) {
            connection.setAutoCommit(false);
            for (int i = 0; i < count; i++) {
                insert.setLong(1, firstId + i);
                insert.setString(2, "row " + (firstId + i) + " " + NOTE);
                insert.addBatch();
                if (i % 1000 == 999) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
            connection.commit();
        }
    }

    void start() {
        writing.set(true);
        writer = new Thread(this::write, "counter-load");
        writer.start();
    }

    /** Stops the writer and waits for it; fails when the writer failed. */
    void stop() throws InterruptedException {
        writing.set(false);
        if (writer != null) {
            writer.join();
        }
        if (failure.get() != null) {
            throw new AssertionError("the writer failed", failure.get());
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    /** Rows changed so far. */
    long changes() {
        return changes.get();
    }

    /**
     * Checks that every counter value written to a key of the table appears among the table's topic
     * messages, first appearances in increasing order; fails with the first keys that differ.
     * Call after {@link #stop()}.
     */
    void assertEveryChangeArrived(String table, List<TopicReader.Message> messages) {
        TableLoad load = tables.stream().filter(t -> t.name.equals(table)).findFirst().orElseThrow();
        Map<Long, List<Integer>> firstAppearances = new HashMap<>();
        for (TopicReader.Message message : messages) {
            if (!message.tombstone()) {
                List<Integer> values = firstAppearances.computeIfAbsent(message.key().path("id").asLong(),
                        id -> new ArrayList<>());
                int counter = message.value().path("counter").asInt();
                if (!values.contains(counter)) {
                    values.add(counter);
                }
            }
        }
        Map<Long, String> wrong = new LinkedHashMap<>();
        load.counters.forEach((id, last) -> {
            List<Integer> expected = IntStream.rangeClosed(0, last).boxed().toList();
            List<Integer> actual = firstAppearances.getOrDefault(id, List.of());
            if (!expected.equals(actual)) {
                wrong.put(id, "wrote 0.." + last + ", topic has " + actual);
            }
        });
        if (!wrong.isEmpty()) {
            throw new AssertionError(table + ": " + wrong.size() + " of " + load.counters.size()
                    + " updated keys miss counter values or show them out of order; first: "
                    + wrong.entrySet().stream().limit(5).map(e -> "id " + e.getKey() + " " + e.getValue())
                            .collect(Collectors.joining("; ")));
        }
    }

    private void write() {
        try (Connection connection = db.connect()) {
            while (writing.get()) {
                tables.get(random.nextInt(tables.size())).change(connection, random);
                changes.incrementAndGet();
                Thread.sleep(2);
            }
        } catch (Exception | Error e) {
            failure.set(e);
        }
    }

    /** The writer's view of one table: its live ids and the last counter written per updated key. */
    private static final class TableLoad {
        final String name;
        final List<Long> live = new ArrayList<>();
        final Map<Long, Integer> counters = new HashMap<>();
        long nextId;

        TableLoad(String name, int rows) {
            this.name = name;
            for (long id = 1; id <= rows; id++) {
                live.add(id);
            }
            nextId = rows + 1L;
        }

        /** One single-row change: 20% insert of a new id, 20% delete, 60% counter + 1. */
        void change(Connection connection, Random random) throws SQLException {
            int dice = random.nextInt(10);
            if (dice < 2 || live.isEmpty()) {
                long id = nextId++;
                execute(connection, "INSERT INTO " + name + " VALUES (?, 0, '" + NOTE + "')", id);
                live.add(id);
            } else if (dice < 4) {
                int index = random.nextInt(live.size());
                execute(connection, "DELETE FROM " + name + " WHERE id = ?", live.get(index));
                live.set(index, live.get(live.size() - 1));
                live.remove(live.size() - 1);
            } else {
                int bound = random.nextBoolean() ? Math.min(HOT_KEYS, live.size()) : live.size();
                long id = live.get(random.nextInt(bound));
                execute(connection, "UPDATE " + name + " SET counter = counter + 1 WHERE id = ?", id);
                counters.merge(id, 1, Integer::sum);
            }
        }

        private static void execute(Connection connection, String sql, long id) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setLong(1, id);
                if (statement.executeUpdate() != 1) {
                    throw new IllegalStateException(sql + " changed no row for id " + id);
                }
            }
        }
    }
}
