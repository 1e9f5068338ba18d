package io.mysqlflinkcdc.connect.record;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.cdc.debezium.DebeziumDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.connect.source.SourceRecord;

import io.mysqlflinkcdc.connect.event.DebeziumRecordReader;
import io.mysqlflinkcdc.connect.format.ColumnConversions;

/**
 * Runs inside the Flink job's reader threads and turns each Flink CDC record straight into the
 * worker's {@link SourceRecord}s, so the Connect task thread only drains the hand-over.
 */
public final class SourceRecordDeserializer implements DebeziumDeserializationSchema<SourceRecord> {

    private static final long serialVersionUID = 2L;

    private final RecordSettings settings;
    private transient DebeziumRecordReader reader;
    private transient SourceRecordFactory factory;

    public SourceRecordDeserializer(RecordSettings settings) {
        this.settings = settings;
    }

    @Override
    public void deserialize(org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.source.SourceRecord record,
                            Collector<SourceRecord> out) {
        if (reader == null) {
            reader = new DebeziumRecordReader(settings.topicPrefix(),
                    new ColumnConversions(settings.decimals(), settings.temporals()));
            factory = new SourceRecordFactory(settings);
        }
        reader.read(record).ifPresent(event -> factory.toRecords(event, out::collect));
    }

    @Override
    public TypeInformation<SourceRecord> getProducedType() {
        return TypeInformation.of(SourceRecord.class);
    }
}
