package io.mysqlflinkcdc.connect.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** What to capture and where it goes. */
public final class CaptureFragment {

    public static final String GROUP = "Capture";

    public static final String TOPIC_PREFIX = "topic.prefix";
    public static final String DATABASE_INCLUDE_LIST = "database.include.list";
    public static final String TABLE_INCLUDE_LIST = "table.include.list";
    public static final String TABLE_EXCLUDE_LIST = "table.exclude.list";
    public static final String HEARTBEAT_INTERVAL_MS = "heartbeat.interval.ms";
    public static final String HEARTBEAT_TOPIC_PREFIX = "topic.heartbeat.prefix";
    public static final String TABLE_MONITOR_INTERVAL_MS = "table.monitor.interval.ms";

    private CaptureFragment() {
    }

    static void define(ConfigDef def) {
        int order = 0;
        def.define(TOPIC_PREFIX, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, ConfigValidators.topicPrefix(),
                Importance.HIGH,
                "Logical name of the captured server. Rows of table db.t go to topic <topic.prefix>.db.t; it also "
                        + "names the offsets' source partition, so changing it starts the connector afresh.",
                GROUP, ++order, Width.MEDIUM, "Topic prefix")
           .define(DATABASE_INCLUDE_LIST, Type.LIST, "", ConfigValidators.regexList(), Importance.HIGH,
                "Comma-separated regular expressions matched against database names. Empty means every "
                        + "database except the server's own (mysql, sys, information_schema, performance_schema).",
                GROUP, ++order, Width.LONG, "Databases")
           .define(TABLE_INCLUDE_LIST, Type.LIST, "", ConfigValidators.regexList(), Importance.HIGH,
                "Comma-separated regular expressions matched against db.table. Empty means every table of the "
                        + "included databases. Remember to escape the dot (tpcds\\.store_sales) when it matters.",
                GROUP, ++order, Width.LONG, "Tables")
           .define(TABLE_EXCLUDE_LIST, Type.LIST, "", ConfigValidators.regexList(), Importance.MEDIUM,
                "Comma-separated regular expressions matched against db.table; matching tables are not "
                        + "captured even when table.include.list matches them.",
                GROUP, ++order, Width.LONG, "Excluded tables")
           .define(HEARTBEAT_INTERVAL_MS, Type.LONG, 10_000L, Range.atLeast(100L), Importance.MEDIUM,
                "How often, while streaming the binlog, to emit a heartbeat record carrying the current binlog "
                        + "position. Heartbeats let offsets advance when the captured tables are idle or the binlog "
                        + "holds only other tables' changes, so a restart neither re-snapshots nor re-reads old binlog. "
                        + "On an idle server they follow the server's replication heartbeats, requested every "
                        + "0.8 x max(heartbeat.interval.ms, 10 s).",
                GROUP, ++order, Width.SHORT, "Heartbeat interval (ms)")
           .define(HEARTBEAT_TOPIC_PREFIX, Type.STRING, "__debezium-heartbeat", ConfigValidators.topicPrefix(),
                Importance.LOW,
                "Heartbeats go to topic <topic.heartbeat.prefix>.<topic.prefix> (Debezium's convention).",
                GROUP, ++order, Width.MEDIUM, "Heartbeat topic prefix")
           .define(TABLE_MONITOR_INTERVAL_MS, Type.LONG, 30_000L, Range.atLeast(0L), Importance.LOW,
                "How often the connector lists the tables the include/exclude lists select; when tables were "
                        + "created, renamed or dropped it spreads them over the tasks again (a created table is "
                        + "captured from its first row). 0 lists them only when the connector (re)starts.",
                GROUP, ++order, Width.SHORT, "Table monitor interval (ms)");
    }
}
