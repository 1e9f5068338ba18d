package org.apache.flink.cdc.connectors.mysql.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.apache.flink.cdc.connectors.mysql.debezium.DebeziumUtils;
import org.apache.flink.cdc.connectors.mysql.source.config.MySqlSourceConfig;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.Field;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

import io.debezium.connector.mysql.MySqlDatabaseSchema;
import io.debezium.connector.mysql.antlr.MySqlAntlrDdlParser;
import io.debezium.relational.Table;
import io.debezium.relational.TableId;
import io.debezium.relational.TableSchema;
import io.debezium.relational.Tables;

import io.mysqlflinkcdc.connect.engine.FlinkCdcConfigs;

/**
 * The chunk reader's field values equal those of Debezium's own value generator (which Flink CDC's
 * reader uses), for every column type, with the connector's Debezium settings. When a Flink CDC or
 * Debezium upgrade changes how Flink CDC sets up the converters, this fails.
 */
class ChunkRowConverterTest {

    private static final String DDL = """
            CREATE TABLE shop.all_types (
              id INT NOT NULL PRIMARY KEY, c_bool TINYINT(1), c_tiny TINYINT, c_small_u SMALLINT UNSIGNED,
              c_int_u INT UNSIGNED, c_big_u BIGINT UNSIGNED, c_dec DECIMAL(10,3), c_float FLOAT, c_double DOUBLE,
              c_date DATE, c_time TIME(3), c_dt DATETIME(6), c_ts TIMESTAMP(3) NULL, c_year YEAR, c_char CHAR(4),
              c_text TEXT, c_binary VARBINARY(8), c_bit1 BIT(1), c_bit10 BIT(10), c_enum ENUM('a','b'),
              c_set SET('x','y'), c_json JSON, c_geo GEOMETRY,
              c_note VARCHAR(10) NULL DEFAULT 'none', c_qty INT NOT NULL DEFAULT 7
            )""";

    @Test
    void valuesEqualDebeziumsValueStructOnEveryColumnType() {
        MySqlSourceConfig sourceConfig = FlinkCdcConfigs.readerConfig("table.include.list", "shop\\.all_types");
        Tables tables = new Tables();
        new MySqlAntlrDdlParser().parse(DDL, tables);
        Table table = tables.forTable(new TableId("shop", null, "all_types"));
        assertNotNull(table);
        MySqlDatabaseSchema schemas = DebeziumUtils.createMySqlDatabaseSchema(sourceConfig.getMySqlConnectorConfig(),
                true);
        schemas.refresh(table);
        TableSchema tableSchema = schemas.schemaFor(table.id());
        ChunkRowConverter converter = ChunkRowConverter.of(sourceConfig, table, tableSchema, false);
        assertNotNull(converter, "every field is named after its column");

        // As JDBC and the chunk reader's field reading give them.
        List<Object[]> rows = List.of(
                new Object[] {1, 1, -5, 65535, 4294967295L, new BigDecimal("18446744073709551615"),
                        new BigDecimal("1234567.891"), 1.5f, 2.25d, LocalDate.of(2024, 2, 29),
                        Duration.ofHours(838).plusMillis(123), Timestamp.valueOf("2024-02-29 13:14:15.123456"),
                        Timestamp.valueOf("2038-01-19 03:14:07.5"), 2155, "abc", "long text",
                        new byte[] {1, 2}, Boolean.TRUE, new byte[] {(byte) 0xAA, 0x02}, "b", "x,y",
                        "{\"k\": 1}", new byte[] {0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 8, 64, 0, 0, 0, 0,
                        0, 0, 16, 64}, "set", 5},
                new Object[26]);
        rows.get(1)[0] = 2;
        for (Object[] row : rows) {
            Struct expected = tableSchema.valueFromColumnData(row);
            Object[] values = converter.values(row);
            List<Field> fields = tableSchema.valueSchema().fields();
            assertEquals(fields.size(), values.length);
            for (Field field : fields) {
                assertSameValue(expected.getWithoutDefault(field.name()), values[field.index()],
                        field.name() + " of row " + row[0]);
            }
        }
    }

    /**
     * With decimals written as text, DECIMAL columns outside the key are read as their text, which
     * passes through; where the reader fell back to a BigDecimal, Debezium converts it as before.
     * Key columns keep Debezium's values, which its key converters expect.
     */
    @Test
    void decimalsOutsideTheKeyAreReadAsTextWhenWrittenAsText() {
        MySqlSourceConfig sourceConfig = FlinkCdcConfigs.readerConfig("table.include.list", "shop\\.amounts");
        Tables tables = new Tables();
        new MySqlAntlrDdlParser().parse("CREATE TABLE shop.amounts (k DECIMAL(8,2) NOT NULL PRIMARY KEY, "
                + "amount DECIMAL(10,3), whole NUMERIC(5), n INT)", tables);
        Table table = tables.forTable(new TableId("shop", null, "amounts"));
        MySqlDatabaseSchema schemas = DebeziumUtils.createMySqlDatabaseSchema(sourceConfig.getMySqlConnectorConfig(),
                true);
        schemas.refresh(table);
        TableSchema tableSchema = schemas.schemaFor(table.id());

        ChunkRowConverter text = ChunkRowConverter.of(sourceConfig, table, tableSchema, true);
        assertEquals(List.of(-1, 3, 0, -1),
                table.columns().stream().map(text::textScale).toList(), "k, amount, whole, n");
        Object[] row = {new BigDecimal("1.50"), "12.345", new BigDecimal("7"), 3};
        Object[] values = text.values(row);
        assertSame(row[1], values[1], "the text is what the record carries");
        assertEquals(tableSchema.valueFromColumnData(row.clone()).get("k"), values[0]);
        assertEquals(new BigDecimal("7"), values[2], "a BigDecimal still goes through Debezium's converter");
        assertEquals(3, values[3]);

        ChunkRowConverter numbers = ChunkRowConverter.of(sourceConfig, table, tableSchema, false);
        assertEquals(List.of(-1, -1, -1, -1),
                table.columns().stream().map(numbers::textScale).toList(), "decimals not written as text");
    }

    private static void assertSameValue(Object expected, Object actual, String what) {
        if (bytesOf(expected) instanceof byte[] bytes) {
            assertArrayEquals(bytes, (byte[]) bytesOf(actual), what);
        } else {
            assertEquals(expected, actual, what);
        }
    }

    /** The bytes of a binary value (Debezium gives them as a buffer or an array), else the value. */
    private static Object bytesOf(Object value) {
        if (value instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return bytes;
        }
        return value;
    }
}
