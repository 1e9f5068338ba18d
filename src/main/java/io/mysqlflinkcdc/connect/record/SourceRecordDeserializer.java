package io.mysqlflinkcdc.connect.record;

import java.util.List;
import java.util.Map;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.cdc.debezium.DebeziumDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.connect.source.SourceRecord;

import io.mysqlflinkcdc.connect.event.DebeziumRecordReader;
import io.mysqlflinkcdc.connect.format.ColumnConversions;
import io.mysqlflinkcdc.connect.offset.OffsetCodec;
import io.mysqlflinkcdc.connect.offset.StoredOffset;
import io.mysqlflinkcdc.connect.offset.TableResumePoints;
import io.mysqlflinkcdc.connect.schema.TableSchemaListener;

/**
 * Runs inside the Flink job's reader threads and turns each Flink CDC record straight into the
 * worker's {@link SourceRecord}s, so the Connect task thread only drains the hand-over.
 */
public final class SourceRecordDeserializer implements DebeziumDeserializationSchema<SourceRecord>, TableSchemaListener,
        SnapshotChunkListener<SourceRecord> {

    private static final long serialVersionUID = 2L;

    private final RecordSettings settings;
    private final List<String> tables;
    private final TableResumePoints resumePoints;
    private transient DebeziumRecordReader reader;
    private transient SourceRecordFactory factory;

    /** @see SourceRecordFactory#SourceRecordFactory(RecordSettings, List, TableResumePoints) */
    public SourceRecordDeserializer(RecordSettings settings, List<String> tables, TableResumePoints resumePoints) {
        this.settings = settings;
        this.tables = List.copyOf(tables);
        this.resumePoints = resumePoints;
    }

    @Override
    public void deserialize(org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.source.SourceRecord record,
                            Collector<SourceRecord> out) {
        init();
        reader.read(record).ifPresent(event -> factory.toRecords(event, out::collect));
    }

    @Override
    public void tableSchemasChanged(String encoded) {
        init();
        factory.tableSchemasChanged(encoded);
    }

    @Override
    public void snapshotChunkCompleted(String table, int id, String start, String end,
                                       Map<String, String> highWatermark, Collector<SourceRecord> out) {
        init();
        if (!(OffsetCodec.decode(highWatermark) instanceof StoredOffset.Streaming watermark)) {
            throw new IllegalStateException("the high watermark of chunk " + id + " of " + table
                    + " is no binlog position: " + highWatermark);
        }
        out.collect(factory.snapshotChunkCompleted(new SnapshotChunk(table, id, start, end, watermark.position())));
    }

    private void init() {
        if (reader == null) {
            KeyColumnOverrides keyColumns = KeyColumnOverrides.parse(settings.keyColumns());
            reader = new DebeziumRecordReader(settings.topicPrefix(),
                    new ColumnConversions(settings.decimals(), settings.temporals()),
                    (database, table) -> keyColumns.columnsFor(database, table).isPresent());
            factory = new SourceRecordFactory(settings, tables, resumePoints);
        }
    }

    @Override
    public TypeInformation<SourceRecord> getProducedType() {
        return TypeInformation.of(SourceRecord.class);
    }
}
