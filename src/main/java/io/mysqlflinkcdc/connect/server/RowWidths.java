package io.mysqlflinkcdc.connect.server;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
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
        Map<String, List<String>> namesByDatabase = new LinkedHashMap<>();
        for (String table : tables) {
            int dot = table.indexOf('.');
            namesByDatabase.computeIfAbsent(table.substring(0, dot), db -> new ArrayList<>())
                    .add(table.substring(dot + 1));
        }
        Map<String, Long> widths = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> database : namesByDatabase.entrySet()) {
            Map<String, TableColumns> described = describe(connection, database.getKey());
            for (String name : database.getValue()) {
                TableColumns table = described.getOrDefault(name, new TableColumns());
                long sampled = table.hasWideColumn ? sample(connection, database.getKey(), name, table.all) : 0;
                widths.put(database.getKey() + "." + name, Math.max(table.statistics, sampled));
            }
        }
        return widths;
    }

    /** A table's columns (quoted), whether one can hold more than 1 KiB, and AVG_ROW_LENGTH. */
    private static final class TableColumns {
        final List<String> all = new ArrayList<>();
        boolean hasWideColumn;
        long statistics;
    }

    /**
     * Every table of {@code database} in one query: a query per table makes the server open every
     * table's statistics each time (the join on TABLES is not narrowed to one table), which took 32 s
     * for 1,000 tables at each task start.
     */
    private static Map<String, TableColumns> describe(Connection connection, String database) throws SQLException {
        Map<String, TableColumns> tables = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT c.TABLE_NAME, c.COLUMN_NAME, "
                + "COALESCE(c.CHARACTER_OCTET_LENGTH, 0), COALESCE(t.AVG_ROW_LENGTH, 0) "
                + "FROM information_schema.COLUMNS c JOIN information_schema.TABLES t "
                + "ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME "
                + "WHERE c.TABLE_SCHEMA = ? AND t.TABLE_SCHEMA = ? ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION")) {
            query.setString(1, database);
            query.setString(2, database);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    TableColumns table = tables.computeIfAbsent(rs.getString(1), name -> new TableColumns());
                    table.all.add(quote(rs.getString(2)));
                    table.hasWideColumn |= rs.getLong(3) > WIDE_COLUMN_BYTES;
                    table.statistics = rs.getLong(4);
                }
            }
        }
        return tables;
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
