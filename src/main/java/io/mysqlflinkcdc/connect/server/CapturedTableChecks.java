package io.mysqlflinkcdc.connect.server;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.mysqlflinkcdc.connect.config.CaptureFragment;
import io.mysqlflinkcdc.connect.config.ConnectorConfig;
import io.mysqlflinkcdc.connect.config.RoutingFragment;
import io.mysqlflinkcdc.connect.config.TableSelection;

/** Does the include/exclude selection capture anything, and can every captured table be keyed? */
final class CapturedTableChecks {

    private static final String TABLES = "SELECT TABLE_SCHEMA, TABLE_NAME FROM information_schema.TABLES "
            + "WHERE TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED') "
            + "AND TABLE_SCHEMA NOT IN ('mysql', 'sys', 'information_schema', 'performance_schema') ORDER BY 1, 2";
    private static final int LISTED = 10;

    private CapturedTableChecks() {
    }

    static List<ConnectorConfig.Problem> problems(Connection connection, ConnectorConfig config) throws SQLException {
        TableSelection selection = config.tableSelection();
        List<String> all = new ArrayList<>();
        List<String> captured = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(TABLES)) {
            while (rows.next()) {
                String database = rows.getString(1);
                String table = rows.getString(2);
                all.add(database + "." + table);
                if (selection.captures(database, table)) {
                    captured.add(database + "." + table);
                }
            }
        }
        if (captured.isEmpty()) {
            boolean anyDatabase = all.stream().anyMatch(name -> selection.capturesDatabase(name.substring(0, name.indexOf('.'))));
            String key = anyDatabase || config.getList(CaptureFragment.DATABASE_INCLUDE_LIST).isEmpty()
                    ? CaptureFragment.TABLE_INCLUDE_LIST : CaptureFragment.DATABASE_INCLUDE_LIST;
            return List.of(new ConnectorConfig.Problem(key, "matches no table the user can see on the server"
                    + (all.isEmpty() ? "" : "; it has " + String.join(", ", all.subList(0, Math.min(LISTED, all.size())))
                    + (all.size() > LISTED ? " and " + (all.size() - LISTED) + " more" : ""))
                    + " (entries are regular expressions matched against the whole name; escape dots: shop\\\\.orders)"));
        }
        KeylessTables.Findings keyless = KeylessTables.find(connection, selection, config.keyColumnOverrides());
        if (!keyless.withoutKeyColumns().isEmpty()) {
            return List.of(new ConnectorConfig.Problem(RoutingFragment.MESSAGE_KEY_COLUMNS, keyless.problem()));
        }
        return List.of();
    }
}
