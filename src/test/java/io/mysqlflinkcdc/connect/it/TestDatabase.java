package io.mysqlflinkcdc.connect.it;

import java.sql.Connection;
import java.sql.SQLException;

/** One test's own database on the shared server, with its own CDC user. */
public record TestDatabase(MariaDbServer server, String name, String user, String password) {

    public Connection connect() throws SQLException {
        return server.rootConnection(name);
    }

    public void execute(String... statements) throws SQLException {
        server.execute(name, statements);
    }
}
