package io.mysqlflinkcdc.connect.record;

import java.util.Map;

import org.apache.kafka.connect.data.Schema;

/**
 * The heartbeat-topic record written when a snapshot chunk is in the hand-over: its offset,
 * completed on the task thread by {@link SnapshotChunkTracker}, records the table's snapshot
 * progress in Connect's offsets.
 */
public final class SnapshotChunkRecord extends ProgressOffsetRecord {

    private final SnapshotChunk chunk;

    SnapshotChunkRecord(SnapshotChunk chunk, Map<String, ?> partition, Map<String, ?> offset, String topic,
                        Schema keySchema, Object key, Schema valueSchema, Object value) {
        super(partition, offset, topic, keySchema, key, valueSchema, value, null);
        this.chunk = chunk;
    }

    public SnapshotChunk chunk() {
        return chunk;
    }
}
