package io.mysqlflinkcdc.connect.server;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Server ids of the replicas registered with the server, when the user may see them. */
final class ReplicaIds {

    private ReplicaIds() {
    }

    /** Empty when SHOW SLAVE HOSTS is not allowed (it needs REPLICATION MASTER ADMIN on MariaDB). */
    static List<Long> read(Statement statement) {
        List<Long> ids = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery("SHOW SLAVE HOSTS")) {
            while (rs.next()) {
                ids.add(rs.getLong("Server_id"));
            }
        } catch (SQLException notAllowed) {
            return List.of();
        }
        return ids;
    }
}
