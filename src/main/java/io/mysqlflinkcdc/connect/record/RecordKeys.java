package io.mysqlflinkcdc.connect.record;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;

import io.mysqlflinkcdc.connect.event.ChangeEvent;
import io.mysqlflinkcdc.connect.event.LatestSchemaCache;

/**
 * The Kafka key of a change: the primary key, or the columns message.key.columns names for the
 * table. Also the key a row had before an update that changed it, which needs a tombstone.
 */
final class RecordKeys {

    /** @param previous key before an update that changed it, else {@code null} */
    record Keys(Struct key, Struct previous) {
    }

    private final KeyColumnOverrides overrides;
    /** Key schema per row schema, for overridden tables (row schemas are reused, so this hits). */
    private final LatestSchemaCache<Schema, Schema> keySchemas = new LatestSchemaCache<>(Schema::name);

    RecordKeys(KeyColumnOverrides overrides) {
        this.overrides = overrides;
    }

    Keys of(ChangeEvent event) {
        List<String> columns = overrides.columnsFor(event.database(), event.table()).orElse(null);
        if (columns != null) {
            Struct row = event.after() != null ? event.after() : event.before();
            Struct key = project(row, columns, event);
            Struct previous = event.kind() == ChangeEvent.Kind.UPDATE ? project(event.before(), columns, event) : null;
            return new Keys(key, Objects.equals(previous, key) ? null : previous);
        }
        if (event.key() == null) {
            throw new ConnectException("Table " + event.database() + "." + event.table() + " has no primary key, so "
                    + "its changes have no Kafka key and a compacted topic cannot hold them. Name the columns that "
                    + "identify a row in message.key.columns (e.g. \"" + event.database() + "\\\\." + event.table()
                    + ":id\"), or leave the table out with table.exclude.list.");
        }
        return new Keys(event.key(), changedKey(event.key(), event.before()));
    }

    /** The key the row had before an update, when the update changed it (else null). */
    static Struct changedKey(Struct key, Struct before) {
        if (before == null) {
            return null;
        }
        Struct previous = new Struct(key.schema());
        for (Field field : key.schema().fields()) {
            previous.put(field, before.get(field.name()));
        }
        return Objects.equals(previous, key) ? null : previous;
    }

    private Struct project(Struct row, List<String> columns, ChangeEvent event) {
        if (row == null) {
            return null;
        }
        Schema keySchema = keySchemas.get(row.schema(), rowSchema -> keySchema(rowSchema, columns, event));
        Struct key = new Struct(keySchema);
        for (Field field : keySchema.fields()) {
            key.put(field, row.get(field.name()));
        }
        return key;
    }

    private static Schema keySchema(Schema rowSchema, List<String> columns, ChangeEvent event) {
        String name = rowSchema.name() == null ? null : rowSchema.name().replaceAll("\\.Value$", ".Key");
        SchemaBuilder builder = SchemaBuilder.struct().name(name);
        for (String column : columns) {
            Field field = rowSchema.fields().stream().filter(f -> f.name().equalsIgnoreCase(column)).findFirst()
                    .orElseThrow(() -> new ConnectException("message.key.columns names column '" + column
                            + "' for table " + event.database() + "." + event.table() + ", which has no such column "
                            + "(it has " + rowSchema.fields().stream().map(Field::name).toList() + ")"));
            builder.field(field.name(), field.schema());
        }
        return builder.build();
    }
}
