package io.mysqlflinkcdc.connect.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

class RecordBytesTest {

    private static final Schema KEY = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).build();
    private static final Schema VALUE = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA)
            .field("note", Schema.OPTIONAL_STRING_SCHEMA).field("payload", Schema.OPTIONAL_BYTES_SCHEMA).build();

    private static TableRecord row(String note, byte[] payload) {
        return new TableRecord("shop.t", Map.of(), Map.of(), "topic", KEY, new Struct(KEY).put("id", 1), VALUE,
                new Struct(VALUE).put("id", 1).put("note", note).put("payload", payload), null);
    }

    @Test
    void wideValuesCountWithTheirLength() {
        long wide = RecordBytes.of(row("hello", new byte[512 * 1024]));
        assertTrue(wide >= 512 * 1024 + 5 && wide < 512 * 1024 + 100, Long.toString(wide));
        long narrow = RecordBytes.of(row(null, null));
        assertTrue(narrow > 0 && narrow < 100, Long.toString(narrow));
    }

    @Test
    void aRecordIsMeasuredOnce() {
        TableRecord record = row("hello", new byte[1000]);
        long first = RecordBytes.of(record);
        ((Struct) record.value()).put("payload", new byte[10]);
        assertEquals(first, RecordBytes.of(record), "the size stays what it was when the record was handed over");
    }
}
