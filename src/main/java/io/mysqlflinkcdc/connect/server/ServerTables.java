package io.mysqlflinkcdc.connect.server;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mysqlflinkcdc.connect.config.TableSelection;

/** The server's own tables (not its system databases), with InnoDB's row estimates. */
public final class ServerTables {

    private static final Logger LOG = LoggerFactory.getLogger(ServerTables.class);
    static final String QUERY = "SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_ROWS, AVG_ROW_LENGTH FROM information_schema.TABLES "
            + "WHERE TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED') "
            + "AND TABLE_SCHEMA NOT IN ('mysql', 'sys', 'information_schema', 'performance_schema') ORDER BY 1, 2";

    /**
     * One table; {@code rowEstimate} is TABLE_ROWS, an estimate, -1 when the server has none, and
     * {@code avgRowLength} AVG_ROW_LENGTH in bytes (0 when unknown).
     */
    public record Table(String database, String name, long rowEstimate, long avgRowLength) {

        public Table(String database, String name, long rowEstimate) {
            this(database, name, rowEstimate, 0);
        }

        public String qualifiedName() {
            return database + "." + name;
        }

        /** Rows × average row length: what a snapshot of it reads, roughly; at least 1. */
        public long estimatedBytes() {
            return Math.max(1, Math.max(0, rowEstimate) * Math.max(1, avgRowLength));
        }
    }

    private ServerTables() {
    }

    public static List<Table> read(Connection connection) throws SQLException {
        List<Table> tables = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            freshStatistics(statement);
            try (ResultSet rows = statement.executeQuery(QUERY)) {
                while (rows.next()) {
                    long estimate = rows.getLong(3);
                    boolean noEstimate = rows.wasNull();
                    tables.add(new Table(rows.getString(1), rows.getString(2), noEstimate ? -1 : estimate,
                            rows.getLong(4)));
                }
            }
        }
        return tables;
    }

    /** Every {@code db.table} the selection captures, with its {@link Table#estimatedBytes()}, by name. */
    public static SortedMap<String, Long> captured(Connection connection, TableSelection selection)
            throws SQLException {
        SortedMap<String, Long> sizes = new TreeMap<>();
        for (Table table : read(connection)) {
            if (selection.captures(table.database(), table.name())) {
                sizes.put(table.qualifiedName(), table.estimatedBytes());
            }
        }
        return sizes;
    }

    /**
     * MySQL 8 caches TABLE_ROWS for up to a day, so a freshly loaded table may show 0 rows; ask for
     * current statistics. Servers without this variable (MariaDB, MySQL 5.7) report current ones anyway.
     */
    private static void freshStatistics(Statement statement) {
        try {
            statement.execute("SET SESSION information_schema_stats_expiry = 0");
        } catch (SQLException notMySql8) {
            LOG.debug("information_schema_stats_expiry not settable: {}", notMySql8.getMessage());
        }
    }
}
