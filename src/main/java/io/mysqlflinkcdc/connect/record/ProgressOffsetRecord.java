package io.mysqlflinkcdc.connect.record;

import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * A record whose offset {@link SnapshotChunkTracker} may replace on the task thread by its table's
 * snapshot progress: a map shared by every record of that progress and never changed, swapped in
 * here rather than copied into a map per record (a per-row cost of the snapshot).
 */
public abstract class ProgressOffsetRecord extends SourceRecord {

    private Map<String, ?> offset;

    ProgressOffsetRecord(Map<String, ?> partition, Map<String, ?> offset, String topic, Schema keySchema,
                         Object key, Schema valueSchema, Object value, Headers headers) {
        super(partition, offset, topic, null, keySchema, key, valueSchema, value, null, headers);
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
}
