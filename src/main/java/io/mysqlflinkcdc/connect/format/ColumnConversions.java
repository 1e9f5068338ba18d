package io.mysqlflinkcdc.connect.format;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;

/**
 * Decides how each column is written: its Connect schema and a conversion of the value Debezium
 * produced. Debezium's defaults (epoch numbers for dates, little-endian bytes for BIT(n), Decimal
 * bytes) read as noise in JSON; the defaults here are what a JSON reader or Flink SQL expects.
 */
public final class ColumnConversions {

    /** Debezium's logical type names (column.propagate.source.type adds the source parameters). */
    static final String DATE = "io.debezium.time.Date";
    static final String TIME_MILLIS = "io.debezium.time.Time";
    static final String TIME_MICROS = "io.debezium.time.MicroTime";
    static final String TIME_NANOS = "io.debezium.time.NanoTime";
    static final String DATETIME_MILLIS = "io.debezium.time.Timestamp";
    static final String DATETIME_MICROS = "io.debezium.time.MicroTimestamp";
    static final String DATETIME_NANOS = "io.debezium.time.NanoTimestamp";
    static final String TIMESTAMP = "io.debezium.time.ZonedTimestamp";
    static final String YEAR = "io.debezium.time.Year";
    static final String BITS = "io.debezium.data.Bits";
    public static final String COLUMN_LENGTH = "__debezium.source.column.length";

    /** Names of the string schemas written for temporal columns in iso and sql modes. */
    public static final String ISO_DATE = "io.mysqlflinkcdc.time.Date";
    public static final String ISO_TIME = "io.mysqlflinkcdc.time.Time";
    public static final String LOCAL_DATE_TIME = "io.mysqlflinkcdc.time.LocalDateTime";
    public static final String INSTANT = "io.mysqlflinkcdc.time.Instant";
    public static final String BIT_STRING = "io.mysqlflinkcdc.data.BitString";

    /** A column's schema as written and the conversion of its values (never called with null). */
    public record Column(Schema schema, UnaryOperator<Object> conversion) {
    }

    private final DecimalMode decimals;
    private final TemporalMode temporals;

    public ColumnConversions(DecimalMode decimals, TemporalMode temporals) {
        this.decimals = decimals;
        this.temporals = temporals;
    }

    /**
     * @param schema           the column's schema as Debezium built it, in the worker's classes
     * @param sourceParameters the column's MySQL type parameters (type, length, scale)
     */
    public Column column(Schema schema, Map<String, String> sourceParameters) {
        String name = schema.name();
        if (name == null) {
            return identity(schema);
        }
        int precision = precision(sourceParameters);
        if (Decimal.LOGICAL_NAME.equals(name)) {
            return decimal(schema);
        }
        if (BITS.equals(name)) {
            int length = Integer.parseInt(schema.parameters().getOrDefault("length", "1"));
            return column(schema, SchemaBuilder.string().name(BIT_STRING), v -> Bits.toBitString((byte[]) v, length));
        }
        if (YEAR.equals(name)) {
            // The binlog carries YEAR 0000 as 0, which the binlog client turns into 1900 (not a valid YEAR).
            return new Column(schema, v -> ((Integer) v) == 1900 ? 0 : v);
        }
        if (temporals == TemporalMode.DEBEZIUM) {
            return identity(schema);
        }
        char separator = temporals == TemporalMode.ISO ? 'T' : ' ';
        return switch (name) {
            case DATE -> column(schema, SchemaBuilder.string().name(ISO_DATE),
                    v -> Temporals.date(((Number) v).intValue()));
            case TIME_MILLIS -> column(schema, SchemaBuilder.string().name(ISO_TIME),
                    v -> Temporals.time(((Number) v).longValue() * 1000, precision));
            case TIME_MICROS -> column(schema, SchemaBuilder.string().name(ISO_TIME),
                    v -> Temporals.time(((Number) v).longValue(), precision));
            case TIME_NANOS -> column(schema, SchemaBuilder.string().name(ISO_TIME),
                    v -> Temporals.time(((Number) v).longValue() / 1000, precision));
            case DATETIME_MILLIS -> column(schema, SchemaBuilder.string().name(LOCAL_DATE_TIME),
                    v -> Temporals.dateTime(((Number) v).longValue() * 1000, precision, separator));
            case DATETIME_MICROS -> column(schema, SchemaBuilder.string().name(LOCAL_DATE_TIME),
                    v -> Temporals.dateTime(((Number) v).longValue(), precision, separator));
            case DATETIME_NANOS -> column(schema, SchemaBuilder.string().name(LOCAL_DATE_TIME),
                    v -> Temporals.dateTime(((Number) v).longValue() / 1000, precision, separator));
            case TIMESTAMP -> column(schema, SchemaBuilder.string().name(INSTANT),
                    v -> instant((String) v, precision, separator, schema.isOptional()));
            default -> identity(schema);
        };
    }

    private Column decimal(Schema schema) {
        return switch (decimals) {
            case PRECISE -> identity(schema);
            // The snapshot's chunk reader may give the text already (DecimalText).
            case STRING -> column(schema, SchemaBuilder.string(),
                    v -> v instanceof String text ? text : ((BigDecimal) v).toPlainString());
            case DOUBLE -> column(schema, SchemaBuilder.float64(), v -> ((BigDecimal) v).doubleValue());
        };
    }

    /**
     * TIMESTAMP can't hold the epoch itself (its range starts one second later), so the epoch is
     * MySQL's zero timestamp, which the binlog reports as 0 while the snapshot reports NULL.
     */
    private static Object instant(String zoned, int precision, char separator, boolean nullable) {
        Instant instant = OffsetDateTime.parse(zoned).toInstant();
        if (nullable && instant.equals(Instant.EPOCH)) {
            return null;
        }
        return Temporals.instant(instant, precision, separator);
    }

    private static Column identity(Schema schema) {
        return new Column(schema, UnaryOperator.identity());
    }

    private static Column column(Schema original, SchemaBuilder target, UnaryOperator<Object> conversion) {
        if (original.isOptional()) {
            target.optional();
        }
        if (original.doc() != null) {
            target.doc(original.doc());
        }
        if (original.defaultValue() != null) {
            target.defaultValue(conversion.apply(original.defaultValue()));
        }
        return new Column(target.build(), conversion);
    }

    private static int precision(Map<String, String> sourceParameters) {
        String length = sourceParameters == null ? null : sourceParameters.get(COLUMN_LENGTH);
        return length == null ? 0 : Math.min(9, Integer.parseInt(length));
    }
}
