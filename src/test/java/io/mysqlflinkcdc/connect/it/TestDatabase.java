package io.mysqlflinkcdc.connect.it;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/** One test's own database on the shared server, with its own CDC user. */
public record TestDatabase(MariaDbServer server, String name, String user, String password) {

    public Connection connect() throws SQLException {
        return server.rootConnection(name);
    }

    public void execute(String... statements) throws SQLException {
        server.execute(name, statements);
    }

    /**
     * The connector settings that point at this database with its CDC user (the same keys for our
     * connector and Debezium's), in a mutable map for the rest of a config.
     */
    public Map<String, String> connectorConnection() {
        Map<String, String> config = new HashMap<>();
        config.put("database.hostname", "127.0.0.1");
        config.put("database.port", Integer.toString(server.port()));
        config.put("database.user", user);
        config.put("database.password", password);
        config.put("database.include.list", name);
        return config;
    }
}
