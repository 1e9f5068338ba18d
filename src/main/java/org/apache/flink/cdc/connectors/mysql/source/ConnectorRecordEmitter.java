package org.apache.flink.cdc.connectors.mysql.source;

import java.io.IOException;

import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.cdc.connectors.mysql.source.metrics.MySqlSourceReaderMetrics;
import org.apache.flink.cdc.connectors.mysql.source.reader.MySqlRecordEmitter;
import org.apache.flink.cdc.connectors.mysql.source.split.MySqlSnapshotSplit;
import org.apache.flink.cdc.connectors.mysql.source.split.MySqlSplitState;
import org.apache.flink.cdc.connectors.mysql.source.utils.RecordUtils;
import org.apache.flink.cdc.connectors.mysql.source.utils.SerializerUtils;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.source.SourceRecord;
import org.apache.flink.cdc.debezium.DebeziumDeserializationSchema;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.debezium.document.DocumentReader;

import io.mysqlflinkcdc.connect.event.SnapshotRow;
import io.mysqlflinkcdc.connect.record.SnapshotChunkListener;
import io.mysqlflinkcdc.connect.schema.TableSchemaListener;
import io.mysqlflinkcdc.connect.schema.TableSchemasCodec;

/**
 * Flink CDC's record emitter, plus what its deserializer never sees otherwise:
 * <ul>
 *   <li>binlog heartbeats, the task's only way to move its offset while captured tables are idle;</li>
 *   <li>the rows of the connector's own chunk reader ({@link SnapshotRow}, see {@link JdbcChunkReader});</li>
 *   <li>the end of each snapshot chunk (its high watermark), told to a {@link SnapshotChunkListener}
 *       deserializer, which marks the chunk done in the offsets;</li>
 *   <li>of tables snapshotted with an additional-condition, only the rows that match it
 *       ({@link ChunkRowFilter});</li>
 *   <li>the binlog split's table schemas (Flink CDC keeps them current through every DDL), told to a
 *       {@link TableSchemaListener} deserializer when the binlog phase starts and after each DDL.</li>
 * </ul>
 */
final class ConnectorRecordEmitter<T> extends MySqlRecordEmitter<T> {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectorRecordEmitter.class);

    private final DebeziumDeserializationSchema<T> deserializer;
    private final TableSchemaListener schemaListener;
    private final SnapshotChunkListener<T> chunkListener;
    /** Drops snapshot rows that do not match their table's additional-condition; null without any. */
    private final ChunkRowFilter rowFilter;
    private boolean schemasTold;
    /** Where {@link #rowCollector} sends the rows of the batch being emitted. */
    private SourceOutput<T> rowOutput;
    private final Collector<T> rowCollector = new Collector<>() {
        @Override
        public void collect(T record) {
            rowOutput.collect(record);
        }

        @Override
        public void close() {
        }
    };

    ConnectorRecordEmitter(DebeziumDeserializationSchema<T> deserializer, MySqlSourceReaderMetrics metrics,
                           boolean includeSchemaChanges) {
        this(deserializer, metrics, includeSchemaChanges, null);
    }

    ConnectorRecordEmitter(DebeziumDeserializationSchema<T> deserializer, MySqlSourceReaderMetrics metrics,
                           boolean includeSchemaChanges, ChunkRowFilter rowFilter) {
        super(deserializer, metrics, includeSchemaChanges);
        this.deserializer = deserializer;
        this.rowFilter = rowFilter;
        this.schemaListener = deserializer instanceof TableSchemaListener listener ? listener : null;
        @SuppressWarnings("unchecked")
        SnapshotChunkListener<T> chunks = deserializer instanceof SnapshotChunkListener<?> listener
                ? (SnapshotChunkListener<T>) listener : null;
        this.chunkListener = chunks;
    }

    @Override
    protected void processElement(SourceRecord element, SourceOutput<T> output, MySqlSplitState splitState)
            throws Exception {
        if (element instanceof SnapshotRow) {
            // The connector's chunk reader: a row without Debezium's envelope, which Flink CDC's
            // emitter would not recognise (nor need: a chunk's state changes at its watermarks only).
            if (rowFilter == null || rowFilter.passes(element)) {
                rowOutput = output;
                deserializer.deserialize(element, rowCollector);
            }
            return;
        }
        boolean binlog = splitState.isBinlogSplitState();
        if (binlog && !schemasTold) {
            tellSchemas(splitState);
        }
        if (!binlog && rowFilter != null) {
            if (RecordUtils.isLowWatermarkEvent(element)) {
                rowFilter.chunkStarts(splitState.asSnapshotSplitState().toMySqlSplit());
            } else if (RecordUtils.isHighWatermarkEvent(element)) {
                rowFilter.chunkEnds();
            } else if (RecordUtils.isDataChangeRecord(element) && !rowFilter.passes(element)) {
                return;
            }
        }
        super.processElement(element, output, splitState);
        if (binlog && RecordUtils.isSchemaChangeEvent(element)) {
            // super recorded the changed table in the split state; records from here on carry it.
            tellSchemas(splitState);
            warnIfTruncate(element);
        }
        if (binlog && RecordUtils.isHeartbeatEvent(element)) {
            deserializer.deserialize(element, collector(output));
        }
        if (!binlog && chunkListener != null && RecordUtils.isHighWatermarkEvent(element)) {
            // super emitted the chunk's rows before this event: the chunk is in the hand-over.
            MySqlSnapshotSplit chunk = splitState.asSnapshotSplitState().toMySqlSplit();
            chunkListener.snapshotChunkCompleted(TableSchemasCodec.qualifiedName(chunk.getTableId()),
                    chunkNumber(chunk.splitId()), boundary(chunk.getSplitStart()), boundary(chunk.getSplitEnd()),
                    RecordUtils.getWatermark(element).getOffset(), collector(output));
        }
    }

    /** Flink CDC names chunks {@code <table id>:<number>}. */
    static int chunkNumber(String splitId) {
        return Integer.parseInt(splitId.substring(splitId.lastIndexOf(':') + 1));
    }

    private static String boundary(Object[] key) {
        return key == null ? null : SerializerUtils.rowToSerializedString(key);
    }

    private static <T> Collector<T> collector(SourceOutput<T> output) {
        return new Collector<>() {
            @Override
            public void collect(T record) {
                output.collect(record);
            }

            @Override
            public void close() {
            }
        };
    }

    /**
     * TRUNCATE reaches the binlog as a statement, without the keys of the rows it removed, so no
     * tombstones can be written: say so, once per statement, with the way to resynchronise.
     */
    private static void warnIfTruncate(SourceRecord element) {
        var value = (org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.Struct) element.value();
        if (value == null || value.schema().field("historyRecord") == null) {
            return;
        }
        String history = value.getString("historyRecord");
        try {
            String ddl = history == null ? "" : DocumentReader.defaultReader().read(history).getString("ddl", "");
            if (ddl.trim().regionMatches(true, 0, "TRUNCATE", 0, 8)) {
                LOG.warn("'{}' read from the binlog at {}: TRUNCATE removes rows without listing their keys, so no "
                        + "tombstones are written and the table's topic still holds the removed rows. To make the "
                        + "topic match the table again: stop the connector, delete the table's topic, resume it, and "
                        + "insert an execute-snapshot signal for the table into the signal table "
                        + "(signal.data.collection; README, \"Snapshots on demand\"). Without a signal table, "
                        + "DELETE the connector's offsets instead (a new snapshot of every table).",
                        ddl.trim(), element.sourceOffset());
            }
        } catch (IOException e) {
            LOG.warn("Could not read the DDL of a schema change at {}: {}", element.sourceOffset(), e.toString());
        }
    }

    private void tellSchemas(MySqlSplitState splitState) {
        schemasTold = true;
        if (schemaListener != null) {
            schemaListener.tableSchemasChanged(
                    TableSchemasCodec.encode(splitState.asBinlogSplitState().getTableSchemas()));
        }
    }
}
