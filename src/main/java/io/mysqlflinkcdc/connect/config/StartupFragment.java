package io.mysqlflinkcdc.connect.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** Where to start when there is no stored offset. */
public final class StartupFragment {

    public static final String GROUP = "Startup";

    public static final String SNAPSHOT_MODE = "snapshot.mode";
    public static final String STARTUP_TIMESTAMP_MS = "startup.timestamp.ms";
    public static final String STARTUP_BINLOG_FILE = "startup.binlog.file";
    public static final String STARTUP_BINLOG_POSITION = "startup.binlog.position";
    public static final String STARTUP_GTID_SET = "startup.gtid.set";

    private StartupFragment() {
    }

    static void define(ConfigDef def) {
        int order = 0;
        def.define(SNAPSHOT_MODE, Type.STRING, StartupMode.INITIAL.value(), ConfigValidators.startupMode(),
                Importance.HIGH,
                "What to do when the connector has no stored offset: initial (snapshot, then the binlog), "
                        + "when_needed (as initial, and also when the stored binlog position was purged from the "
                        + "server: a new snapshot instead of a failure), "
                        + "initial_only (snapshot, then stay idle), no_data (binlog from now), earliest (binlog from "
                        + "the oldest file on the server), timestamp (binlog from startup.timestamp.ms), "
                        + "specific_offset (binlog from startup.binlog.file/position or startup.gtid.set). "
                        + "A stored offset always wins.",
                GROUP, ++order, Width.SHORT, "Snapshot mode")
           .define(STARTUP_TIMESTAMP_MS, Type.LONG, null, Importance.LOW,
                "Epoch milliseconds to start reading the binlog from, with snapshot.mode=timestamp.",
                GROUP, ++order, Width.SHORT, "Start timestamp (ms)")
           .define(STARTUP_BINLOG_FILE, Type.STRING, null, Importance.LOW,
                "Binlog file to start from, with snapshot.mode=specific_offset (e.g. mysql-bin.000003).",
                GROUP, ++order, Width.MEDIUM, "Start binlog file")
           .define(STARTUP_BINLOG_POSITION, Type.LONG, null, Importance.LOW,
                "Position in startup.binlog.file to start from, with snapshot.mode=specific_offset.",
                GROUP, ++order, Width.SHORT, "Start binlog position")
           .define(STARTUP_GTID_SET, Type.STRING, null, Importance.LOW,
                "GTID set to start after, with snapshot.mode=specific_offset (MySQL with gtid_mode=ON).",
                GROUP, ++order, Width.LONG, "Start GTID set");
    }
}
