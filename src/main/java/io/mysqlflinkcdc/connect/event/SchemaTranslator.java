package io.mysqlflinkcdc.connect.event;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

import io.mysqlflinkcdc.connect.format.ColumnConversions;

/**
 * Copies schemas and values from the Kafka Connect classes relocated inside Flink CDC's shaded jar
 * into the worker's own Connect classes. The shading also rewrote logical type names (e.g.
 * {@code org.apache.kafka.connect.data.Decimal}); they are restored here so converters recognise them.
 * Each column then goes through its {@link ColumnConversions} (dates as text, decimals as strings...).
 * Not thread-safe: one instance per Flink reader.
 */
final class SchemaTranslator {

    private static final String SHADED_PREFIX = "org.apache.flink.cdc.connectors.shaded.";
    /** Parameters column.propagate.source.type adds: read for precision, not passed on. */
    private static final String SOURCE_PARAMETER_PREFIX = "__debezium.source.";

    /** Field-by-field plan for one struct schema; schemas are reused by Debezium, so look-ups hit. */
    private record StructPlan(Schema target, Field[] targetFields,
                              org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.Field[] sourceFields,
                              Schema[] translatedFields, UnaryOperator<Object>[] conversions, boolean[] copied) {
    }

    private final LatestSchemaCache<org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.Schema,
            StructPlan> plans = new LatestSchemaCache<>(
                    org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.Schema::name);
    private final String fromNamePrefix;
    private final String toNamePrefix;
    private final ColumnConversions columns;

    /**
     * @param fromNamePrefix top-level schema name prefix as Flink CDC writes it (its server name)
     * @param toNamePrefix   what to write instead (the connector's topic prefix)
     * @param columns        how each column is written
     */
    SchemaTranslator(String fromNamePrefix, String toNamePrefix, ColumnConversions columns) {
        this.fromNamePrefix = fromNamePrefix + ".";
        this.toNamePrefix = toNamePrefix + ".";
        this.columns = columns;
    }

    Struct struct(org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.Struct source) {
        if (source == null) {
            return null;
        }
        StructPlan plan = plan(source.schema());
        Struct target = new Struct(plan.target());
        var sourceFields = plan.sourceFields();
        for (int i = 0; i < sourceFields.length; i++) {
            put(plan, target, i, valueWithoutDefault(source, sourceFields[i]));
        }
        return target;
    }

    /**
     * A field's value as Debezium set it. {@code Struct.get} gives a null field its schema's default,
     * and Debezium gives a column's schema the column's DEFAULT: a NULL in such a column would be
     * written as the DEFAULT. get returns the default object itself then, so only that case is looked
     * up again.
     */
    private static Object valueWithoutDefault(
            org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.Struct source,
            org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.Field field) {
        Object value = source.get(field);
        Object defaultValue = field.schema().defaultValue();
        return value != null && value == defaultValue ? source.getWithoutDefault(field.name()) : value;
    }

    /** A struct of {@code schema} from its field values in order, as a shaded struct of it would hold them. */
    Struct struct(org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.Schema schema, Object[] values) {
        StructPlan plan = plan(schema);
        Struct target = new Struct(plan.target());
        for (int i = 0; i < values.length; i++) {
            put(plan, target, i, values[i]);
        }
        return target;
    }

    private void put(StructPlan plan, Struct target, int field, Object value) {
        Object copy = plan.copied()[field] ? value(value, plan.translatedFields()[field]) : value;
        target.put(plan.targetFields()[field], copy == null ? null : plan.conversions()[field].apply(copy));
    }

    private StructPlan plan(org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.Schema source) {
        return plans.get(source, this::newPlan);
    }

    /** Entries in the plan cache: one per table, whatever its number of schema changes. */
    int cachedPlans() {
        return plans.size();
    }

    @SuppressWarnings("unchecked")
    private StructPlan newPlan(org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.Schema source) {
        var sourceFields = source.fields().toArray(
                new org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.Field[0]);
        Schema[] translated = new Schema[sourceFields.length];
        UnaryOperator<Object>[] conversions = new UnaryOperator[sourceFields.length];
        SchemaBuilder target = structBuilder(source);
        for (int i = 0; i < sourceFields.length; i++) {
            translated[i] = schema(sourceFields[i].schema());
            ColumnConversions.Column column = columns.column(translated[i], sourceFields[i].schema().parameters());
            conversions[i] = column.conversion();
            target.field(sourceFields[i].name(), column.schema());
        }
        Schema built = target.build();
        // Numbers (BigDecimal too), text and booleans are immutable and the same classes on both
        // sides: passed as they are.
        boolean[] copied = new boolean[sourceFields.length];
        for (int i = 0; i < sourceFields.length; i++) {
            copied[i] = switch (translated[i].type()) {
                case STRUCT, ARRAY, MAP -> true;
                case BYTES -> !Decimal.LOGICAL_NAME.equals(translated[i].name());
                default -> false;
            };
        }
        return new StructPlan(built, built.fields().toArray(new Field[0]), sourceFields, translated, conversions,
                copied);
    }

    private SchemaBuilder structBuilder(org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.Schema source) {
        return describe(SchemaBuilder.struct(), source);
    }

    Schema schema(org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.Schema source) {
        SchemaBuilder builder = switch (source.type()) {
            case INT8 -> SchemaBuilder.int8();
            case INT16 -> SchemaBuilder.int16();
            case INT32 -> SchemaBuilder.int32();
            case INT64 -> SchemaBuilder.int64();
            case FLOAT32 -> SchemaBuilder.float32();
            case FLOAT64 -> SchemaBuilder.float64();
            case BOOLEAN -> SchemaBuilder.bool();
            case STRING -> SchemaBuilder.string();
            case BYTES -> SchemaBuilder.bytes();
            case ARRAY -> SchemaBuilder.array(schema(source.valueSchema()));
            case MAP -> SchemaBuilder.map(schema(source.keySchema()), schema(source.valueSchema()));
            case STRUCT -> {
                SchemaBuilder struct = SchemaBuilder.struct();
                for (var field : source.fields()) {
                    struct.field(field.name(), schema(field.schema()));
                }
                yield struct;
            }
        };
        describe(builder, source);
        // Only a required field keeps its default: converters (JsonConverter's replace.null.with.default,
        // on by default) write an optional field's default in place of its null, a NULL the column holds.
        if (source.defaultValue() != null && !source.isOptional()) {
            builder.defaultValue(value(source.defaultValue(), builder));
        }
        return builder.build();
    }

    /** Copies name, version, doc, parameters and optionality (not fields, not the default). */
    private SchemaBuilder describe(SchemaBuilder builder,
                                   org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.Schema source) {
        if (source.name() != null) {
            builder.name(name(source.name()));
        }
        if (source.version() != null) {
            builder.version(source.version());
        }
        if (source.doc() != null) {
            builder.doc(source.doc());
        }
        if (source.parameters() != null) {
            source.parameters().forEach((key, value) -> {
                if (!key.startsWith(SOURCE_PARAMETER_PREFIX)) {
                    builder.parameter(key, value);
                }
            });
        }
        if (source.isOptional()) {
            builder.optional();
        }
        return builder;
    }

    private String name(String sourceName) {
        if (sourceName.startsWith(SHADED_PREFIX)) {
            return sourceName.substring(SHADED_PREFIX.length());
        }
        if (sourceName.startsWith(fromNamePrefix)) {
            return toNamePrefix + sourceName.substring(fromNamePrefix.length());
        }
        return sourceName;
    }

    private Object value(Object value, Schema target) {
        if (value == null) {
            return null;
        }
        return switch (target.type()) {
            case STRUCT -> struct((org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.Struct) value);
            case ARRAY -> {
                List<?> items = (List<?>) value;
                List<Object> copy = new ArrayList<>(items.size());
                for (Object item : items) {
                    copy.add(value(item, target.valueSchema()));
                }
                yield copy;
            }
            case MAP -> {
                Map<?, ?> entries = (Map<?, ?>) value;
                Map<Object, Object> copy = new LinkedHashMap<>();
                entries.forEach((k, v) -> copy.put(value(k, target.keySchema()), value(v, target.valueSchema())));
                yield copy;
            }
            case BYTES -> value instanceof ByteBuffer buffer ? bytes(buffer) : value;
            default -> value;
        };
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return copy;
    }
}
