package io.mysqlflinkcdc.connect.server;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

import io.mysqlflinkcdc.connect.config.CaptureFragment;
import io.mysqlflinkcdc.connect.config.SignalFragment;
import io.mysqlflinkcdc.connect.config.ConnectorConfig;
import io.mysqlflinkcdc.connect.config.RoutingFragment;
import io.mysqlflinkcdc.connect.config.TableSelection;

/** Does the include/exclude selection capture anything, and can every captured table be keyed? */
final class CapturedTableChecks {

    private static final int LISTED = 10;

    private CapturedTableChecks() {
    }

    /** @param tables the server's tables ({@link ServerTables#read}) */
    static List<ConnectorConfig.Problem> problems(Connection connection, List<ServerTables.Table> tables,
                                                  ConnectorConfig config) throws SQLException {
        TableSelection selection = config.tableSelection();
        List<String> all = tables.stream().map(ServerTables.Table::qualifiedName).toList();
        boolean capturesAny = tables.stream().anyMatch(table -> selection.captures(table.database(), table.name()));
        if (!capturesAny) {
            boolean anyDatabase = tables.stream().anyMatch(table -> selection.capturesDatabase(table.database()));
            String key = anyDatabase || config.getList(CaptureFragment.DATABASE_INCLUDE_LIST).isEmpty()
                    ? CaptureFragment.TABLE_INCLUDE_LIST : CaptureFragment.DATABASE_INCLUDE_LIST;
            return List.of(new ConnectorConfig.Problem(key, "matches no table the user can see on the server"
                    + (all.isEmpty() ? "" : "; it has " + String.join(", ", all.subList(0, Math.min(LISTED, all.size())))
                    + (all.size() > LISTED ? " and " + (all.size() - LISTED) + " more" : ""))
                    + " (entries are regular expressions matched against the whole name; escape dots: shop\\\\.orders)"));
        }
        Optional<ConnectorConfig.Problem> signals = signalTableProblem(connection, tables, config);
        if (signals.isPresent()) {
            return List.of(signals.get());
        }
        KeylessTables.Findings keyless = KeylessTables.find(connection, selection, config.keyColumnOverrides());
        if (!keyless.withoutKeyColumns().isEmpty()) {
            return List.of(new ConnectorConfig.Problem(RoutingFragment.MESSAGE_KEY_COLUMNS, keyless.problem()));
        }
        return List.of();
    }

    /** The signal table must exist, be captured (its rows are read from the binlog) and be readable. */
    private static Optional<ConnectorConfig.Problem> signalTableProblem(Connection connection,
                                                                        List<ServerTables.Table> tables,
                                                                        ConnectorConfig config) {
        Optional<String> signalTable = config.signalTable();
        if (signalTable.isEmpty()) {
            return Optional.empty();
        }
        String name = signalTable.get();
        Optional<ServerTables.Table> table = tables.stream().filter(t -> t.qualifiedName().equals(name)).findFirst();
        if (table.isEmpty()) {
            return problem("names no table the user can see on the server: create it with CREATE TABLE " + name
                    + " (id VARCHAR(42) PRIMARY KEY, type VARCHAR(32) NOT NULL, data VARCHAR(2048)) and grant "
                    + "SELECT on it");
        }
        if (!config.tableSelection().captures(table.get().database(), table.get().name())) {
            return problem(name + " is not captured: signals are read from the binlog, so add it to "
                    + CaptureFragment.TABLE_INCLUDE_LIST + " (and " + CaptureFragment.DATABASE_INCLUDE_LIST
                    + " if that lists databases)");
        }
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT * FROM `" + table.get().database().replace("`", "``")
                     + "`.`" + table.get().name().replace("`", "``") + "` LIMIT 0")) {
            int columns = rs.getMetaData().getColumnCount();
            if (columns < 3) {
                return problem(name + " has " + columns + " column(s); a signal table has three: id, type, data "
                        + "(Debezium's layout)");
            }
        } catch (SQLException e) {
            return problem(name + " cannot be read by '" + config.user() + "' (" + e.getMessage()
                    + "): GRANT SELECT ON " + name + " TO '" + config.user() + "'");
        }
        return Optional.empty();
    }

    private static Optional<ConnectorConfig.Problem> problem(String message) {
        return Optional.of(new ConnectorConfig.Problem(SignalFragment.SIGNAL_DATA_COLLECTION, message));
    }
}
