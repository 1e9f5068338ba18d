package io.mysqlflinkcdc.connect.offset;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes the connector's source partition and offset maps. The keys are Debezium's and
 * Flink CDC's ({@code file}, {@code pos}, {@code gtids}, {@code event}, {@code row}, {@code ts_sec},
 * {@code server_id}) so the position reads the same in all three; {@code snapshot_completed} and
 * {@code offset.version} are ours. Numbers are written as Long; any Number is read back.
 */
public final class OffsetCodec {

    public static final String PARTITION_KEY = "server";
    public static final String TABLE_PARTITION_KEY = "table";
    public static final String VERSION_KEY = "offset.version";
    /** 2: one partition per table, whose table_schemas hold that table only. */
    public static final int VERSION = 2;
    public static final String FILE = "file";
    public static final String POS = "pos";
    public static final String EVENT = "event";
    public static final String ROW = "row";
    public static final String GTIDS = "gtids";
    public static final String TS_SEC = "ts_sec";
    public static final String SERVER_ID = "server_id";
    public static final String SNAPSHOT = "snapshot";
    public static final String SNAPSHOT_COMPLETED = "snapshot_completed";
    /** The captured tables' schemas at this position, so rows before a later DDL decode as written. */
    public static final String TABLE_SCHEMAS = "table_schemas";
    /** A running snapshot's progress (see ChunkProgress): chunks done, where they end, their watermark. */
    public static final String CHUNKS_DONE = "snapshot_chunks_done";
    public static final String DONE_UNTIL = "snapshot_done_until";
    public static final String WATERMARK_FILE = "snapshot_hw_file";
    public static final String WATERMARK_POS = "snapshot_hw_pos";
    public static final String WATERMARK_GTIDS = "snapshot_hw_gtids";
    /** Where a table snapshotted again streams from at the latest once its snapshot is done (see SnapshotRunning). */
    public static final String SINCE_PREFIX = "snapshot_since_";

    private OffsetCodec() {
    }

    /**
     * One source partition per captured table, {"server": topic.prefix, "table": "db.table"}, so a
     * table's progress follows it to whichever task captures it (docs/design.md, "Offsets").
     *
     * <p>A HashMap on purpose: Connect stores an offset under the JSON text of its partition, and
     * reads partitions back as HashMaps whose JSON it looks up again (GET offsets). Map.of would
     * order the keys differently in every JVM, so another worker would not find the offset.
     */
    public static Map<String, String> partition(String topicPrefix, String table) {
        Map<String, String> partition = new HashMap<>();
        partition.put(PARTITION_KEY, topicPrefix);
        partition.put(TABLE_PARTITION_KEY, table);
        return Collections.unmodifiableMap(partition);
    }

    /**
     * The single partition, named like Debezium's, that builds writing offset.version 1 used for all tables;
     * still read for tables that have no partition of their own yet.
     */
    public static Map<String, String> legacyPartition(String topicPrefix) {
        return Map.of(PARTITION_KEY, topicPrefix);
    }

    /**
     * The table a partition of this connector stands for; empty for the legacy partition.
     *
     * @throws IllegalArgumentException when the partition is not one of this connector's
     */
    public static Optional<String> tableOf(String topicPrefix, Map<String, ?> partition) {
        if (legacyPartition(topicPrefix).equals(partition)) {
            return Optional.empty();
        }
        if (partition != null && partition.size() == 2 && topicPrefix.equals(partition.get(PARTITION_KEY))
                && partition.get(TABLE_PARTITION_KEY) instanceof String table && table.indexOf('.') > 0) {
            if (!List.copyOf(partition.keySet()).equals(List.copyOf(partition(topicPrefix, table).keySet()))) {
                // Connect would store it under other JSON than the one the task looks up.
                throw new IllegalArgumentException("partition " + partition + " lists \"" + TABLE_PARTITION_KEY
                        + "\" before \"" + PARTITION_KEY + "\"; write it as " + partition(topicPrefix, table));
            }
            return Optional.of(table);
        }
        throw new IllegalArgumentException("unknown source partition " + partition + "; this connector's are "
                + partition(topicPrefix, "<db>.<table>") + " per table, and " + legacyPartition(topicPrefix)
                + " written by builds before offset.version 2");
    }

    public static Map<String, Object> encode(StoredOffset offset) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(VERSION_KEY, (long) VERSION);
        if (offset instanceof StoredOffset.SnapshotRunning running) {
            map.put(SNAPSHOT, true);
            map.put(SNAPSHOT_COMPLETED, false);
            ChunkProgress progress = running.progress();
            if (running.since() != null) {
                putPosition(map, SINCE_PREFIX, running.since());
            }
            if (progress != null) {
                map.put(CHUNKS_DONE, (long) progress.chunksDone());
                if (progress.doneUntil() != null) {
                    map.put(DONE_UNTIL, progress.doneUntil());
                }
                map.put(WATERMARK_FILE, progress.highWatermark().file());
                map.put(WATERMARK_POS, progress.highWatermark().pos());
                if (progress.highWatermark().gtids() != null && !progress.highWatermark().gtids().isEmpty()) {
                    map.put(WATERMARK_GTIDS, progress.highWatermark().gtids());
                }
            }
        } else if (offset instanceof StoredOffset.SnapshotOnlyCompleted) {
            map.put(SNAPSHOT_COMPLETED, true);
        } else if (offset instanceof StoredOffset.Streaming streaming) {
            BinlogPosition p = streaming.position();
            putPosition(map, "", p);
            map.put(TS_SEC, p.tsSec());
            if (p.serverId() != null) {
                map.put(SERVER_ID, p.serverId());
            }
            map.put(SNAPSHOT_COMPLETED, true);
            if (streaming.tableSchemas() != null) {
                map.put(TABLE_SCHEMAS, streaming.tableSchemas());
            }
        }
        return map;
    }

    private static void putPosition(Map<String, Object> map, String prefix, BinlogPosition p) {
        map.put(prefix + FILE, p.file());
        map.put(prefix + POS, p.pos());
        map.put(prefix + EVENT, p.event());
        map.put(prefix + ROW, p.row());
        if (p.gtids() != null && !p.gtids().isEmpty()) {
            map.put(prefix + GTIDS, p.gtids());
        }
    }

    /** The position written by {@link #putPosition} under {@code prefix}, or null when there is none. */
    private static BinlogPosition position(Map<String, ?> map, String prefix) {
        Object file = map.get(prefix + FILE);
        if (file == null) {
            return null;
        }
        if (!(file instanceof String name) || name.isBlank() || map.get(prefix + POS) == null) {
            throw new IllegalArgumentException("offset '" + prefix + FILE + "' must be a binlog file name with a '"
                    + prefix + POS + "', was " + file);
        }
        Object gtids = map.get(prefix + GTIDS);
        return new BinlogPosition(name, nonNegative(prefix + POS, map.get(prefix + POS)), optional(map, prefix + EVENT),
                optional(map, prefix + ROW), gtids instanceof String text ? text : null, 0, null);
    }

    /**
     * Whether an offset this connector wrote belongs to a snapshot under way (a snapshot row or a
     * chunk marker): a single look-up, for checks on every record.
     */
    public static boolean snapshotRunning(Map<String, ?> offset) {
        return offset != null && Boolean.FALSE.equals(offset.get(SNAPSHOT_COMPLETED));
    }

    /**
     * Reads a stored offset. A map with {@code file} is a binlog position (also when written by
     * Debezium's MySQL connector); a map without one is a snapshot marker.
     *
     * @throws IllegalArgumentException naming what is wrong, when the map cannot be used
     */
    public static StoredOffset decode(Map<String, ?> map) {
        Object version = map.get(VERSION_KEY);
        if (version != null && asLong(VERSION_KEY, version) > VERSION) {
            throw new IllegalArgumentException("offset.version " + version + " was written by a newer connector "
                    + "version (this one reads up to " + VERSION + ")");
        }
        Object file = map.get(FILE);
        boolean snapshotCompleted = Boolean.TRUE.equals(asBoolean(map.get(SNAPSHOT_COMPLETED)));
        if (Boolean.TRUE.equals(asBoolean(map.get(SNAPSHOT))) && !snapshotCompleted) {
            // Debezium writes file/pos with snapshot=true while its snapshot runs: not a resumable point.
            return new StoredOffset.SnapshotRunning(chunkProgress(map), position(map, SINCE_PREFIX));
        }
        if (file == null) {
            if (map.get(POS) != null || map.get(GTIDS) != null) {
                throw new IllegalArgumentException("offset has 'pos' or 'gtids' but no binlog 'file'");
            }
            return snapshotCompleted ? new StoredOffset.SnapshotOnlyCompleted()
                    : new StoredOffset.SnapshotRunning(chunkProgress(map), position(map, SINCE_PREFIX));
        }
        if (!(file instanceof String name) || name.isBlank()) {
            throw new IllegalArgumentException("offset 'file' must be a binlog file name such as mysql-bin.000003, was "
                    + file);
        }
        if (map.get(POS) == null) {
            throw new IllegalArgumentException("offset has binlog 'file' " + file + " but no 'pos'");
        }
        Object serverId = map.get(SERVER_ID);
        Object gtids = map.get(GTIDS);
        if (gtids != null && !(gtids instanceof String)) {
            throw new IllegalArgumentException("offset 'gtids' must be a string, was " + gtids);
        }
        Object schemas = map.get(TABLE_SCHEMAS);
        if (schemas != null && !(schemas instanceof String)) {
            throw new IllegalArgumentException("offset 'table_schemas' must be the string this connector wrote; "
                    + "leave it out to use the tables' current schemas");
        }
        return new StoredOffset.Streaming(new BinlogPosition(name,
                nonNegative(POS, map.get(POS)),
                optional(map, EVENT),
                optional(map, ROW),
                (String) gtids,
                optional(map, TS_SEC),
                serverId == null ? null : asLong(SERVER_ID, serverId)), (String) schemas);
    }

    private static ChunkProgress chunkProgress(Map<String, ?> map) {
        if (map.get(CHUNKS_DONE) == null) {
            return null;
        }
        Object file = map.get(WATERMARK_FILE);
        Object doneUntil = map.get(DONE_UNTIL);
        Object gtids = map.get(WATERMARK_GTIDS);
        if (!(file instanceof String name) || map.get(WATERMARK_POS) == null) {
            throw new IllegalArgumentException("offset has '" + CHUNKS_DONE + "' but no '" + WATERMARK_FILE + "' and '"
                    + WATERMARK_POS + "'");
        }
        if (doneUntil != null && !(doneUntil instanceof String)) {
            throw new IllegalArgumentException("offset '" + DONE_UNTIL + "' must be the string this connector wrote");
        }
        return new ChunkProgress((int) nonNegative(CHUNKS_DONE, map.get(CHUNKS_DONE)), (String) doneUntil,
                new BinlogPosition(name, nonNegative(WATERMARK_POS, map.get(WATERMARK_POS)), 0, 0,
                        gtids instanceof String text ? text : null, 0, null));
    }

    private static long optional(Map<String, ?> map, String key) {
        Object value = map.get(key);
        return value == null ? 0L : nonNegative(key, value);
    }

    private static long nonNegative(String key, Object value) {
        long number = asLong(key, value);
        if (number < 0) {
            throw new IllegalArgumentException("offset '" + key + "' must not be negative, was " + number);
        }
        return number;
    }

    private static long asLong(String key, Object value) {
        if (value instanceof Number number) {
            return number.longValue();
        }
        if (value instanceof String text) {
            try {
                return Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("offset '" + key + "' must be a whole number, was '" + text + "'");
            }
        }
        throw new IllegalArgumentException("offset '" + key + "' must be a whole number, was " + value);
    }

    private static Boolean asBoolean(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        return value == null ? null : Boolean.parseBoolean(value.toString());
    }
}
