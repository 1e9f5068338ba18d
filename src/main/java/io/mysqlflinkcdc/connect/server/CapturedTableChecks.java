package io.mysqlflinkcdc.connect.server;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import io.mysqlflinkcdc.connect.config.CaptureFragment;
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
        KeylessTables.Findings keyless = KeylessTables.find(connection, selection, config.keyColumnOverrides());
        if (!keyless.withoutKeyColumns().isEmpty()) {
            return List.of(new ConnectorConfig.Problem(RoutingFragment.MESSAGE_KEY_COLUMNS, keyless.problem()));
        }
        return List.of();
    }
}
