package io.mysqlflinkcdc.connect.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A private MariaDB server with the binlog on (ROW, FULL), on a free loopback port, started from
 * the machine's mariadbd. One per test JVM; each test gets its own database and user.
 */
public final class MariaDbServer implements AutoCloseable {

    private static MariaDbServer shared;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final Path dir;
    private final int port;
    private Process process;
    private List<String> command;

    /** JDBC TLS setting of the harness's own connections: the server may accept TLS only. */
    private final String sslOption;

    private MariaDbServer(Path dir, int port, Process process, String sslOption) {
        this.sslOption = sslOption;
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /** The server shared by all tests of this JVM, started on first use and stopped at exit. */
    public static synchronized MariaDbServer shared() throws Exception {
        if (shared == null) {
            shared = start(ItSettings.workDir().resolve("mariadb-" + ProcessHandle.current().pid()));
            MariaDbServer server = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        }
        return shared;
    }

    public static MariaDbServer start(Path dir) throws Exception {
        return start(dir, List.of());
    }

    /** A server of its own, with extra mariadbd options (e.g. TLS); the caller closes it. */
    public static MariaDbServer start(Path dir, List<String> extraOptions) throws Exception {
        deleteRecursively(dir);
        Path data = Files.createDirectories(dir.resolve("data"));
        Path installLog = dir.resolve("install.log");
        MariaDbDistribution distribution = MariaDbDistribution.resolve();
        Process install = new ProcessBuilder(distribution.installCommand(data))
                .redirectErrorStream(true).redirectOutput(installLog.toFile()).start();
        if (!install.waitFor(120, TimeUnit.SECONDS) || install.exitValue() != 0) {
            throw new IllegalStateException("mariadb-install-db (" + distribution.name() + ") failed; see " + installLog);
        }
        int port = Ports.free();
        List<String> command = new java.util.ArrayList<>(distribution.serverCommand());
        command.addAll(List.of("--datadir=" + data,
                "--port=" + port, "--bind-address=127.0.0.1", "--socket=" + dir.resolve("mysql.sock"),
                "--pid-file=" + dir.resolve("mariadb.pid"),
                "--log-bin=mysql-bin", "--binlog-format=ROW", "--binlog-row-image=FULL", "--server-id=1",
                "--innodb-buffer-pool-size=128M", "--max-connections=500", "--user=root"));
        command.addAll(extraOptions);
        Process server = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(dir.resolve("mariadb.log").toFile()).start();
        boolean tlsOnly = extraOptions.stream().anyMatch(o -> o.startsWith("--require-secure-transport"));
        MariaDbServer db = new MariaDbServer(dir, port, server, tlsOnly ? "sslMode=REQUIRED" : "useSSL=false");
        db.command = command;
        db.awaitReady(Duration.ofSeconds(60));
        return db;
    }

    private void awaitReady(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("mariadbd exited with " + process.exitValue() + "; see "
                        + dir.resolve("mariadb.log"));
            }
            try (Connection ignored = rootConnection("")) {
                return;
            } catch (SQLException e) {
                last = e;
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("MariaDB did not accept connections within " + timeout, last);
    }

    public String version() throws SQLException {
        try (Connection connection = rootConnection(""); Statement statement = connection.createStatement();
             var rs = statement.executeQuery("SELECT VERSION()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    public int port() {
        return port;
    }

    public Connection rootConnection(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), "root", "");
    }

    public Connection connection(String database, String user, String password) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), user, password);
    }

    public String jdbcUrl(String database) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + database
                + "?" + sslOption + "&allowPublicKeyRetrieval=true&rewriteBatchedStatements=true";
    }

    /** A fresh database with a CDC user that has exactly the grants the connector documents. */
    public TestDatabase newDatabase(String hint) throws SQLException {
        return newDatabaseNamed(hint + "_" + DATABASES.incrementAndGet());
    }

    public TestDatabase newDatabaseNamed(String name) throws SQLException {
        String user = "cdc_" + name;
        String password = "pw-" + name;
        execute("", "CREATE DATABASE " + name,
                "CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + password + "'",
                "CREATE USER '" + user + "'@'localhost' IDENTIFIED BY '" + password + "'",
                "GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO '" + user + "'@'%'",
                "GRANT SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE, REPLICATION CLIENT ON *.* TO '" + user + "'@'localhost'");
        return new TestDatabase(this, name, user, password);
    }

    /** A binlog position of the server, as SHOW MASTER STATUS gives it. */
    public record BinlogPosition(String file, long pos) {
    }

    /** The end of the binlog now: changes made after this call come after this position. */
    public BinlogPosition binlogPosition() throws SQLException {
        try (Connection connection = rootConnection(""); Statement statement = connection.createStatement();
             var rs = statement.executeQuery("SHOW MASTER STATUS")) {
            if (!rs.next()) {
                throw new IllegalStateException("SHOW MASTER STATUS is empty: the binlog is off");
            }
            return new BinlogPosition(rs.getString(1), rs.getLong(2));
        }
    }

    public void execute(String database, String... statements) throws SQLException {
        try (Connection connection = rootConnection(database); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** Stops the server process (as an outage would), keeping its data. */
    public synchronized void stop() {
        close();
    }

    /** Starts the server again on the same port and data, after {@link #stop()}. */
    public synchronized void restart() throws Exception {
        close();
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mariadb.log").toFile())).start();
        awaitReady(Duration.ofSeconds(60));
    }

    @Override
    public synchronized void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var paths = Files.walk(path)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
