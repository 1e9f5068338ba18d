package org.apache.flink.cdc.connectors.mysql.source;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.flink.cdc.connectors.mysql.debezium.DebeziumUtils;
import org.apache.flink.cdc.connectors.mysql.source.config.MySqlSourceConfig;
import org.apache.flink.cdc.connectors.mysql.source.split.MySqlSnapshotSplit;
import org.apache.flink.cdc.connectors.mysql.source.utils.StatementUtils;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.Field;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.Schema;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.Struct;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.debezium.jdbc.JdbcConnection;
import io.mysqlflinkcdc.connect.schema.TableSchemasCodec;

/**
 * The {@code additional-conditions} of execute-snapshot signals: of a table with a condition, only
 * the rows of each snapshot chunk that match it reach the hand-over. Flink CDC 3.5 has no filter on
 * its chunk query, so this asks the server which keys of the chunk match (the chunk's own range
 * query, keys only, with the condition added) and drops the chunk's other rows. The question is
 * asked after the chunk was read; a row changed in between reaches Kafka from the binlog anyway,
 * so the two reads need not agree on it (docs/design.md, "Signals").
 * <p>
 * Keys are compared by value (numbers by their decimal value, binary by its bytes). A key with a
 * temporal column, a keyless table, or a condition the server refuses turns the filter off for
 * that table with a warning: it is read whole, more rows than asked for and never fewer.
 */
final class ChunkRowFilter {

    private static final Logger LOG = LoggerFactory.getLogger(ChunkRowFilter.class);
    private static final String SCAN_PREFIX = "SELECT * FROM ";

    private final MySqlSourceConfig sourceConfig;
    /** {@code db.table} → SQL condition; a table leaves it when its filter is turned off. */
    private final Map<String, String> conditions;
    /** The chunk being emitted when its table has a condition; else null. */
    private MySqlSnapshotSplit chunk;
    /** The keys of {@link #chunk} that match, asked for at its first row; null until then. */
    private Set<List<String>> matching;

    /** @param conditions {@code db.table} → SQL condition (a WHERE clause without the keyword) */
    ChunkRowFilter(MySqlSourceConfig sourceConfig, Map<String, String> conditions) {
        this.sourceConfig = sourceConfig;
        this.conditions = new java.util.HashMap<>(conditions);
    }

    /** A chunk's rows follow: filtered when its table has a condition. */
    void chunkStarts(MySqlSnapshotSplit split) {
        chunk = conditions.containsKey(TableSchemasCodec.qualifiedName(split.getTableId())) ? split : null;
        matching = null;
    }

    /** Whether a row of the current chunk reaches the hand-over. */
    boolean passes(SourceRecord row) {
        if (chunk == null) {
            return true;
        }
        if (matching == null) {
            String table = TableSchemasCodec.qualifiedName(chunk.getTableId());
            String unusable = unusableKey(row.keySchema());
            if (unusable != null) {
                turnOff(table, unusable);
                return true;
            }
            try {
                matching = matchingKeys(table, row.keySchema());
            } catch (SQLException | RuntimeException e) {
                turnOff(table, "the server refused it: " + e.getMessage());
                return true;
            }
        }
        return matching.contains(canonicalKey((Struct) row.key()));
    }

    /** The chunk's rows are all emitted. */
    void chunkEnds() {
        chunk = null;
        matching = null;
    }

    private void turnOff(String table, String why) {
        LOG.warn("The additional-condition '{}' of the execute-snapshot signal for {} is not applied ({}); the "
                + "table's snapshot reads all of its rows instead", conditions.get(table), table, why);
        conditions.remove(table);
        chunk = null;
    }

    /** Why rows of this key cannot be matched to the server's answer; null when they can. */
    static String unusableKey(Schema keySchema) {
        if (keySchema == null || keySchema.fields().isEmpty()) {
            return "the table has no primary key";
        }
        for (Field field : keySchema.fields()) {
            String logical = field.schema().name();
            if (logical != null && logical.startsWith("io.debezium.time.")) {
                return "its primary key column " + field.name() + " is temporal (" + logical + ")";
            }
        }
        return null;
    }

    private Set<List<String>> matchingKeys(String table, Schema keySchema) throws SQLException {
        List<String> keyColumns = keySchema.fields().stream().map(Field::name).toList();
        String sql = query(chunk, keyColumns, conditions.get(table));
        Set<List<String>> keys = new HashSet<>();
        // A connection per filtered chunk: the emitter has no end to close a kept one at.
        try (JdbcConnection jdbc = DebeziumUtils.openJdbcConnection(sourceConfig);
             PreparedStatement statement = StatementUtils.readTableSplitDataStatement(jdbc, sql,
                chunk.getSplitStart() == null, chunk.getSplitEnd() == null, chunk.getSplitStart(),
                chunk.getSplitEnd(), chunk.getSplitKeyType().getFieldCount(), sourceConfig.getFetchSize());
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                List<String> key = new ArrayList<>(keyColumns.size());
                for (int column = 1; column <= keyColumns.size(); column++) {
                    key.add(canonical(rows.getObject(column)));
                }
                keys.add(key);
            }
        }
        return keys;
    }

    /** Flink CDC's query of the chunk, for its key columns only, with the condition added. */
    static String query(MySqlSnapshotSplit split, List<String> keyColumns, String condition) {
        String scan = StatementUtils.buildSplitScanQuery(split.getTableId(), split.getSplitKeyType(),
                split.getSplitStart() == null, split.getSplitEnd() == null);
        if (!scan.startsWith(SCAN_PREFIX)) {
            throw new IllegalStateException("Flink CDC's chunk query changed shape (" + scan + "); the "
                    + "additional-conditions filter must be adapted to it");
        }
        String columns = keyColumns.stream().map(StatementUtils::quote).collect(Collectors.joining(", "));
        String filtered = "SELECT " + columns + " FROM " + scan.substring(SCAN_PREFIX.length());
        return filtered + (filtered.contains(" WHERE ") ? " AND (" : " WHERE (") + condition + ")";
    }

    static List<String> canonicalKey(Struct key) {
        List<String> values = new ArrayList<>(key.schema().fields().size());
        for (Field field : key.schema().fields()) {
            values.add(canonical(key.get(field)));
        }
        return values;
    }

    /**
     * One form for a key value as the server's driver returns it and as Flink CDC's records carry
     * it: numbers (also DECIMAL carried as text) by decimal value, binary as hex. Two values that
     * differ may share a form (a VARCHAR '1.0' and '1'): that only lets an extra row through.
     */
    static String canonical(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Boolean flag) {
            return flag ? "1" : "0";
        }
        if (value instanceof byte[] bytes) {
            return "0x" + HexFormat.of().formatHex(bytes);
        }
        if (value instanceof ByteBuffer buffer) {
            ByteBuffer copy = buffer.duplicate();
            byte[] bytes = new byte[copy.remaining()];
            copy.get(bytes);
            return "0x" + HexFormat.of().formatHex(bytes);
        }
        String text = value.toString();
        if (value instanceof Number || looksNumeric(text)) {
            try {
                BigDecimal number = new BigDecimal(text).stripTrailingZeros();
                return number.signum() == 0 ? "0" : number.toPlainString();
            } catch (NumberFormatException e) {
                return text;
            }
        }
        return text;
    }

    private static boolean looksNumeric(String text) {
        return !text.isEmpty() && text.length() < 80 && text.chars().allMatch(c -> (c >= '0' && c <= '9')
                || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E');
    }
}
