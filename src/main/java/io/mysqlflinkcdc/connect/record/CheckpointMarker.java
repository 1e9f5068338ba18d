package io.mysqlflinkcdc.connect.record;

import java.util.Map;

import org.apache.kafka.connect.source.SourceRecord;

/**
 * Not a record for Kafka: stands in the hand-over where the embedded job took checkpoint
 * {@link #checkpointId()}, after the records the checkpoint covers. The task takes it out.
 */
public final class CheckpointMarker extends SourceRecord {

    private final long checkpointId;

    private CheckpointMarker(long checkpointId) {
        super(Map.of(), Map.of(), "", null, null);
        this.checkpointId = checkpointId;
    }

    public static SourceRecord of(Long checkpointId) {
        return new CheckpointMarker(checkpointId);
    }

    public long checkpointId() {
        return checkpointId;
    }
}
