package io.mysqlflinkcdc.connect.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** How to reach the MySQL server. Keys follow Debezium's MySQL connector. */
public final class DatabaseFragment {

    public static final String GROUP = "Database";

    public static final String HOSTNAME = "database.hostname";
    public static final String PORT = "database.port";
    public static final String USER = "database.user";
    public static final String PASSWORD = "database.password";
    public static final String SERVER_ID = "database.server.id";
    public static final String SERVER_TIME_ZONE = "database.server.time.zone";
    public static final String CONNECT_TIMEOUT_MS = "database.connect.timeout.ms";
    public static final String CONNECTION_RETRY_TIMEOUT_MS = "connection.retry.timeout.ms";
    public static final String CONNECTION_RETRY_BACKOFF_MAX_MS = "connection.retry.backoff.max.ms";
    public static final String SSL_MODE = "database.ssl.mode";
    public static final String SSL_TRUSTSTORE = "database.ssl.truststore";
    public static final String SSL_TRUSTSTORE_PASSWORD = "database.ssl.truststore.password";

    private DatabaseFragment() {
    }

    static void define(ConfigDef def) {
        int order = 0;
        def.define(HOSTNAME, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, ConfigValidators.nonBlank(),
                Importance.HIGH, "Host name or IP address of the MySQL server.",
                GROUP, ++order, Width.MEDIUM, "Host")
           .define(PORT, Type.INT, 3306, Range.between(1, 65535), Importance.HIGH,
                "Port of the MySQL server.", GROUP, ++order, Width.SHORT, "Port")
           .define(USER, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, ConfigValidators.nonBlank(), Importance.HIGH,
                "User the connector logs in as. It needs SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE "
                        + "and REPLICATION CLIENT.",
                GROUP, ++order, Width.MEDIUM, "User")
           .define(PASSWORD, Type.PASSWORD, "", Importance.HIGH,
                "Password of database.user. Never logged; use a config provider such as "
                        + "${file:/path/secrets.properties:password} to keep it out of the connector config.",
                GROUP, ++order, Width.MEDIUM, "Password")
           .define(SERVER_ID, Type.STRING, "", ConfigValidators.serverIdRange(), Importance.HIGH,
                "Replication server id(s) the connector uses: one id, or an inclusive range such as 5400-5404 "
                        + "with at least snapshot.parallelism ids (one per reader). Each must differ from every "
                        + "other replica of the server. Empty picks a random range within 5400-6399 at each start.",
                GROUP, ++order, Width.SHORT, "Server id (range)")
           .define(SERVER_TIME_ZONE, Type.STRING, "UTC", ConfigValidators.timeZone(), Importance.MEDIUM,
                "Session time zone of the MySQL server, used to turn TIMESTAMP values into instants. "
                        + "Must match the server's time_zone.",
                GROUP, ++order, Width.SHORT, "Server time zone")
           .define(CONNECT_TIMEOUT_MS, Type.LONG, 30_000L, Range.atLeast(1_000L), Importance.LOW,
                "How long to wait for a connection to the MySQL server before giving up.",
                GROUP, ++order, Width.SHORT, "Connect timeout (ms)")
           .define(CONNECTION_RETRY_TIMEOUT_MS, Type.LONG, 300_000L, Range.atLeast(1_000L), Importance.MEDIUM,
                "How long the connector rides out a lost server before failing the task: the embedded job is "
                        + "restarted from the last position handed to Connect, with a growing pause (1 s, 2 s, 4 s, "
                        + "... up to connection.retry.backoff.max.ms); while streaming, the binlog client reconnects "
                        + "by itself, and the task fails when no change or heartbeat arrived for this long.",
                GROUP, ++order, Width.SHORT, "Outage limit (ms)")
           .define(CONNECTION_RETRY_BACKOFF_MAX_MS, Type.LONG, 30_000L, Range.atLeast(100L), Importance.LOW,
                "Longest pause between two restarts of the embedded job during an outage.",
                GROUP, ++order, Width.SHORT, "Outage max backoff (ms)")
           .define(SSL_MODE, Type.STRING, "preferred",
                ConfigDef.CaseInsensitiveValidString.in("disabled", "preferred", "required", "verify_ca",
                        "verify_identity"), Importance.MEDIUM,
                "TLS to the server, for every connection (snapshot, binlog, checks): disabled, preferred (TLS when "
                        + "the server offers it), required (TLS, certificate not checked), verify_ca (TLS with a "
                        + "certificate signed by a CA in database.ssl.truststore), verify_identity (also checks the "
                        + "host name).",
                GROUP, ++order, Width.SHORT, "TLS mode")
           .define(SSL_TRUSTSTORE, Type.STRING, "", Importance.LOW,
                "Path of a JKS or PKCS12 truststore holding the CA certificate of the server, for verify_ca and "
                        + "verify_identity (empty: the JVM's default truststore).",
                GROUP, ++order, Width.LONG, "TLS truststore")
           .define(SSL_TRUSTSTORE_PASSWORD, Type.PASSWORD, "", Importance.LOW,
                "Password of database.ssl.truststore. Never logged.",
                GROUP, ++order, Width.MEDIUM, "TLS truststore password");
    }
}
