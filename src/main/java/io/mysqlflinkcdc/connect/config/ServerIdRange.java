package io.mysqlflinkcdc.connect.config;

import org.apache.kafka.common.config.ConfigException;

/**
 * The replication server ids the connector may use: one per binlog/snapshot reader. Written as a
 * single id ({@code 5400}) or an inclusive range ({@code 5400-5404}), like Flink CDC's
 * {@code server-id} option.
 */
public record ServerIdRange(long first, long last) {

    public ServerIdRange {
        if (first < 1 || last > 4294967295L || first > last) {
            throw new IllegalArgumentException("server ids must satisfy 1 <= first <= last <= 4294967295");
        }
    }

    public static ServerIdRange parse(String key, String text) {
        String trimmed = text == null ? "" : text.trim();
        try {
            int dash = trimmed.indexOf('-');
            if (dash < 0) {
                long id = Long.parseLong(trimmed);
                return new ServerIdRange(id, id);
            }
            return new ServerIdRange(
                    Long.parseLong(trimmed.substring(0, dash).trim()),
                    Long.parseLong(trimmed.substring(dash + 1).trim()));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, text,
                    "expected a server id such as 5400 or an inclusive range such as 5400-5404, "
                            + "with 1 <= first <= last <= 4294967295");
        }
    }

    public boolean contains(long id) {
        return id >= first && id <= last;
    }

    public long size() {
        return last - first + 1;
    }

    /**
     * The {@code index}-th run of {@code size} ids: task {@code index}'s own ids, so no two tasks'
     * readers ever register with the same id.
     *
     * @throws IllegalArgumentException when the range holds fewer than (index + 1) × size ids
     */
    public ServerIdRange slice(int index, int size) {
        long start = first + (long) index * size;
        if (start + size - 1 > last) {
            throw new IllegalArgumentException("server id range " + this + " has no slice " + index + " of " + size
                    + " ids");
        }
        return new ServerIdRange(start, start + size - 1);
    }

    /** The form Flink CDC's {@code serverId(String)} takes. */
    public String toFlinkCdcString() {
        return first == last ? Long.toString(first) : first + "-" + last;
    }

    @Override
    public String toString() {
        return toFlinkCdcString();
    }
}
