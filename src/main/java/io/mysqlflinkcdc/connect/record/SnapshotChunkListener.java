package io.mysqlflinkcdc.connect.record;

import java.util.Map;

import org.apache.flink.util.Collector;

/** Told, in a Flink reader thread, when all rows of a snapshot chunk have been emitted. */
public interface SnapshotChunkListener<T> {

    /**
     * @param highWatermark the chunk's high watermark as Flink CDC's binlog offset map (file, pos, ...)
     * @param out           takes the records that mark the chunk done
     */
    void snapshotChunkCompleted(String table, int id, String start, String end, Map<String, String> highWatermark,
                                Collector<T> out);
}
