package io.mysqlflinkcdc.connect.record;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.connect.source.SourceRecord;

import io.mysqlflinkcdc.connect.offset.OffsetCodec;

/**
 * Tells whether every snapshot record handed to Connect so far is in Kafka, by counting those
 * handed over (task thread) against those Connect reports written ({@code SourceTask.commitRecord},
 * on the producer's thread). Connect reports each record it was handed once, written or dropped by
 * a transform, so equal counts mean none is in flight; no record is tracked one by one.
 */
public final class SnapshotRowAcks {

    private long handed;
    private final AtomicLong written = new AtomicLong();

    /** Counts the snapshot records of a batch poll() returns (task thread). */
    public void handing(List<SourceRecord> batch) {
        for (SourceRecord record : batch) {
            if (OffsetCodec.snapshotRunning(record.sourceOffset())) {
                handed++;
            }
        }
    }

    /** A record Connect wrote to Kafka, or dropped (any thread). */
    public void written(SourceRecord record) {
        if (OffsetCodec.snapshotRunning(record.sourceOffset())) {
            written.incrementAndGet();
        }
    }

    /** Whether every snapshot record handed over so far is in Kafka (task thread). */
    public boolean allWritten() {
        return written.get() >= handed;
    }
}
