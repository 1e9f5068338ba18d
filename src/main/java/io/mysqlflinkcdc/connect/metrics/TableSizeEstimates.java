package io.mysqlflinkcdc.connect.metrics;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mysqlflinkcdc.connect.config.ConnectorConfig;
import io.mysqlflinkcdc.connect.config.TableSelection;
import io.mysqlflinkcdc.connect.server.ServerConnections;
import io.mysqlflinkcdc.connect.server.ServerTables;

/**
 * The server's row estimates of the captured tables, which give the snapshot metrics their totals
 * and the progress log its percentages and ETA. Best effort: a few seconds at most, and a failure
 * only costs those numbers, never the task.
 */
final class TableSizeEstimates {

    private static final Logger LOG = LoggerFactory.getLogger(TableSizeEstimates.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private TableSizeEstimates() {
    }

    /** Approximate rows per captured {@code db.table} (-1 when the server has no estimate); empty on failure. */
    static Optional<Map<String, Long>> read(ConnectorConfig config) {
        try (Connection connection = ServerConnections.open(config, TIMEOUT)) {
            TableSelection selection = config.tableSelection();
            Map<String, Long> estimates = new LinkedHashMap<>();
            for (ServerTables.Table table : ServerTables.read(connection)) {
                if (selection.captures(table.database(), table.name())) {
                    estimates.put(table.qualifiedName(), table.rowEstimate());
                }
            }
            return Optional.of(estimates);
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Could not read the table sizes of '{}' from information_schema ({}); the snapshot metrics "
                    + "and progress log go without totals, percentages and ETA", config.topicPrefix(), e.toString());
            return Optional.empty();
        }
    }
}
