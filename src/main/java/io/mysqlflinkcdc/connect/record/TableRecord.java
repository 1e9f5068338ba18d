package io.mysqlflinkcdc.connect.record;

import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * A record of one captured table, which it names: once topics are routed, the topic no longer
 * says which table a record came from, and the task's metrics count per table.
 */
public final class TableRecord extends SourceRecord {

    private final String sourceTable;

    public TableRecord(String sourceTable, Map<String, ?> partition, Map<String, ?> offset, String topic,
                Schema keySchema, Object key, Schema valueSchema, Object value, Headers headers) {
        super(partition, offset, topic, null, keySchema, key, valueSchema, value, null, headers);
        this.sourceTable = sourceTable;
    }

    /** {@code db.table} the record came from. */
    public String sourceTable() {
        return sourceTable;
    }
}
