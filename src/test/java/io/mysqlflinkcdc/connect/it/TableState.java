package io.mysqlflinkcdc.connect.it;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A table's rows in the same canonical form as {@link TopicReader#compacted(String)}. */
public final class TableState {

    private TableState() {
    }

    public static Map<String, Map<String, String>> read(TestDatabase db, String table, List<String> keyColumns)
            throws SQLException {
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        try (Connection connection = db.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                Map<String, String> row = new TreeMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    Object value = rs.getObject(i);
                    row.put(meta.getColumnLabel(i), value == null ? "null"
                            : value instanceof Number n ? TopicReader.number(new BigDecimal(n.toString()))
                            : TopicReader.text(value.toString()));
                }
                Map<String, String> key = new TreeMap<>();
                keyColumns.forEach(column -> key.put(column, row.get(column)));
                rows.put(key.toString(), row);
            }
        }
        return rows;
    }

    /** Waits until the compacted topic equals the table row by row; fails with the differences. */
    /** A check run while waiting, to fail fast (e.g. when the connector's task failed). */
    @FunctionalInterface
    public interface Check {
        void run() throws Exception;
    }

    public static void awaitTopicEqualsTable(TopicReader reader, String topic, TestDatabase db, String table,
                                             List<String> keyColumns, Duration timeout, Check whileWaiting)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Map<String, String>> expected;
        Map<String, Map<String, String>> actual;
        do {
            expected = read(db, table, keyColumns);
            actual = reader.compacted(topic);
            if (expected.equals(actual)) {
                return;
            }
            whileWaiting.run();
            Thread.sleep(1000);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("Topic " + topic + " does not equal table " + db.name() + "." + table + " after "
                + timeout + ": " + TopicReader.describeDifference(expected, actual));
    }
}
