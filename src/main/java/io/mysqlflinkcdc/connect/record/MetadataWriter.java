package io.mysqlflinkcdc.connect.record;

import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Headers;

import io.mysqlflinkcdc.connect.event.ChangeEvent;
import io.mysqlflinkcdc.connect.event.LatestSchemaCache;

/** Adds the configured {@code metadata.fields} to record values and/or headers. */
final class MetadataWriter {

    private final List<MetadataField> fields;
    private final boolean inValue;
    private final boolean inHeaders;
    private final LatestSchemaCache<Schema, Schema> valueSchemas = new LatestSchemaCache<>(Schema::name);

    MetadataWriter(List<MetadataField> fields, MetadataLocation location) {
        this.fields = fields;
        this.inValue = !fields.isEmpty() && location.inValue();
        this.inHeaders = !fields.isEmpty() && location.inHeaders();
    }

    /** The row, with the metadata fields appended when they go into the value. */
    Struct value(ChangeEvent event, Struct row) {
        if (!inValue) {
            return row;
        }
        Schema schema = valueSchemas.get(row.schema(), this::withMetadata);
        Struct value = new Struct(schema);
        for (Field field : row.schema().fields()) {
            value.put(field.name(), row.get(field));
        }
        for (MetadataField field : fields) {
            value.put(field.fieldName(), valueOf(field, event, op(event)));
        }
        return value;
    }

    /** Headers for one record ({@code null} when none are configured); {@code op} as this record states it. */
    Headers headers(ChangeEvent event, String op) {
        if (!inHeaders) {
            return null;
        }
        ConnectHeaders headers = new ConnectHeaders();
        for (MetadataField field : fields) {
            Object value = valueOf(field, event, op);
            if (value != null) {
                headers.add(field.fieldName(), value, field.schema());
            }
        }
        return headers;
    }

    static String op(ChangeEvent event) {
        return switch (event.kind()) {
            case SNAPSHOT_READ -> "r";
            case INSERT -> "c";
            case UPDATE -> "u";
            case DELETE -> "d";
            case HEARTBEAT -> throw new IllegalArgumentException("heartbeats carry no change");
        };
    }

    private static Object valueOf(MetadataField field, ChangeEvent event, String op) {
        return switch (field) {
            case OP -> op;
            case SOURCE_TS_MS -> event.sourceTsMs();
            case DB -> event.database();
            case TABLE -> event.table();
            case FILE -> event.position() == null ? null : event.position().file();
            case POS -> event.position() == null ? null : event.position().pos();
            case SNAPSHOT -> event.kind() == ChangeEvent.Kind.SNAPSHOT_READ;
        };
    }

    private Schema withMetadata(Schema rowSchema) {
        SchemaBuilder builder = SchemaBuilder.struct().name(rowSchema.name());
        rowSchema.fields().forEach(field -> builder.field(field.name(), field.schema()));
        fields.forEach(field -> builder.field(field.fieldName(), field.schema()));
        return builder.build();
    }
}
