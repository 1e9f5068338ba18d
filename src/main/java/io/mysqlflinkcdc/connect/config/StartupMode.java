package io.mysqlflinkcdc.connect.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What the connector does when it has no stored offset ({@code snapshot.mode}). Names follow
 * Debezium's where the meaning is the same.
 */
public enum StartupMode {
    /** Consistent snapshot of every captured table, then the binlog from the snapshot point. */
    INITIAL("initial"),
    /**
     * As initial; and when the stored binlog position has been purged from the server, a new
     * snapshot instead of a failure (Debezium's when_needed).
     */
    WHEN_NEEDED("when_needed"),
    /** Snapshot only; the task then stays idle. */
    INITIAL_ONLY("initial_only"),
    /** No snapshot: the binlog from the current end ("binlog from now"). */
    NO_DATA("no_data"),
    /** No snapshot: the binlog from the earliest file the server still has. */
    EARLIEST("earliest"),
    /** No snapshot: the binlog from the first event at or after {@code startup.timestamp.ms}. */
    TIMESTAMP("timestamp"),
    /** No snapshot: the binlog from {@code startup.binlog.file}/{@code startup.binlog.position} or {@code startup.gtid.set}. */
    SPECIFIC_OFFSET("specific_offset");

    private final String value;

    StartupMode(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public boolean snapshotsData() {
        return this == INITIAL || this == INITIAL_ONLY || this == WHEN_NEEDED;
    }

    public static StartupMode parse(String text) {
        String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (StartupMode mode : values()) {
            if (mode.value.equals(wanted)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown snapshot.mode '" + text + "'; expected one of " + names());
    }

    public static String names() {
        return Arrays.stream(values()).map(StartupMode::value).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return value;
    }
}
