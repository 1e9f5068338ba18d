package io.mysqlflinkcdc.connect.record;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.connect.source.SourceRecord;

import io.mysqlflinkcdc.connect.offset.BinlogPosition;
import io.mysqlflinkcdc.connect.offset.ChunkProgress;
import io.mysqlflinkcdc.connect.offset.OffsetCodec;
import io.mysqlflinkcdc.connect.offset.StoredOffset;

/**
 * Writes each table's snapshot progress into the offsets of its snapshot records, on the task
 * thread, in the order poll() hands them to Connect. A chunk counts once its marker
 * ({@link SnapshotChunkRecord}) has passed, and its marker comes after its rows from the same
 * reader; Connect commits a partition's offset only once the records before it in that partition
 * are written, so a committed offset never claims a row that is not in Kafka, however the
 * parallel readers' records interleave (docs/design.md, "Snapshot progress").
 */
public final class SnapshotChunkTracker {

    private final Map<String, TableChunks> tables = new HashMap<>();

    /** @param restored progress a table's snapshot resumes from (its chunks continue after it) */
    public SnapshotChunkTracker(Map<String, ChunkProgress> restored) {
        this(restored, Map.of());
    }

    /**
     * @param restored progress a table's snapshot resumes from (its chunks continue after it)
     * @param since    of tables snapshotted again, where their changes are read from afterwards: kept
     *                 in every offset of theirs (see StoredOffset.SnapshotRunning)
     */
    public SnapshotChunkTracker(Map<String, ChunkProgress> restored, Map<String, BinlogPosition> since) {
        since.forEach((table, position) -> tables.computeIfAbsent(table, name -> new TableChunks()).since(position));
        restored.forEach((table, progress) -> tables.computeIfAbsent(table, name -> new TableChunks()).set(progress));
    }

    /** Records the chunks the batch completes and gives its snapshot records the progress so far. */
    public void apply(List<SourceRecord> batch) {
        for (SourceRecord record : batch) {
            TableChunks table;
            if (record instanceof SnapshotChunkRecord marker) {
                completed(marker.chunk());
                table = tables.get(marker.chunk().table());
            } else if (OffsetCodec.snapshotRunning(record.sourceOffset())
                    && record.sourcePartition().get(OffsetCodec.TABLE_PARTITION_KEY) instanceof String name) {
                table = tables.get(name);
            } else {
                continue;
            }
            if (table == null || table.encoded == null) {
                continue;
            }
            if (record instanceof ProgressOffsetRecord tracked) {
                tracked.progressOffset(table.encoded);
            } else {
                @SuppressWarnings("unchecked")
                Map<String, Object> offset = (Map<String, Object>) record.sourceOffset();
                offset.clear();
                offset.putAll(table.encoded);
            }
        }
    }

    /** Starts counting {@code table}'s chunks afresh: it is snapshotted again, and streams from {@code since} after. */
    public void snapshotAgain(String table, BinlogPosition since) {
        TableChunks chunks = new TableChunks();
        chunks.since(since);
        tables.put(table, chunks);
    }

    /**
     * The tables whose on-demand snapshot (asked for by a signal) is under way, with where their
     * changes are read from once it is done or stopped.
     */
    public Map<String, BinlogPosition> onDemand() {
        Map<String, BinlogPosition> running = new java.util.TreeMap<>();
        tables.forEach((table, chunks) -> {
            if (chunks.since != null && (chunks.prefix == null || !chunks.prefix.tableDone())) {
                running.put(table, chunks.since);
            }
        });
        return running;
    }

    /** Stops tracking {@code table}: its snapshot was stopped, and its offsets no longer carry chunk progress. */
    public void forget(String table) {
        tables.remove(table);
    }

    /** Whether every chunk of each of {@code tables} is done (and handed to Connect). */
    public boolean allDone(java.util.Collection<String> tables) {
        return tables.stream().allMatch(table -> this.tables.get(table) != null
                && this.tables.get(table).prefix != null && this.tables.get(table).prefix.tableDone());
    }

    /** The table's progress once {@code chunk} is done: longer when it continues the done prefix. */
    ChunkProgress completed(SnapshotChunk chunk) {
        TableChunks table = tables.computeIfAbsent(chunk.table(), name -> new TableChunks());
        if (table.prefix != null && table.prefix.tableDone()) {
            return table.prefix;
        }
        boolean continues = table.prefix == null ? chunk.start() == null
                : Objects.equals(chunk.start(), table.prefix.doneUntil());
        if (!continues) {
            table.ahead.put(chunk.start(), chunk);
            return table.prefix;
        }
        for (SnapshotChunk next = chunk; next != null; ) {
            table.absorb(next);
            next = table.prefix.tableDone() ? null : table.ahead.remove(table.prefix.doneUntil());
        }
        return table.prefix;
    }

    private static final class TableChunks {
        private BinlogPosition since;
        private ChunkProgress prefix;
        /** The prefix as an offset, built once per chunk rather than once per row. */
        private Map<String, Object> encoded;
        /** Done chunks beyond the prefix, by their start key. */
        private final Map<String, SnapshotChunk> ahead = new HashMap<>();

        void absorb(SnapshotChunk chunk) {
            BinlogPosition watermark = prefix == null || chunk.highWatermark().compareTo(prefix.highWatermark()) < 0
                    ? chunk.highWatermark() : prefix.highWatermark();
            int done = Math.max(prefix == null ? 0 : prefix.chunksDone(), chunk.id() + 1);
            set(new ChunkProgress(done, chunk.end(), watermark));
        }

        void since(BinlogPosition position) {
            since = position;
            encoded = Collections.unmodifiableMap(OffsetCodec.encode(new StoredOffset.SnapshotRunning(null, position)));
        }

        void set(ChunkProgress progress) {
            prefix = progress;
            // Shared by every record of this progress (see ProgressOffsetRecord): never changed.
            encoded = Collections.unmodifiableMap(OffsetCodec.encode(new StoredOffset.SnapshotRunning(progress, since)));
        }
    }
}
