package io.mysqlflinkcdc.connect.offset;

/**
 * How far a table's snapshot is in Kafka: its first {@code chunksDone} chunks, which cover the
 * keys before {@code doneUntil}, or every chunk when {@code doneUntil} is {@code null}. Chunks
 * finished out of order beyond that prefix are not recorded: a restart reads them again, which
 * upsert keys make harmless (docs/design.md, "Snapshot progress").
 *
 * @param doneUntil     the chunk key the unfinished part starts at, as Flink CDC serialises split
 *                      boundaries; {@code null} when the whole table is done
 * @param highWatermark the earliest high watermark of those chunks: binlog changes to their rows
 *                      after it are still to be read
 */
public record ChunkProgress(int chunksDone, String doneUntil, BinlogPosition highWatermark) {

    public ChunkProgress {
        if (chunksDone < 1) {
            throw new IllegalArgumentException("snapshot progress needs at least one chunk done, was " + chunksDone);
        }
        if (highWatermark == null) {
            throw new IllegalArgumentException("snapshot progress needs the chunks' high watermark");
        }
    }

    public boolean tableDone() {
        return doneUntil == null;
    }
}
