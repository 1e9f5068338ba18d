package io.mysqlflinkcdc.connect.record;

import io.mysqlflinkcdc.connect.offset.BinlogPosition;

/**
 * One snapshot chunk of a table whose rows have all been handed over.
 *
 * @param id            Flink CDC's chunk number within the table (chunks are numbered in key order)
 * @param start         the chunk's first key, serialised as Flink CDC does; {@code null} for the first chunk
 * @param end           the key after its last; {@code null} for the last chunk
 * @param highWatermark the binlog position read right after the chunk
 */
public record SnapshotChunk(String table, int id, String start, String end, BinlogPosition highWatermark) {
}
