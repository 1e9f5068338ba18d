package org.apache.flink.cdc.connectors.mysql.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.cdc.connectors.mysql.debezium.dispatcher.SignalEventDispatcher;
import org.apache.flink.cdc.connectors.mysql.source.config.MySqlSourceConfigFactory;
import org.apache.flink.cdc.connectors.mysql.source.metrics.MySqlSourceReaderMetrics;
import org.apache.flink.cdc.connectors.mysql.source.offset.BinlogOffset;
import org.apache.flink.cdc.connectors.mysql.source.split.MySqlSnapshotSplit;
import org.apache.flink.cdc.connectors.mysql.source.split.MySqlSnapshotSplitState;
import org.apache.flink.cdc.connectors.mysql.source.utils.RecordUtils;
import org.apache.flink.cdc.connectors.mysql.source.utils.SerializerUtils;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.Schema;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.source.SourceRecord;
import org.apache.flink.cdc.debezium.DebeziumDeserializationSchema;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

import io.debezium.connector.base.ChangeEventQueue;
import io.debezium.pipeline.DataChangeEvent;
import io.debezium.relational.TableId;
import io.debezium.util.LoggingContext;

import io.mysqlflinkcdc.connect.event.DebeziumRecordReader;
import io.mysqlflinkcdc.connect.event.SnapshotRow;
import io.mysqlflinkcdc.connect.record.SnapshotChunkListener;

/**
 * Pins what the connector's classes in Flink CDC's packages take from Flink CDC 3.5 beyond its
 * public API, with Flink CDC's own objects: the high-watermark event that ends a snapshot chunk,
 * the chunk's split id and boundaries, and the server name its schemas are named after. When an
 * upgrade changes them, these fail (docs/design.md, "Flink CDC internals").
 */
class ConnectorRecordEmitterTest {

    /** A deserializer that records the chunk ends it is told about. */
    private static final class ChunkRecorder implements DebeziumDeserializationSchema<String>,
            SnapshotChunkListener<String> {
        final List<String> chunks = new ArrayList<>();

        @Override
        public void deserialize(SourceRecord record, Collector<String> out) {
            out.collect("row");
        }

        @Override
        public void snapshotChunkCompleted(String table, int id, String start, String end,
                                           Map<String, String> highWatermark, Collector<String> out) {
            chunks.add(table + " #" + id + " [" + key(start) + ", " + key(end) + ") hw " + highWatermark.get("file") + ":"
                    + highWatermark.get("pos"));
            out.collect("chunk " + id);
        }

        private static String key(String serialized) {
            Object[] key = SerializerUtils.serializedStringToRow(serialized);
            return key.length == 1 ? key[0].toString() : java.util.Arrays.toString(key);
        }

        @Override
        public TypeInformation<String> getProducedType() {
            return Types.STRING;
        }
    }

    private static final class Collected implements SourceOutput<String> {
        final List<String> records = new ArrayList<>();

        @Override
        public void collect(String record) {
            records.add(record);
        }

        @Override
        public void collect(String record, long timestamp) {
            records.add(record);
        }

        @Override
        public void emitWatermark(Watermark watermark) {
        }

        @Override
        public void markIdle() {
        }

        @Override
        public void markActive() {
        }
    }

    private static ConnectorRecordEmitter<String> emitterFor(ChunkRecorder deserializer) {
        return new ConnectorRecordEmitter<>(deserializer,
                new MySqlSourceReaderMetrics(UnregisteredMetricsGroup.createSourceReaderMetricGroup()), false);
    }

    /** Chunk {@code number} of shop.orders, keys [start, end). */
    private static MySqlSnapshotSplit ordersChunk(int number, long start, long end) {
        return new MySqlSnapshotSplit(new TableId("shop", null, "orders"), number, RowType.of(new BigIntType()),
                new Object[] {start}, new Object[] {end}, null, Map.of());
    }

    /** The high watermark Flink CDC's snapshot reader puts after a chunk's rows. */
    private static SourceRecord highWatermark(MySqlSnapshotSplit chunk, BinlogOffset offset) throws Exception {
        ChangeEventQueue<DataChangeEvent> queue = new ChangeEventQueue.Builder<DataChangeEvent>()
                .pollInterval(Duration.ofMillis(1)).maxBatchSize(10).maxQueueSize(10)
                .loggingContextSupplier(() -> LoggingContext.forConnector("mysql", "test", "snapshot")).build();
        new SignalEventDispatcher(Map.of(), "topic", queue).dispatchWatermarkEvent(chunk, offset,
                SignalEventDispatcher.WatermarkKind.HIGH);
        return queue.poll().get(0).getRecord();
    }

    @Test
    void aChunksHighWatermarkTellsTheListenerWhichChunkEndedWhereAfterItsRows() throws Exception {
        ChunkRecorder deserializer = new ChunkRecorder();
        ConnectorRecordEmitter<String> emitter = emitterFor(deserializer);
        MySqlSnapshotSplit chunk = ordersChunk(3, 100L, 200L);
        MySqlSnapshotSplitState state = new MySqlSnapshotSplitState(chunk);
        Collected output = new Collected();

        emitter.processElement(highWatermark(chunk, BinlogOffset.ofBinlogFilePosition("mysql-bin.000003", 4711)),
                output, state);

        assertEquals("shop.orders:3", chunk.splitId(), "Flink CDC's split id: <table id>:<chunk number>");
        assertEquals(List.of("shop.orders #3 [100, 200) hw mysql-bin.000003:4711"), deserializer.chunks,
                "boundaries as Flink CDC serialises split keys (stored in offsets as snapshot_done_until)");
        assertEquals(List.of("chunk 3"), output.records);
        assertEquals(BinlogOffset.ofBinlogFilePosition("mysql-bin.000003", 4711), state.getHighWatermark(),
                "Flink CDC itself recorded the watermark in the split state first");
    }

    @Test
    void theChunkReadersWatermarksAreFlinkCdcsOwn() throws Exception {
        MySqlSnapshotSplit chunk = ordersChunk(3, 100L, 200L);
        BinlogOffset offset = BinlogOffset.ofBinlogFilePosition("mysql-bin.000003", 4711);
        SourceRecord flinkCdcs = highWatermark(chunk, offset);
        SourceRecord ours = ChunkWatermarks.high(chunk.splitId(), offset);

        assertEquals(flinkCdcs.keySchema(), ours.keySchema());
        assertEquals(flinkCdcs.key(), ours.key());
        assertEquals(flinkCdcs.valueSchema(), ours.valueSchema());
        assertEquals(flinkCdcs.value(), ours.value());
        assertEquals(flinkCdcs.sourceOffset(), ours.sourceOffset());
        assertTrue(RecordUtils.isHighWatermarkEvent(ours));
        assertTrue(RecordUtils.isLowWatermarkEvent(ChunkWatermarks.low(chunk.splitId(), offset)));
        assertEquals(offset, RecordUtils.getWatermark(ChunkWatermarks.low(chunk.splitId(), offset)));
    }

    /**
     * A chunk as the connector's chunk reader hands it over: its rows reach the deserializer and the
     * high watermark ends the chunk, also for a table with a column named "op" (an INT here), which
     * Flink CDC's emitter would read as the envelope's operation and fail on.
     */
    @Test
    void theChunkReadersRowsReachTheDeserializerAndItsHighWatermarkEndsTheChunk() throws Exception {
        ChunkRecorder deserializer = new ChunkRecorder();
        ConnectorRecordEmitter<String> emitter = emitterFor(deserializer);
        MySqlSnapshotSplit chunk = ordersChunk(0, 1L, 3L);
        MySqlSnapshotSplitState state = new MySqlSnapshotSplitState(chunk);
        BinlogOffset offset = BinlogOffset.ofBinlogFilePosition("mysql-bin.000003", 4711);
        Schema row = SchemaBuilder.struct().name("mysql_binlog_source.shop.orders.Value")
                .field("id", Schema.INT64_SCHEMA).field("op", Schema.INT32_SCHEMA).build();
        Collected output = new Collected();

        emitter.processElement(ChunkWatermarks.low(chunk.splitId(), offset), output, state);
        for (long id = 1; id <= 2; id++) {
            emitter.processElement(new SnapshotRow("shop", "orders", null, null, row, new Object[] {id, 7}, 0L),
                    output, state);
        }
        emitter.processElement(ChunkWatermarks.high(chunk.splitId(), offset), output, state);

        assertEquals(List.of("row", "row", "chunk 0"), output.records);
        assertEquals(offset, state.getHighWatermark());
    }

    @Test
    void schemasAreNamedAfterTheServerNameFlinkCdcsReadersGiveDebezium() {
        // MySqlSource.createReader: configFactory.createConfig(subtask index), the default server name.
        assertEquals(DebeziumRecordReader.FLINK_CDC_SERVER_NAME, new MySqlSourceConfigFactory().hostname("h")
                .username("u").password("p").databaseList("shop").tableList("shop.orders").createConfig(0)
                .getDbzProperties().getProperty("database.server.name"));
    }
}
