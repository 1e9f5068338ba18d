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
import java.util.stream.Collectors;

/**
 * The writer of the crash tests: a table accounts(id, balance, version) changed by single-row
 * inserts, updates and deletes, updates that move a row to a new id (tombstone + new row), and
 * now and then one UPDATE of every row in a range of 1,500 ids (about 1,100 rows: several row
 * events in one transaction). Every change stamps the rows it touches with a new version number,
 * and the writer remembers, per id, each version it wrote and each delete, so a test can check that
 * every intermediate change reached the topic, in order, and not just the last one.
 */
final class AccountsLoad {

    static final String TABLE = "accounts";
    /** In a key's history: the row was deleted (or moved to another id): a tombstone. */
    static final int DELETED = -1;
    private static final int INITIAL_ROWS = 3_000;
    private static final int KEY_SPACE = 4_000;
    private static final int RANGE = 1_500;

    private final int initialRows;
    private final Random random;
    private final List<Integer> live = new ArrayList<>();
    private final boolean[] isLive = new boolean[KEY_SPACE + 1];
    private final Map<Integer, List<Integer>> history = new HashMap<>();
    private int version;
    private long messages;
    private long multiRowStatements;

    AccountsLoad(long seed) {
        this(seed, INITIAL_ROWS);
    }

    AccountsLoad(long seed, int initialRows) {
        this.random = new Random(seed);
        this.initialRows = initialRows;
    }

    /** Creates the table with ids 1..initial rows (3,000 unless told) at version 0. */
    void create(TestDatabase db) throws SQLException {
        db.execute("CREATE TABLE " + TABLE + " (id INT PRIMARY KEY, balance INT NOT NULL, version INT NOT NULL)");
        StringBuilder rows = new StringBuilder();
        for (int id = 1; id <= initialRows; id++) {
            rows.append(id == 1 ? "" : ",").append('(').append(id).append(',').append(id * 10).append(",0)");
            added(id, 0);
        }
        db.execute("INSERT INTO " + TABLE + " VALUES " + rows);
        messages = initialRows;
    }

    /** One UPDATE that moves a random row to a free id; returns the messages it makes (two). */
    long changeKey(Connection connection) throws SQLException {
        version++;
        long made = moveKey(connection);
        messages += made;
        return made;
    }

    /** One statement; returns the messages it makes (tombstones included). */
    long change(Connection connection) throws SQLException {
        version++;
        int dice = random.nextInt(1_000);
        long made;
        if (dice < 2) {
            made = updateRange(connection);
        } else if (dice < 600 || live.size() > KEY_SPACE - 100) {
            made = update(connection);
        } else if (dice < 750) {
            made = delete(connection);
        } else if (dice < 900) {
            made = insert(connection);
        } else {
            made = moveKey(connection);
        }
        messages += made;
        return made;
    }

    /** Messages the topic must hold: snapshot rows plus one per row change, two per key move. */
    long expectedMessages() {
        return messages;
    }

    long multiRowStatements() {
        return multiRowStatements;
    }

    /**
     * Checks that each id's messages, in topic order, contain the versions and deletes the writer
     * made to it, in order: all of them (at-least-once may repeat some), or exactly them.
     */
    void assertEveryChangeArrived(List<TopicReader.Message> topic, boolean exactlyOnce) {
        Map<Integer, List<Integer>> arrived = new HashMap<>();
        for (TopicReader.Message message : topic) {
            arrived.computeIfAbsent(message.key().path("id").asInt(), id -> new ArrayList<>())
                    .add(message.tombstone() ? DELETED : message.value().path("version").asInt());
        }
        Map<Integer, String> wrong = new LinkedHashMap<>();
        history.forEach((id, written) -> {
            List<Integer> actual = arrived.getOrDefault(id, List.of());
            boolean ok = exactlyOnce ? written.equals(actual) : isSubsequence(written, actual);
            if (!ok) {
                wrong.put(id, "wrote " + written + ", topic has " + actual);
            }
        });
        if (!wrong.isEmpty()) {
            throw new AssertionError(wrong.size() + " of " + history.size() + " ids miss changes or show them "
                    + (exactlyOnce ? "more than once or " : "") + "out of order; first: "
                    + wrong.entrySet().stream().limit(5).map(e -> "id " + e.getKey() + " " + e.getValue())
                            .collect(Collectors.joining("; ")));
        }
    }

    static boolean isSubsequence(List<Integer> expected, List<Integer> actual) {
        int matched = 0;
        for (int i = 0; i < actual.size() && matched < expected.size(); i++) {
            if (actual.get(i).equals(expected.get(matched))) {
                matched++;
            }
        }
        return matched == expected.size();
    }

    private long update(Connection connection) throws SQLException {
        int id = live.get(random.nextInt(live.size()));
        execute(connection, "UPDATE " + TABLE + " SET balance = balance + 1, version = ? WHERE id = ?", 1,
                version, id);
        history.get(id).add(version);
        return 1;
    }

    private long delete(Connection connection) throws SQLException {
        int id = live.get(random.nextInt(live.size()));
        execute(connection, "DELETE FROM " + TABLE + " WHERE id = ?", 1, id);
        removed(id);
        return 1;
    }

    private long insert(Connection connection) throws SQLException {
        int id = freeId();
        execute(connection, "INSERT INTO " + TABLE + " VALUES (?, 0, ?)", 1, id, version);
        added(id, version);
        return 1;
    }

    /** UPDATE ... SET id = new: the old id's tombstone and the row under its new id. */
    private long moveKey(Connection connection) throws SQLException {
        int from = live.get(random.nextInt(live.size()));
        int to = freeId();
        execute(connection, "UPDATE " + TABLE + " SET id = ?, version = ? WHERE id = ?", 1, to, version, from);
        removed(from);
        added(to, version);
        return 2;
    }

    private long updateRange(Connection connection) throws SQLException {
        int first = 1 + random.nextInt(KEY_SPACE - RANGE);
        int last = first + RANGE - 1;
        List<Integer> touched = live.stream().filter(id -> id >= first && id <= last).toList();
        execute(connection, "UPDATE " + TABLE + " SET balance = balance + 1, version = ? WHERE id BETWEEN ? AND ?",
                touched.size(), version, first, last);
        touched.forEach(id -> history.get(id).add(version));
        multiRowStatements++;
        return touched.size();
    }

    private int freeId() {
        int id;
        do {
            id = 1 + random.nextInt(KEY_SPACE);
        } while (isLive[id]);
        return id;
    }

    private void added(int id, int at) {
        isLive[id] = true;
        live.add(id);
        history.computeIfAbsent(id, key -> new ArrayList<>()).add(at);
    }

    private void removed(int id) {
        isLive[id] = false;
        int index = live.indexOf(id);
        live.set(index, live.get(live.size() - 1));
        live.remove(live.size() - 1);
        history.get(id).add(DELETED);
    }

    private static void execute(Connection connection, String sql, int rows, int... parameters)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setInt(i + 1, parameters[i]);
            }
            int changed = statement.executeUpdate();
            if (changed != rows) {
                throw new IllegalStateException(sql + " changed " + changed + " rows, the writer expected " + rows);
            }
        }
    }
}
