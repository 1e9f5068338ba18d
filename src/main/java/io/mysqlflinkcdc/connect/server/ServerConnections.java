package io.mysqlflinkcdc.connect.server;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

import com.mysql.cj.jdbc.Driver;

import io.mysqlflinkcdc.connect.config.ConnectorConfig;

/** Short-lived JDBC connections to the captured server, for checks and estimates outside the Flink job. */
public final class ServerConnections {

    private ServerConnections() {
    }

    /** A connection that gives up after {@code timeout} (connecting and per socket read). */
    public static Connection open(ConnectorConfig config, Duration timeout) throws SQLException {
        return open(config, timeout, config.jdbcSslProperties());
    }

    /** As {@link #open(ConnectorConfig, Duration)}, with TLS required whatever database.ssl.mode says. */
    static Connection openWithTls(ConnectorConfig config, Duration timeout) throws SQLException {
        Properties tls = new Properties();
        tls.setProperty("sslMode", "REQUIRED");
        return open(config, timeout, tls);
    }

    private static Connection open(ConnectorConfig config, Duration timeout, Properties ssl) throws SQLException {
        long timeoutMs = Math.min(timeout.toMillis(), config.connectTimeout().toMillis());
        Properties props = new Properties();
        props.putAll(ssl);
        props.setProperty("user", config.user());
        props.setProperty("password", config.password());
        props.setProperty("connectTimeout", Long.toString(timeoutMs));
        props.setProperty("socketTimeout", Long.toString(timeout.toMillis()));
        String url = "jdbc:mysql://" + config.hostname() + ":" + config.port() + "/";
        // The driver directly rather than DriverManager, which may not see drivers of a plugin class loader.
        return new Driver().connect(url, props);
    }
}
