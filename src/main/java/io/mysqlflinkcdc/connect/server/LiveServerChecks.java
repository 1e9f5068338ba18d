package io.mysqlflinkcdc.connect.server;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.mysqlflinkcdc.connect.config.ConnectorConfig;
import io.mysqlflinkcdc.connect.config.DatabaseFragment;
import io.mysqlflinkcdc.connect.config.ServerIdRange;

/**
 * Checks a config against the live server, for validate(): reachability, credentials, binlog
 * settings, replication privileges, server ids, and the tables it would capture. Each problem
 * is reported on the field a user should change, with what to do.
 */
public final class LiveServerChecks {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LiveServerChecks.class);

    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private LiveServerChecks() {
    }

    public static List<ConnectorConfig.Problem> problems(ConnectorConfig config) {
        try (Connection connection = ServerConnections.open(config, TIMEOUT)) {
            List<ConnectorConfig.Problem> problems = new ArrayList<>();
            try (Statement statement = connection.createStatement()) {
                statement.setQueryTimeout((int) TIMEOUT.toSeconds());
                BinlogSettings.read(statement).problems(config).forEach(problems::add);
                missingReplicationPrivileges(statement, config).ifPresent(problems::add);
                serverIdClash(statement, config).ifPresent(problems::add);
            }
            List<ServerTables.Table> tables = ServerTables.read(connection);
            problems.addAll(CapturedTableChecks.problems(connection, tables, config));
            if (problems.isEmpty() && config.startupMode().snapshotsData()) {
                BinlogRetention.warning(connection, tables, config).ifPresent(warning ->
                        LOG.warn("Connector '{}': {}", config.topicPrefix(), warning));
            }
            return problems;
        } catch (SQLException e) {
            if (e.getErrorCode() == 1045 && "disabled".equals(config.sslMode()) && acceptsTls(config)) {
                // MariaDB answers a plain login to a TLS-only server with "access denied", like a wrong password.
                return List.of(tlsOnly(config, "it refused the login without TLS and accepted it with TLS"));
            }
            return List.of(connectionProblem(config, e));
        }
    }

    private static boolean acceptsTls(ConnectorConfig config) {
        try (Connection ignored = ServerConnections.openWithTls(config, TIMEOUT)) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static ConnectorConfig.Problem tlsOnly(ConnectorConfig config, String evidence) {
        return new ConnectorConfig.Problem(DatabaseFragment.SSL_MODE, "the server at " + config.hostname() + ":"
                + config.port() + " accepts only TLS connections (" + evidence + "): set database.ssl.mode="
                + "required, or verify_ca with database.ssl.truststore");
    }

    static ConnectorConfig.Problem connectionProblem(ConnectorConfig config, SQLException e) {
        String where = config.hostname() + ":" + config.port();
        if (e.getErrorCode() == 1045) {
            return new ConnectorConfig.Problem(DatabaseFragment.PASSWORD, "the server at " + where
                    + " refused the login of '" + config.user() + "' (access denied): check database.user and "
                    + "database.password");
        }
        String cause = rootMessage(e);
        if (cause != null && cause.toLowerCase(Locale.ROOT).contains("secure transport")) {
            return tlsOnly(config, cause);
        }
        if (e.getErrorCode() == 0 && cause != null && (cause.contains("SSL") || cause.contains("TLS")
                || cause.contains("PKIX") || cause.contains("certificate"))) {
            return new ConnectorConfig.Problem(DatabaseFragment.SSL_MODE, "TLS to " + where + " failed (" + cause
                    + "): check database.ssl.mode, database.ssl.truststore and its password");
        }
        return new ConnectorConfig.Problem(DatabaseFragment.HOSTNAME, "cannot connect to " + where + " within "
                + TIMEOUT.toSeconds() + " s (" + rootMessage(e) + "): check database.hostname and database.port, "
                + "and that the server accepts connections from the Connect worker");
    }

    private static Optional<ConnectorConfig.Problem> missingReplicationPrivileges(Statement statement,
                                                                                            ConnectorConfig config)
            throws SQLException {
        StringBuilder global = new StringBuilder();
        try (ResultSet grants = statement.executeQuery("SHOW GRANTS")) {
            while (grants.next()) {
                String grant = grants.getString(1).toUpperCase(Locale.ROOT);
                int on = grant.indexOf(" ON *.* ");
                if (grant.startsWith("GRANT ") && on > 0) {
                    global.append(grant, 6, on).append(',');
                }
            }
        }
        String privileges = global.toString();
        if (privileges.contains("ALL PRIVILEGES")) {
            return Optional.empty();
        }
        List<String> missing = new ArrayList<>();
        if (!privileges.contains("REPLICATION SLAVE")) {
            missing.add("REPLICATION SLAVE");
        }
        if (!privileges.contains("REPLICATION CLIENT") && !privileges.contains("BINLOG MONITOR")
                && !privileges.contains("SUPER")) {
            missing.add("REPLICATION CLIENT");
        }
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ConnectorConfig.Problem(DatabaseFragment.USER, "'" + config.user()
                + "' lacks " + String.join(" and ", missing) + " to read the binlog: GRANT SELECT, RELOAD, SHOW "
                + "DATABASES, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO '" + config.user() + "'"));
    }

    private static Optional<ConnectorConfig.Problem> serverIdClash(Statement statement, ConnectorConfig config)
            throws SQLException {
        Optional<ServerIdRange> ids = config.configuredServerIds();
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        long serverId;
        try (ResultSet rs = statement.executeQuery("SELECT @@server_id")) {
            rs.next();
            serverId = rs.getLong(1);
        }
        if (ids.get().contains(serverId)) {
            return Optional.of(new ConnectorConfig.Problem(DatabaseFragment.SERVER_ID, "includes "
                    + serverId + ", the server's own server_id; pick ids no server or replica uses"));
        }
        ReplicaIds replicas = ReplicaIds.read(statement);
        if (replicas.unreadable() != null) {
            LOG.warn("Connector '{}': could not check database.server.id {} against the server_id of the replicas "
                    + "connected to {}:{}: {}. Make sure no replica uses these ids; a clash makes the server drop "
                    + "one of the two connections.", config.topicPrefix(), ids.get(), config.hostname(), config.port(),
                    replicas.unreadable());
        }
        for (long replica : replicas.ids()) {
            if (ids.get().contains(replica)) {
                return Optional.of(new ConnectorConfig.Problem(DatabaseFragment.SERVER_ID, "includes "
                        + replica + ", the server_id of a replica connected to the server now; pick other ids"));
            }
        }
        return Optional.empty();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.getMessage() : root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
