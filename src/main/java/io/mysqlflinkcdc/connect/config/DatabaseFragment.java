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
                GROUP, ++order, Width.SHORT, "Connect timeout (ms)");
    }
}
