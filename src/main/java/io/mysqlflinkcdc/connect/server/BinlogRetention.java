package io.mysqlflinkcdc.connect.server;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.mysqlflinkcdc.connect.config.ConnectorConfig;
import io.mysqlflinkcdc.connect.config.TableSelection;

/**
 * Will the server keep its binlog long enough for the snapshot? The binlog position is taken when
 * the snapshot starts and read when it ends; if the server purges it in between, the connector can
 * only take the snapshot again. Connect's validation has no warnings, so this one is logged.
 */
public final class BinlogRetention {

    /** What this connector snapshots per reader at default settings, measured on 2 cores (conservative). */
    static final long ROWS_PER_SECOND_PER_READER = 4_000;
    static final Duration MARGIN = Duration.ofHours(1);

    private BinlogRetention() {
    }

    /**
     * A warning when the retention is shorter than the estimated snapshot time plus a margin.
     *
     * @param tables the server's tables ({@link ServerTables#read})
     */
    public static Optional<String> warning(Connection connection, List<ServerTables.Table> tables,
                                           ConnectorConfig config) throws SQLException {
        TableSelection selection = config.tableSelection();
        long rows = tables.stream().filter(table -> selection.captures(table.database(), table.name()))
                .mapToLong(table -> Math.max(0, table.rowEstimate())).sum();
        return warning(retention(connection), rows, config.snapshotParallelism());
    }

    static Optional<String> warning(Duration retention, long rows, int parallelism) {
        if (retention.isZero() || rows <= 0) {
            return Optional.empty(); // binlogs never expire, or nothing to snapshot
        }
        Duration snapshot = Duration.ofSeconds(rows / (ROWS_PER_SECOND_PER_READER * parallelism) + 1);
        Duration needed = snapshot.multipliedBy(2).compareTo(snapshot.plus(MARGIN)) > 0
                ? snapshot.multipliedBy(2) : snapshot.plus(MARGIN);
        if (retention.compareTo(needed) >= 0) {
            return Optional.empty();
        }
        return Optional.of("the server keeps binlogs for " + retention.toSeconds() + " s, but a snapshot of about "
                + rows + " rows takes roughly " + snapshot.toSeconds() + " s: if the binlog the snapshot started "
                + "at is purged before it completes, the connector cannot continue. Keep binlogs at least "
                + needed.toSeconds() + " s (binlog_expire_logs_seconds), raise snapshot.parallelism, or set "
                + "snapshot.mode=when_needed to snapshot again automatically");
    }

    private static Duration retention(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT @@global.binlog_expire_logs_seconds")) {
            rs.next();
            return Duration.ofSeconds(rs.getLong(1));
        } catch (SQLException noSuchVariable) {
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT @@global.expire_logs_days")) {
                rs.next();
                return Duration.ofSeconds((long) (rs.getDouble(1) * 86_400));
            }
        }
    }
}
