package io.mysqlflinkcdc.connect.server;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How many bytes the rows of captured tables take, for sizing snapshot chunks and queues in bytes.
 * The server's statistics (AVG_ROW_LENGTH) can be missing for a new table and need not count values
 * stored off-page, so a table with a column that can hold more than 1 KiB is also measured on a
 * sample of its rows; a table's width is the larger of the two.
 */
public final class RowWidths {

    private static final int SAMPLE_ROWS = 100;
    private static final long WIDE_COLUMN_BYTES = 1024;

    private RowWidths() {
    }

    /** Each of {@code tables} ({@code db.table}) with its estimated bytes per row. */
    public static Map<String, Long> of(Connection connection, List<String> tables) throws SQLException {
        Map<String, Long> widths = new LinkedHashMap<>();
        for (String table : tables) {
            int dot = table.indexOf('.');
            String database = table.substring(0, dot);
            String name = table.substring(dot + 1);
            long statistics = 0;
            List<String> wideColumns = new ArrayList<>();
            List<String> columns = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT c.COLUMN_NAME, "
                    + "COALESCE(c.CHARACTER_OCTET_LENGTH, 0), COALESCE(t.AVG_ROW_LENGTH, 0) "
                    + "FROM information_schema.COLUMNS c JOIN information_schema.TABLES t "
                    + "ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME "
                    + "WHERE c.TABLE_SCHEMA = ? AND c.TABLE_NAME = ?")) {
                query.setString(1, database);
                query.setString(2, name);
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        columns.add(quote(rs.getString(1)));
                        if (rs.getLong(2) > WIDE_COLUMN_BYTES) {
                            wideColumns.add(rs.getString(1));
                        }
                        statistics = rs.getLong(3);
                    }
                }
            }
            long sampled = wideColumns.isEmpty() || columns.isEmpty() ? 0 : sample(connection, database, name, columns);
            widths.put(table, Math.max(statistics, sampled));
        }
        return widths;
    }

    /** Average bytes of the columns' values over a few rows, computed by the server. */
    private static long sample(Connection connection, String database, String name, List<String> columns)
            throws SQLException {
        String sum = columns.stream().map(column -> "COALESCE(OCTET_LENGTH(" + column + "), 0)")
                .collect(Collectors.joining(" + "));
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COALESCE(AVG(" + sum + "), 0) FROM (SELECT "
                     + String.join(", ", columns) + " FROM " + quote(database) + "." + quote(name) + " LIMIT "
                     + SAMPLE_ROWS + ") sample")) {
            return rs.next() ? (long) Math.ceil(rs.getDouble(1)) : 0;
        }
    }

    private static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }
}
