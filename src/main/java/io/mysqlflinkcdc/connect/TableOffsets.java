package io.mysqlflinkcdc.connect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.storage.OffsetStorageReader;

import io.mysqlflinkcdc.connect.config.StartupMode;
import io.mysqlflinkcdc.connect.offset.BinlogPosition;
import io.mysqlflinkcdc.connect.offset.OffsetCodec;
import io.mysqlflinkcdc.connect.offset.StoredOffset;

/**
 * A task's tables' progress: their offsets in Connect's storage when the task started, overlaid
 * with the offsets of the records handed to Connect since, so a job restarted inside the task
 * resumes exactly where its predecessor's delivered records end.
 */
final class TableOffsets {

    private final List<String> tables;
    private final Map<String, StoredOffset> stored;
    private StoredOffset legacy;
    /** Offsets of the last record polled per table, not yet decoded. */
    private final Map<String, Map<String, ?>> polled = new HashMap<>();

    private TableOffsets(List<String> tables, Map<String, StoredOffset> stored, StoredOffset legacy) {
        this.tables = List.copyOf(tables);
        this.stored = stored;
        this.legacy = legacy;
    }

    /** Reads the tables' own offsets and the legacy single-partition offset. */
    static TableOffsets read(OffsetStorageReader reader, String topicPrefix, List<String> tables) {
        List<Map<String, String>> partitions = new ArrayList<>();
        tables.forEach(table -> partitions.add(OffsetCodec.partition(topicPrefix, table)));
        partitions.add(OffsetCodec.legacyPartition(topicPrefix));
        Map<Map<String, String>, Map<String, Object>> found = reader.offsets(partitions);
        Map<String, StoredOffset> own = new HashMap<>();
        for (String table : tables) {
            Map<String, Object> offset = found.get(OffsetCodec.partition(topicPrefix, table));
            if (offset != null) {
                own.put(table, decode(topicPrefix + "/" + table, offset));
            }
        }
        Map<String, Object> legacy = found.get(OffsetCodec.legacyPartition(topicPrefix));
        return new TableOffsets(tables, own, legacy == null ? null : decode(topicPrefix, legacy));
    }

    private static StoredOffset decode(String owner, Map<String, ?> offset) {
        try {
            return OffsetCodec.decode(offset);
        } catch (IllegalArgumentException e) {
            throw new ConnectException("The stored offset of '" + owner + "' is unusable: " + e.getMessage()
                    + ". Stop the connector, then PATCH /connectors/<name>/offsets with a valid binlog position "
                    + "for that partition, or DELETE the offsets to start afresh with a new snapshot.", e);
        }
    }

    /** Remembers, per table, the offset of the last record handed to Connect. */
    void polled(List<SourceRecord> batch) {
        for (SourceRecord record : batch) {
            if (record.sourcePartition().get(OffsetCodec.TABLE_PARTITION_KEY) instanceof String table) {
                polled.put(table, record.sourceOffset());
            }
        }
    }

    /**
     * The binlog position from which the table's changes are not all delivered yet: its binlog
     * position, or, right after its snapshot, where a restart would resume it (as {@link StartPlan}
     * does); empty while its snapshot is under way.
     */
    Optional<BinlogPosition> deliveredAt(String table) {
        StoredOffset current = current(table);
        if (current == null) {
            current = legacy;
        }
        if (current instanceof StoredOffset.Streaming streaming) {
            return Optional.of(streaming.position());
        }
        return current instanceof StoredOffset.SnapshotRunning running ? running.streamsFrom() : Optional.empty();
    }

    /**
     * The tables whose offset is a finished snapshot (every chunk in Kafka, as after a backfill),
     * with the binlog position they now stream from.
     */
    Map<String, BinlogPosition> finishedSnapshots() {
        Map<String, BinlogPosition> finished = new java.util.LinkedHashMap<>();
        for (String table : tables) {
            if (current(table) instanceof StoredOffset.SnapshotRunning running) {
                running.streamsFrom().ifPresent(position -> finished.put(table, position));
            }
        }
        return finished;
    }

    /** The table's offset as of the records handed to Connect: the last one's, else the stored one; null without either. */
    private StoredOffset current(String table) {
        Map<String, ?> last = polled.get(table);
        return last != null ? OffsetCodec.decode(last) : stored.get(table);
    }

    StartPlan plan(StartupMode mode) {
        Map<String, StoredOffset> current = new HashMap<>(stored);
        polled.forEach((table, offset) -> current.put(table, OffsetCodec.decode(offset)));
        return StartPlan.of(tables, current, legacy, mode);
    }

    /** Drops every stored position (snapshot.mode=when_needed after the binlog was purged). */
    void forget() {
        stored.clear();
        polled.clear();
        legacy = null;
    }

    /**
     * Whether the job reads the binlog: some table's delivered offset is a binlog position, or,
     * before any record, every table resumes from one.
     */
    boolean inBinlog() {
        if (polled.isEmpty()) {
            return !stored.isEmpty() && stored.size() == tables.size()
                    && stored.values().stream().allMatch(StoredOffset.Streaming.class::isInstance);
        }
        return polled.values().stream().anyMatch(offset -> offset.get(OffsetCodec.FILE) != null);
    }

    /** Where a restarted job would begin, for messages. */
    String describe(StartupMode mode) {
        StartPlan plan = plan(mode);
        Optional<BinlogPosition> earliest = plan instanceof StartPlan.Resume resume ? Optional.of(resume.from())
                : Optional.empty();
        return earliest.map(position -> "binlog position " + position.file() + ":" + position.pos()
                        + " (the earliest of its tables')")
                .orElse(plan instanceof StartPlan.Idle ? "nothing (its snapshot completed)"
                        : "the snapshot of the tables without a binlog position");
    }
}
