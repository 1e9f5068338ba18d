package io.mysqlflinkcdc.connect.event;

import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.Schema;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.Struct;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.source.SourceRecord;

/**
 * A row of a snapshot chunk read by the connector's own chunk reader: the row's key as Debezium's
 * table schema builds it and the values of its value schema, without the value struct and the
 * change envelope and source struct Debezium's snapshot wraps around every row (docs/design.md,
 * "The chunk reader"). It travels through Flink CDC's reader as a record in its shaded classes
 * (with no value of its own); {@link DebeziumRecordReader} reads it.
 */
public final class SnapshotRow extends SourceRecord {

    private final String database;
    private final String table;
    private final Object[] values;
    private final long readAtMs;

    /**
     * @param values   the row's values in the order of the fields of {@code valueSchema}, as
     *                 Debezium's value converters give them, but for DECIMAL values outside the
     *                 key, which may be the text the record carries when decimals are written as
     *                 text (ColumnConversions takes either)
     * @param readAtMs when the row was read (epoch ms): what Debezium's snapshot gives as the
     *                 source timestamp of a row
     */
    public SnapshotRow(String database, String table, Schema keySchema, Struct key, Schema valueSchema,
                       Object[] values, long readAtMs) {
        super(null, null, null, null, keySchema, key, valueSchema, null);
        this.database = database;
        this.table = table;
        this.values = values;
        this.readAtMs = readAtMs;
    }

    /** The values of the fields of {@link #valueSchema()}, in order; not a copy. */
    public Object[] values() {
        return values;
    }

    public String database() {
        return database;
    }

    public String table() {
        return table;
    }

    public long readAtMs() {
        return readAtMs;
    }
}
