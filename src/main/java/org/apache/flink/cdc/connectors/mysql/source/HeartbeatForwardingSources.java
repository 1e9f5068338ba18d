package org.apache.flink.cdc.connectors.mysql.source;

import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.cdc.connectors.mysql.source.metrics.MySqlSourceReaderMetrics;
import org.apache.flink.cdc.connectors.mysql.source.reader.MySqlRecordEmitter;
import org.apache.flink.cdc.connectors.mysql.source.split.MySqlSplitState;
import org.apache.flink.cdc.connectors.mysql.source.utils.RecordUtils;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.source.SourceRecord;
import org.apache.flink.cdc.debezium.DebeziumDeserializationSchema;
import org.apache.flink.util.Collector;

/**
 * Flink CDC 3.5's MySqlSource consumes binlog heartbeats internally and never hands them to the
 * deserializer. The Connect task needs them: they are its only way to move the stored offset
 * forward while captured tables are idle. MySqlSource accepts a custom record emitter only through
 * a package-private constructor, hence this small class in Flink CDC's package.
 */
public final class HeartbeatForwardingSources {

    private HeartbeatForwardingSources() {
    }

    /** A copy of {@code source} that also passes binlog heartbeats to {@code deserializer}. */
    public static <T> MySqlSource<T> forwardHeartbeats(MySqlSource<T> source,
                                                       DebeziumDeserializationSchema<T> deserializer) {
        return new MySqlSource<>(source.getConfigFactory(), deserializer,
                (metrics, sourceConfig) -> new Emitter<>(deserializer, metrics, sourceConfig.isIncludeSchemaChanges()));
    }

    static final class Emitter<T> extends MySqlRecordEmitter<T> {

        private final DebeziumDeserializationSchema<T> deserializer;

        Emitter(DebeziumDeserializationSchema<T> deserializer, MySqlSourceReaderMetrics metrics,
                boolean includeSchemaChanges) {
            super(deserializer, metrics, includeSchemaChanges);
            this.deserializer = deserializer;
        }

        @Override
        protected void processElement(SourceRecord element, SourceOutput<T> output, MySqlSplitState splitState)
                throws Exception {
            super.processElement(element, output, splitState);
            if (splitState.isBinlogSplitState() && RecordUtils.isHeartbeatEvent(element)) {
                deserializer.deserialize(element, new Collector<>() {
                    @Override
                    public void collect(T record) {
                        output.collect(record);
                    }

                    @Override
                    public void close() {
                    }
                });
            }
        }
    }
}
