package org.apache.flink.cdc.connectors.mysql.source;

import java.sql.Types;
import java.util.Arrays;
import java.util.List;

import org.apache.flink.cdc.connectors.mysql.source.config.MySqlSourceConfig;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.Field;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.debezium.connector.mysql.MySqlConnectorConfig;
import io.debezium.connector.mysql.MySqlValueConverters;
import io.debezium.relational.Column;
import io.debezium.relational.Table;
import io.debezium.relational.TableSchema;
import io.debezium.relational.ValueConverter;

import io.mysqlflinkcdc.connect.format.DecimalText;

/**
 * Turns a row read by JDBC into the values of its Debezium value schema, field by field, as
 * Debezium's {@code TableSchema.valueFromColumnData} does but without building the (shaded)
 * {@code Struct} the connector would copy again at once: the same value converters (Debezium's
 * MySQL converters, set up as Flink CDC sets them up for its readers), the same field order, a
 * field without a converter left null, and a value a converter fails on logged and left null.
 * {@code ChunkRowConverterTest} compares the two on every column type.
 * <p>
 * When the connector writes decimals as text, the DECIMAL columns outside the key may be read as
 * their text ({@link #textScale}, {@link DecimalText}): such a value is already what the record
 * carries and passes through; one read as a BigDecimal still goes through Debezium's converter.
 * Key columns are always read as Debezium's key converters expect them.
 */
final class ChunkRowConverter {

    private static final Logger LOG = LoggerFactory.getLogger(ChunkRowConverter.class);

    private final Table table;
    private final Column[] columns;
    private final int[] positions;
    private final ValueConverter[] converters;
    /** By column position - 1: the scale a DECIMAL column's text is read with, or -1. */
    private final int[] textScaleAtPosition;

    private ChunkRowConverter(Table table, Column[] columns, int[] positions, ValueConverter[] converters,
                              int[] textScaleAtPosition) {
        this.table = table;
        this.columns = columns;
        this.positions = positions;
        this.converters = converters;
        this.textScaleAtPosition = textScaleAtPosition;
    }

    /**
     * The converter for a table's rows. Debezium names each field of a value schema after its column
     * (the connector never turns on its field-name sanitising), so a field without its column means
     * Debezium changed under the connector.
     *
     * @param decimalsAsText whether the connector writes decimals as text (decimal.handling.mode=string)
     */
    static ChunkRowConverter of(MySqlSourceConfig sourceConfig, Table table, TableSchema tableSchema,
                                boolean decimalsAsText) {
        MySqlValueConverters valueConverters = valueConverters(sourceConfig.getMySqlConnectorConfig());
        List<Field> fields = tableSchema.valueSchema().fields();
        Column[] columns = new Column[fields.size()];
        int[] positions = new int[fields.size()];
        ValueConverter[] converters = new ValueConverter[fields.size()];
        int[] textScaleAtPosition = new int[table.columns().size()];
        Arrays.fill(textScaleAtPosition, -1);
        for (int i = 0; i < columns.length; i++) {
            Field field = fields.get(i);
            columns[i] = table.columnWithName(field.name());
            if (columns[i] == null) {
                throw new IllegalStateException("Field '" + field.name() + "' of the value schema of " + table.id()
                        + " names no column of the table; set snapshot.chunk.reader=debezium to read its snapshot "
                        + "with Flink CDC's reader, and report this");
            }
            positions[i] = columns[i].position() - 1;
            ValueConverter converter = valueConverters.converter(columns[i], field);
            if (decimalsAsText && converter != null && isDecimal(columns[i])
                    && tableSchema.keySchema().field(field.name()) == null) {
                textScaleAtPosition[positions[i]] = columns[i].scale().orElseThrow();
                converters[i] = value -> value instanceof String text ? text : converter.convert(value);
            } else {
                converters[i] = converter;
            }
        }
        return new ChunkRowConverter(table, columns, positions, converters, textScaleAtPosition);
    }

    /** DECIMAL(p,s) of a known scale: the server's text of a value has exactly s fraction digits. */
    private static boolean isDecimal(Column column) {
        return (column.jdbcType() == Types.DECIMAL || column.jdbcType() == Types.NUMERIC)
                && column.scale().isPresent();
    }

    /**
     * The scale to read {@code column}'s text with ({@link DecimalText#plain}; a BigDecimal where the
     * text is not in that form), or -1 where it is read as Debezium expects its value.
     */
    int textScale(Column column) {
        return textScaleAtPosition[column.position() - 1];
    }

    /** Flink CDC's set-up of Debezium's converters for its readers (DebeziumUtils, 3.5). */
    static MySqlValueConverters valueConverters(MySqlConnectorConfig config) {
        boolean adjustTime = config.getConfig().getBoolean(MySqlConnectorConfig.ENABLE_TIME_ADJUSTER);
        return new MySqlValueConverters(config.getDecimalMode(), config.getTemporalPrecisionMode(),
                MySqlConnectorConfig.BigIntUnsignedHandlingMode.parse(
                        config.getConfig().getString(MySqlConnectorConfig.BIGINT_UNSIGNED_HANDLING_MODE))
                        .asBigIntUnsignedMode(),
                config.binaryHandlingMode(),
                adjustTime ? MySqlValueConverters::adjustTemporal : temporal -> temporal,
                MySqlValueConverters::defaultParsingErrorHandler);
    }

    /** The row's values in the value schema's field order. */
    Object[] values(Object[] row) {
        Object[] values = new Object[converters.length];
        for (int i = 0; i < converters.length; i++) {
            if (converters[i] == null) {
                continue;
            }
            try {
                values[i] = converters[i].convert(row[positions[i]]);
            } catch (RuntimeException e) {
                // As Debezium's value generator does (and so the binlog does for the same value).
                LOG.error("Failed to convert a value of column '{}.{}' of type {}; it is written as null",
                        table.id(), columns[i].name(), columns[i].typeName(), e);
            }
        }
        return values;
    }
}
