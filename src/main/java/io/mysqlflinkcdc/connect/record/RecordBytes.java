package io.mysqlflinkcdc.connect.record;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * A record's approximate size in memory, for the byte bound of the hand-over: the lengths of its
 * binary and text values, 8 bytes for anything else. Wide rows are what it must catch; it need not
 * be exact.
 */
public final class RecordBytes {

    private static final long SMALL = 8;

    private RecordBytes() {
    }

    /** Measured once per {@link TableRecord} (the hand-over asks on put and on drain). */
    public static long of(SourceRecord record) {
        return record instanceof TableRecord row ? row.approximateBytes() : measure(record);
    }

    static long measure(SourceRecord record) {
        long bytes = of(record.key()) + of(record.value());
        if (record instanceof TableRecord row && row.oldKeyTombstone() != null) {
            bytes += of(row.oldKeyTombstone().key());
        }
        return bytes;
    }

    static long of(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof Struct struct) {
            // Once per row on the engine's thread: by index, and fixed-width fields by their type alone.
            long bytes = SMALL;
            List<Field> fields = struct.schema().fields();
            for (int i = 0, count = fields.size(); i < count; i++) {
                Field field = fields.get(i);
                bytes += switch (field.schema().type()) {
                    case STRING, BYTES, STRUCT, ARRAY, MAP -> of(struct.get(field));
                    default -> SMALL;
                };
            }
            return bytes;
        }
        if (value instanceof byte[] array) {
            return array.length;
        }
        if (value instanceof ByteBuffer buffer) {
            return buffer.remaining();
        }
        if (value instanceof CharSequence text) {
            return text.length();
        }
        if (value instanceof Collection<?> items) {
            long bytes = SMALL;
            for (Object item : items) {
                bytes += of(item);
            }
            return bytes;
        }
        if (value instanceof Map<?, ?> map) {
            long bytes = SMALL;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                bytes += of(entry.getKey()) + of(entry.getValue());
            }
            return bytes;
        }
        return SMALL;
    }
}
