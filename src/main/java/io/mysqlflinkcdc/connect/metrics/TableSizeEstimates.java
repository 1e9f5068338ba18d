package io.mysqlflinkcdc.connect.metrics;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mysqlflinkcdc.connect.config.ConnectorConfig;
import io.mysqlflinkcdc.connect.config.TableSelection;
import io.mysqlflinkcdc.connect.server.ServerConnections;

/**
 * The server's row estimates of the captured tables, which give the snapshot metrics their totals
 * and the progress log its percentages and ETA. Best effort: a few seconds at most, and a failure
 * only costs those numbers, never the task.
 */
final class TableSizeEstimates {

    private static final Logger LOG = LoggerFactory.getLogger(TableSizeEstimates.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** TABLE_ROWS is InnoDB's estimate, not a count: cheap, and good enough for progress. */
    static final String QUERY = "SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_ROWS FROM information_schema.TABLES "
            + "WHERE TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED') "
            + "AND TABLE_SCHEMA NOT IN ('mysql', 'sys', 'information_schema', 'performance_schema')";

    private TableSizeEstimates() {
    }

    /** Approximate rows per captured {@code db.table} (-1 when the server has no estimate); empty on failure. */
    static Optional<Map<String, Long>> read(ConnectorConfig config) {
        try (Connection connection = ServerConnections.open(config, TIMEOUT);
             Statement statement = connection.createStatement()) {
            statement.setQueryTimeout((int) TIMEOUT.toSeconds());
            freshStatistics(statement);
            return Optional.of(captured(statement, config.tableSelection()));
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Could not read the table sizes of '{}' from information_schema ({}); the snapshot metrics "
                    + "and progress log go without totals, percentages and ETA", config.topicPrefix(), e.toString());
            return Optional.empty();
        }
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

    private static Map<String, Long> captured(Statement statement, TableSelection selection) throws SQLException {
        Map<String, Long> estimates = new LinkedHashMap<>();
        try (ResultSet rows = statement.executeQuery(QUERY)) {
            while (rows.next()) {
                String database = rows.getString(1);
                String table = rows.getString(2);
                if (selection.captures(database, table)) {
                    long estimate = rows.getLong(3);
                    estimates.put(database + "." + table, rows.wasNull() ? -1 : estimate);
                }
            }
        }
        return estimates;
    }
}
