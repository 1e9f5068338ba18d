package io.mysqlflinkcdc.connect.server;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mysqlflinkcdc.connect.config.TableSelection;
import io.mysqlflinkcdc.connect.record.KeyColumnOverrides;

/**
 * Captured tables without a primary key. Upsert topics need a key per row, and Flink CDC needs a
 * column to split such a table's snapshot: message.key.columns provides both. (STATISTICS, not
 * TABLE_CONSTRAINTS: MariaDB shows constraints only to users with more than SELECT.)
 */
public final class KeylessTables {

    static final String QUERY = "SELECT t.TABLE_SCHEMA, t.TABLE_NAME FROM information_schema.TABLES t "
            + "WHERE t.TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED') "
            + "AND t.TABLE_SCHEMA NOT IN ('mysql', 'sys', 'information_schema', 'performance_schema') "
            + "AND NOT EXISTS (SELECT 1 FROM information_schema.STATISTICS s "
            + "WHERE s.TABLE_SCHEMA = t.TABLE_SCHEMA AND s.TABLE_NAME = t.TABLE_NAME "
            + "AND s.INDEX_NAME = 'PRIMARY') ORDER BY 1, 2";

    /** What the keyless captured tables need: a snapshot chunk column each, or the user's attention. */
    public record Findings(Map<String, String> chunkKeyColumns, List<String> withoutKeyColumns) {

        /** A message naming every table without key columns and the two ways out. */
        public String problem() {
            String tables = String.join(", ", withoutKeyColumns);
            String example = withoutKeyColumns.get(0).replace(".", "\\\\.") + ":<column>[,<column>]";
            return "Table(s) without a primary key: " + tables + ". Upsert topics need a key per row: name the "
                    + "columns that identify a row in message.key.columns (e.g. \"" + example + "\"), or leave "
                    + "the table(s) out with table.exclude.list.";
        }
    }

    private KeylessTables() {
    }

    public static Findings find(Connection connection, TableSelection selection, KeyColumnOverrides overrides)
            throws SQLException {
        Map<String, String> chunkKeyColumns = new LinkedHashMap<>();
        List<String> withoutKeyColumns = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(QUERY)) {
            while (rows.next()) {
                String database = rows.getString(1);
                String table = rows.getString(2);
                if (!selection.captures(database, table)) {
                    continue;
                }
                String name = database + "." + table;
                overrides.columnsFor(database, table).ifPresentOrElse(
                        columns -> chunkKeyColumns.put(name, columns.get(0)),
                        () -> withoutKeyColumns.add(name));
            }
        }
        return new Findings(chunkKeyColumns, withoutKeyColumns);
    }
}
