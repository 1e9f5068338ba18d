package io.mysqlflinkcdc.connect.record;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * A record of one captured table, which it names: once topics are routed, the topic no longer
 * says which table a record came from, and the task's metrics count per table.
 *
 * <p>The new row of an update that moved a row to a new key carries the old key's tombstone, so
 * the two travel through the hand-over as one element and reach Connect in the same poll(), the
 * tombstone first (docs/design.md, "Key changes").
 */
public final class TableRecord extends ProgressOffsetRecord {

    private final String sourceTable;
    private final TableRecord oldKeyTombstone;
    /** See {@link RecordBytes}; -1 until measured. */
    private long approximateBytes = -1;

    public TableRecord(String sourceTable, Map<String, ?> partition, Map<String, ?> offset, String topic,
                Schema keySchema, Object key, Schema valueSchema, Object value, Headers headers) {
        this(sourceTable, partition, offset, topic, keySchema, key, valueSchema, value, headers, null);
    }

    TableRecord(String sourceTable, Map<String, ?> partition, Map<String, ?> offset, String topic, Schema keySchema,
                Object key, Schema valueSchema, Object value, Headers headers, TableRecord oldKeyTombstone) {
        super(partition, offset, topic, keySchema, key, valueSchema, value, headers);
        this.sourceTable = sourceTable;
        this.oldKeyTombstone = oldKeyTombstone;
    }

    long approximateBytes() {
        if (approximateBytes < 0) {
            approximateBytes = RecordBytes.measure(this);
        }
        return approximateBytes;
    }

    /** The old key's tombstone this new row carries, or null. */
    TableRecord oldKeyTombstone() {
        return oldKeyTombstone;
    }

    /** {@code db.table} the record came from. */
    public String sourceTable() {
        return sourceTable;
    }

    /**
     * The records to give Connect: each key change's tombstone right before its new row. Returns
     * {@code batch} itself when it holds no key change.
     */
    public static List<SourceRecord> inDeliveryOrder(List<SourceRecord> batch) {
        int keyChanges = 0;
        for (SourceRecord record : batch) {
            if (record instanceof TableRecord row && row.oldKeyTombstone != null) {
                keyChanges++;
            }
        }
        if (keyChanges == 0) {
            return batch;
        }
        List<SourceRecord> delivered = new ArrayList<>(batch.size() + keyChanges);
        for (SourceRecord record : batch) {
            if (record instanceof TableRecord row && row.oldKeyTombstone != null) {
                delivered.add(row.oldKeyTombstone);
            }
            delivered.add(record);
        }
        return delivered;
    }
}
