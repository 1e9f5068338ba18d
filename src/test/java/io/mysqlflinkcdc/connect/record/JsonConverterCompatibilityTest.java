package io.mysqlflinkcdc.connect.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import io.mysqlflinkcdc.connect.event.ChangeEvent;
import io.mysqlflinkcdc.connect.event.ChangeEvent.Kind;
import io.mysqlflinkcdc.connect.offset.BinlogPosition;
import io.mysqlflinkcdc.connect.offset.TableResumePoints;

/** The records serialise with the worker's JsonConverter, schemas on and off, deletes as null bytes. */
class JsonConverterCompatibilityTest {

    private static final Schema KEY = SchemaBuilder.struct().name("p.db.t.Key").field("id", Schema.INT64_SCHEMA).build();
    private static final Schema VALUE = SchemaBuilder.struct().name("p.db.t.Value")
            .field("id", Schema.INT64_SCHEMA)
            .field("price", Decimal.builder(2).parameter("connect.decimal.precision", "7").optional().build())
            .build();
    private static final BinlogPosition POSITION = new BinlogPosition("mysql-bin.000001", 4, 0, 0, null, 0, null);

    private final SourceRecordFactory factory = new SourceRecordFactory(
            RecordSettings.defaults("p", "__debezium-heartbeat.p"), List.of(), TableResumePoints.none());

    private static JsonConverter converter(boolean isKey, boolean schemas) {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", Boolean.toString(schemas), "decimal.format", "NUMERIC"), isKey);
        return converter;
    }

    private List<SourceRecord> records(ChangeEvent event) {
        List<SourceRecord> out = new ArrayList<>();
        factory.toRecords(event, out::add);
        return out;
    }

    private static String json(JsonConverter converter, SourceRecord record, boolean key) {
        byte[] bytes = key ? converter.fromConnectData(record.topic(), record.keySchema(), record.key())
                : converter.fromConnectData(record.topic(), record.valueSchema(), record.value());
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void upsertIsPlainJsonWithoutSchemasAndEnvelopedWithSchemas() {
        Struct value = new Struct(VALUE).put("id", 5L).put("price", new BigDecimal("12.50"));
        SourceRecord record = records(new ChangeEvent(Kind.INSERT, "db", "t", new Struct(KEY).put("id", 5L), value,
                null, POSITION, 0L)).get(0);

        assertEquals("{\"id\":5}", json(converter(true, false), record, true));
        assertEquals("{\"id\":5,\"price\":12.50}", json(converter(false, false), record, false));
        String withSchema = json(converter(false, true), record, false);
        assertEquals(true, withSchema.startsWith("{\"schema\":{\"type\":\"struct\""), withSchema);
        assertEquals(true, withSchema.contains("\"name\":\"p.db.t.Value\""), withSchema);
        assertEquals(true, withSchema.endsWith("\"payload\":{\"id\":5,\"price\":12.50}}"), withSchema);
    }

    @Test
    void deleteSerialisesToNullBytesWithAndWithoutSchemas() {
        SourceRecord tombstone = records(new ChangeEvent(Kind.DELETE, "db", "t", new Struct(KEY).put("id", 5L), null,
                null, POSITION, 0L)).get(0);
        assertNull(json(converter(false, false), tombstone, false), "a real tombstone, not the JSON text null");
        assertNull(json(converter(false, true), tombstone, false));
        assertEquals("{\"id\":5}", json(converter(true, false), tombstone, true));
    }
}
