package io.mysqlflinkcdc.connect.server;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Server ids of the replicas registered with the server, or why they could not be read: the
 * server-id clash check must say when it could not run rather than pass silently.
 *
 * @param ids        the ids; empty when unreadable
 * @param unreadable why they could not be read, or null
 */
record ReplicaIds(List<Long> ids, String unreadable) {

    /** MySQL 8.0.22+ names it SHOW REPLICAS; MariaDB (and older MySQL) SHOW SLAVE HOSTS. */
    private static final List<String> QUERIES = List.of("SHOW REPLICAS", "SHOW SLAVE HOSTS");
    private static final int SYNTAX_ERROR = 1064;

    static ReplicaIds read(Statement statement) {
        SQLException last = null;
        String failed = null;
        for (String query : QUERIES) {
            try (ResultSet rs = statement.executeQuery(query)) {
                List<Long> ids = new ArrayList<>();
                while (rs.next()) {
                    // Server_id (Server_Id in SHOW REPLICAS) is the first column of both.
                    ids.add(rs.getLong(1));
                }
                return new ReplicaIds(List.copyOf(ids), null);
            } catch (SQLException e) {
                last = e;
                failed = query;
                if (e.getErrorCode() != SYNTAX_ERROR) {
                    break;
                }
            }
        }
        return new ReplicaIds(List.of(), failed + " failed: " + last.getMessage()
                + (last.getErrorCode() == SYNTAX_ERROR ? "" : " (MariaDB needs REPLICATION MASTER ADMIN, "
                        + "MySQL REPLICATION SLAVE for it)"));
    }
}
