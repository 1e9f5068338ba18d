package io.mysqlflinkcdc.connect.offset;

/** What the connector's offset in Connect's offset storage says about its progress. */
public sealed interface StoredOffset {

    /**
     * A snapshot was under way: it resumes after the chunks {@code progress} says are in Kafka, or
     * from the start when it is {@code null} (upsert keys make rows read twice harmless).
     *
     * @param since for a table snapshotted again (a signal), the binlog position its changes had
     *              been delivered up to: after the snapshot they are read from there at the latest,
     *              so that rows deleted before their chunk was read become tombstones; else null
     */
    record SnapshotRunning(ChunkProgress progress, BinlogPosition since) implements StoredOffset {

        public SnapshotRunning() {
            this(null, null);
        }

        public SnapshotRunning(ChunkProgress progress) {
            this(progress, null);
        }

        /**
         * Where the table streams from once every chunk is done: the earliest of the chunks'
         * watermark and {@code since} (a table snapshotted again: its changes since the signal,
         * deletes included, follow the chunks); empty while chunks remain.
         */
        public java.util.Optional<BinlogPosition> streamsFrom() {
            if (progress == null || !progress.tableDone()) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(since != null && since.compareTo(progress.highWatermark()) < 0
                    ? since : progress.highWatermark());
        }
    }

    /** snapshot.mode=initial_only finished: there is nothing left to read. */
    record SnapshotOnlyCompleted() implements StoredOffset {
    }

    /**
     * The snapshot (if any) completed; resume the binlog here.
     *
     * @param tableSchemas the captured tables' schemas at this position (encoded), or {@code null}
     *                     when unknown (offsets written by Debezium, by hand, or by version 0.1 builds)
     */
    record Streaming(BinlogPosition position, String tableSchemas) implements StoredOffset {

        public Streaming(BinlogPosition position) {
            this(position, null);
        }
    }
}
