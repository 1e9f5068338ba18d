package io.mysqlflinkcdc.connect.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Map;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.junit.jupiter.api.Test;

class ColumnConversionsTest {

    private final ColumnConversions iso = new ColumnConversions(DecimalMode.STRING, TemporalMode.ISO);
    private final ColumnConversions sql = new ColumnConversions(DecimalMode.PRECISE, TemporalMode.SQL);
    private final ColumnConversions debezium = new ColumnConversions(DecimalMode.DOUBLE, TemporalMode.DEBEZIUM);

    private static Schema logical(Schema.Type type, String name) {
        return new SchemaBuilder(type).name(name).optional().build();
    }

    private static Map<String, String> length(int length) {
        return Map.of(ColumnConversions.COLUMN_LENGTH, Integer.toString(length));
    }

    private static Object convert(ColumnConversions conversions, Schema schema, Map<String, String> params, Object value) {
        return conversions.column(schema, params).conversion().apply(value);
    }

    @Test
    void dateIsIsoTextInIsoAndSqlModesAndEpochDaysInDebeziumMode() {
        Schema date = logical(Schema.Type.INT32, ColumnConversions.DATE);
        assertEquals("9999-12-31", convert(iso, date, Map.of(), 2932896));
        assertEquals("1000-01-01", convert(sql, date, Map.of(), -354285));
        assertEquals(2932896, convert(debezium, date, Map.of(), 2932896));
        ColumnConversions.Column column = iso.column(date, Map.of());
        assertEquals(Schema.Type.STRING, column.schema().type());
        assertTrue(column.schema().isOptional());
        assertEquals(ColumnConversions.ISO_DATE, column.schema().name());
    }

    @Test
    void timeHasTheColumnsFractionDigitsAndMySqlsRangeBeyondADay() {
        Schema micro = logical(Schema.Type.INT64, ColumnConversions.TIME_MICROS);
        assertEquals("838:59:59", convert(iso, micro, Map.of(), 3_020_399_000_000L));
        assertEquals("-838:59:59", convert(iso, micro, Map.of(), -3_020_399_000_000L));
        assertEquals("12:34:56.000001", convert(iso, micro, length(6), 45_296_000_001L));
        assertEquals("00:00:00.120", convert(iso, micro, length(3), 120_000L));
        assertEquals("01:02:03.4", convert(sql, logical(Schema.Type.INT32, ColumnConversions.TIME_MILLIS), length(1),
                3_723_400));
    }

    @Test
    void datetimeIsWallClockTextWithoutZone() {
        Schema millis = logical(Schema.Type.INT64, ColumnConversions.DATETIME_MILLIS);
        Schema micros = logical(Schema.Type.INT64, ColumnConversions.DATETIME_MICROS);
        assertEquals("2024-02-29T13:14:15.123", convert(iso, millis, length(3), 1_709_212_455_123L));
        assertEquals("2024-02-29 13:14:15.123", convert(sql, millis, length(3), 1_709_212_455_123L));
        assertEquals("9999-12-31T23:59:59", convert(iso, millis, Map.of(), 253_402_300_799_000L));
        assertEquals("1969-12-31T23:59:59.999999", convert(iso, micros, length(6), -1L));
        assertEquals("1000-01-01T00:00:00", convert(iso, millis, Map.of(), -30_610_224_000_000L));
        assertEquals(1_709_212_455_123L, convert(debezium, millis, length(3), 1_709_212_455_123L));
    }

    @Test
    void timestampIsAnInstantInUtcAndTheEpochIsTheZeroTimestamp() {
        Schema zoned = logical(Schema.Type.STRING, ColumnConversions.TIMESTAMP);
        assertEquals("2024-02-29T13:14:15.654321Z", convert(iso, zoned, length(6), "2024-02-29T13:14:15.654321Z"));
        assertEquals("2024-02-29 13:14:15.100Z", convert(sql, zoned, length(3), "2024-02-29T13:14:15.1Z"));
        assertEquals("2038-01-19T03:14:07Z", convert(iso, zoned, Map.of(), "2038-01-19T03:14:07Z"));
        assertEquals("2024-02-29T11:14:15Z", convert(iso, zoned, Map.of(), "2024-02-29T13:14:15+02:00"));
        assertNull(convert(iso, zoned, Map.of(), "1970-01-01T00:00:00Z"), "MySQL's zero timestamp");
        assertEquals("1970-01-01T00:00:00Z", convert(debezium, zoned, Map.of(), "1970-01-01T00:00:00Z"));
    }

    @Test
    void yearZeroFromTheBinlogIsZero() {
        Schema year = logical(Schema.Type.INT32, ColumnConversions.YEAR);
        assertEquals(0, convert(iso, year, Map.of(), 1900));
        assertEquals(2155, convert(iso, year, Map.of(), 2155));
        assertEquals(1901, convert(debezium, year, Map.of(), 1901));
    }

    @Test
    void bitsBecomeBinaryDigitsMostSignificantFirst() {
        Schema bits = SchemaBuilder.bytes().name(ColumnConversions.BITS).parameter("length", "10").optional().build();
        assertEquals("1010101010", convert(iso, bits, Map.of(), new byte[] {(byte) 0xAA, 0x02}));
        assertEquals("0000000001", convert(debezium, bits, Map.of(), new byte[] {0x01}));
        assertEquals(Schema.Type.STRING, iso.column(bits, Map.of()).schema().type());
    }

    @Test
    void decimalsFollowTheDecimalMode() {
        Schema decimal = Decimal.builder(30).parameter("connect.decimal.precision", "65").optional().build();
        BigDecimal max = new BigDecimal("99999999999999999999999999999999999.999999999999999999999999999999");
        assertEquals(max.toPlainString(), convert(iso, decimal, Map.of(), max));
        assertEquals("0.000000000000000000000000000001", convert(iso, decimal, Map.of(),
                new BigDecimal("1E-30")));
        // The snapshot's chunk reader hands a decimal's text over as it is (DecimalText).
        String text = "-12.50";
        assertSame(text, convert(iso, decimal, Map.of(), text));
        assertEquals(Schema.Type.STRING, iso.column(decimal, Map.of()).schema().type());
        assertSame(decimal, sql.column(decimal, Map.of()).schema(), "precise keeps Connect's Decimal");
        assertEquals(12345.67, convert(debezium, decimal, Map.of(), new BigDecimal("12345.67")));
        assertEquals(Schema.Type.FLOAT64, debezium.column(decimal, Map.of()).schema().type());
    }

    @Test
    void defaultValuesAreConvertedLikeValues() {
        Schema date = new SchemaBuilder(Schema.Type.INT32).name(ColumnConversions.DATE).optional()
                .defaultValue(0).build();
        assertEquals("1970-01-01", iso.column(date, Map.of()).schema().defaultValue());
    }

    @Test
    void plainColumnsAreLeftAlone() {
        Schema text = Schema.OPTIONAL_STRING_SCHEMA;
        assertSame(text, iso.column(text, Map.of()).schema());
        assertEquals("héllo 😀", convert(iso, text, Map.of(), "héllo 😀"));
    }
}
