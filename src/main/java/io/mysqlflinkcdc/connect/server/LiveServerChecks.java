package io.mysqlflinkcdc.connect.server;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mysqlflinkcdc.connect.config.ConnectorConfig;
import io.mysqlflinkcdc.connect.config.RoutingFragment;

/** Checks of a config against the live server, for validate(): each problem names the field to change. */
public final class LiveServerChecks {

    private static final Logger LOG = LoggerFactory.getLogger(LiveServerChecks.class);
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private LiveServerChecks() {
    }

    public static List<ConnectorConfig.Problem> problems(ConnectorConfig config) {
        try (Connection connection = ServerConnections.open(config, TIMEOUT)) {
            KeylessTables.Findings keyless = KeylessTables.find(connection, config.tableSelection(),
                    config.keyColumnOverrides());
            if (!keyless.withoutKeyColumns().isEmpty()) {
                return List.of(new ConnectorConfig.Problem(RoutingFragment.MESSAGE_KEY_COLUMNS, keyless.problem()));
            }
            return List.of();
        } catch (SQLException e) {
            // Reachability and credentials are reported by the task when it starts.
            LOG.info("validate(): could not check the server at {}:{} ({})", config.hostname(), config.port(),
                    e.getMessage());
            return List.of();
        }
    }
}
