package io.mysqlflinkcdc.connect.record;

import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * The heartbeat-topic record written when a snapshot chunk is in the hand-over: its offset,
 * completed on the task thread by {@link SnapshotChunkTracker}, records the table's snapshot
 * progress in Connect's offsets.
 */
public final class SnapshotChunkRecord extends SourceRecord {

    private final SnapshotChunk chunk;
    /** As {@link TableRecord}'s: the tracker swaps in the table's progress. */
    private Map<String, ?> offset;

    SnapshotChunkRecord(SnapshotChunk chunk, Map<String, ?> partition, Map<String, ?> offset, String topic,
                        Schema keySchema, Object key, Schema valueSchema, Object value) {
        super(partition, offset, topic, null, keySchema, key, valueSchema, value);
        this.chunk = chunk;
        this.offset = offset;
    }

    @Override
    public Map<String, ?> sourceOffset() {
        return offset;
    }

    /** Replaces the offset by {@code progress}, which no one changes afterwards. */
    void progressOffset(Map<String, ?> progress) {
        this.offset = progress;
    }

    public SnapshotChunk chunk() {
        return chunk;
    }
}
