package org.apache.flink.cdc.connectors.mysql.source;

import java.util.Map;

import org.apache.flink.cdc.connectors.mysql.debezium.dispatcher.SignalEventDispatcher;
import org.apache.flink.cdc.connectors.mysql.debezium.dispatcher.SignalEventDispatcher.WatermarkKind;
import org.apache.flink.cdc.connectors.mysql.source.offset.BinlogOffset;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.Schema;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.Struct;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.source.SourceRecord;

/**
 * The low and high watermark records around a chunk's rows, in the form Flink CDC's reader and
 * record emitter recognise (its {@code RecordUtils}): the high one is where Flink CDC's reader takes
 * the chunk's high watermark from, and the reader refuses to finish a chunk without it. Flink CDC
 * builds them inside its Debezium snapshot task, which the connector's chunk reader does without.
 * ConnectorRecordEmitterTest fails if they stop being Flink CDC's own.
 */
final class ChunkWatermarks {

    private static final Schema KEY_SCHEMA = SchemaBuilder.struct()
            .name(SignalEventDispatcher.SIGNAL_EVENT_KEY_SCHEMA_NAME)
            .field(SignalEventDispatcher.SPLIT_ID_KEY, Schema.STRING_SCHEMA)
            .field(SignalEventDispatcher.WATERMARK_SIGNAL, Schema.BOOLEAN_SCHEMA)
            .build();
    private static final Schema VALUE_SCHEMA = SchemaBuilder.struct()
            .name(SignalEventDispatcher.SIGNAL_EVENT_VALUE_SCHEMA_NAME)
            .field(SignalEventDispatcher.SPLIT_ID_KEY, Schema.STRING_SCHEMA)
            .field(SignalEventDispatcher.WATERMARK_KIND, Schema.STRING_SCHEMA)
            .build();

    private ChunkWatermarks() {
    }

    static SourceRecord low(String splitId, BinlogOffset position) {
        return watermark(splitId, position, WatermarkKind.LOW);
    }

    static SourceRecord high(String splitId, BinlogOffset position) {
        return watermark(splitId, position, WatermarkKind.HIGH);
    }

    private static SourceRecord watermark(String splitId, BinlogOffset position, WatermarkKind kind) {
        Struct key = new Struct(KEY_SCHEMA)
                .put(SignalEventDispatcher.SPLIT_ID_KEY, splitId)
                .put(SignalEventDispatcher.WATERMARK_SIGNAL, true);
        Struct value = new Struct(VALUE_SCHEMA)
                .put(SignalEventDispatcher.SPLIT_ID_KEY, splitId)
                .put(SignalEventDispatcher.WATERMARK_KIND, kind.toString());
        return new SourceRecord(Map.of(), position.getOffset(), null, KEY_SCHEMA, key, VALUE_SCHEMA, value);
    }
}
