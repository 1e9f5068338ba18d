package org.apache.flink.cdc.connectors.mysql.source;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Blob;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;

import org.apache.flink.cdc.connectors.mysql.debezium.DebeziumUtils;
import org.apache.flink.cdc.connectors.mysql.source.config.MySqlSourceConfig;
import org.apache.flink.cdc.connectors.mysql.source.offset.BinlogOffset;
import org.apache.flink.cdc.connectors.mysql.source.split.MySqlSnapshotSplit;
import org.apache.flink.cdc.connectors.mysql.source.utils.StatementUtils;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.debezium.connector.mysql.MySqlConnection;
import io.debezium.connector.mysql.MySqlDatabaseSchema;
import io.debezium.connector.mysql.MySqlValueConverters;
import io.debezium.relational.Column;
import io.debezium.relational.Table;
import io.debezium.relational.TableId;
import io.debezium.relational.TableSchema;
import io.debezium.util.ColumnUtils;

import io.mysqlflinkcdc.connect.event.SnapshotRow;
import io.mysqlflinkcdc.connect.format.DecimalText;

/**
 * Reads snapshot chunks with one JDBC query each, for chunks read without backfill
 * (snapshot.backfill.skip). It keeps what decides the values: Flink CDC's chunk query and fetch
 * size, the way Flink CDC's snapshot task reads each field, and Debezium's table schema (built by
 * the same factory Flink CDC's reader uses) to turn a row into its key and value, whose converters
 * {@link ChunkRowConverter} applies. It drops what a chunk without backfill does not need:
 * Debezium's snapshot task, its reader thread and queue, and the value struct, change envelope and
 * source struct around each row (docs/design.md, "The chunk reader").
 * <p>
 * A chunk is a low watermark record, its rows and a high watermark record equal to the low one (as
 * Flink CDC's reader does when backfill is skipped: the binlog phase starts from the low watermark,
 * so a change made while the chunk was read reaches Kafka after the row).
 * <p>
 * One per source reader, kept across its split fetchers: Flink shuts an idle fetcher down after
 * every chunk and starts a new one, with a new split reader, for the next, and a connection, schema
 * and converters per chunk cost the server a login and the reader a few milliseconds each. Its
 * methods are synchronized for that hand-over between fetcher threads; one fetcher reads at a time.
 */
final class JdbcChunkReader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcChunkReader.class);

    private final MySqlSourceConfig sourceConfig;
    private final boolean decimalsAsText;
    private MySqlConnection connection;
    private MySqlDatabaseSchema schemas;

    /** The chunk being read, or null between chunks. */
    private MySqlSnapshotSplit chunk;
    private BinlogOffset lowWatermark;
    private Table table;
    private TableSchema tableSchema;
    /** Turns the rows of {@link #table} into the values of its value schema. */
    private ChunkRowConverter rowConverter;
    private ColumnUtils.ColumnArray columns;
    private PreparedStatement statement;
    private ResultSet rows;
    private long rowsRead;

    /** @param decimalsAsText whether the connector writes decimals as text (see {@link ChunkRowConverter}) */
    JdbcChunkReader(MySqlSourceConfig sourceConfig, boolean decimalsAsText) {
        this.sourceConfig = sourceConfig;
        this.decimalsAsText = decimalsAsText;
    }

    /** Whether a chunk is being read: {@link #next} has rows or its end to give. */
    synchronized boolean reading() {
        return chunk != null;
    }

    /** Starts reading a chunk: its low watermark is taken, then its query runs. */
    synchronized void start(MySqlSnapshotSplit split) throws SQLException {
        if (connection != null && !connection.isValid()) {
            // Idle longer than the server's wait_timeout (a paused task, say): what a new connection
            // per chunk never met, and not worth failing the job for.
            reopenAfter(split);
        }
        if (connection == null) {
            connection = DebeziumUtils.createMySqlConnection(sourceConfig);
            schemas = DebeziumUtils.createMySqlDatabaseSchema(sourceConfig.getMySqlConnectorConfig(),
                    DebeziumUtils.isTableIdCaseSensitive(connection));
        }
        TableId tableId = split.getTableId();
        var change = split.getTableSchemas().get(tableId);
        if (change == null) {
            throw new IllegalStateException("Snapshot chunk " + split.splitId() + " carries no schema of its table");
        }
        if (!change.getTable().equals(table)) {
            table = change.getTable();
            schemas.refresh(table);
            tableSchema = schemas.schemaFor(tableId);
            if (tableSchema == null) {
                throw new IllegalStateException("Table " + tableId + " of snapshot chunk " + split.splitId()
                        + " is not among the captured tables");
            }
            rowConverter = ChunkRowConverter.of(sourceConfig, table, tableSchema, decimalsAsText);
        }
        lowWatermark = DebeziumUtils.currentBinlogOffset(connection);
        boolean first = split.getSplitStart() == null;
        boolean last = split.getSplitEnd() == null;
        String query = StatementUtils.buildSplitScanQuery(tableId, split.getSplitKeyType(), first, last);
        statement = StatementUtils.readTableSplitDataStatement(connection, query, first, last,
                split.getSplitStart(), split.getSplitEnd(), split.getSplitKeyType().getFieldCount(),
                sourceConfig.getFetchSize());
        rows = statement.executeQuery();
        columns = ColumnUtils.toArray(rows, table);
        rowsRead = 0;
        chunk = split;
    }

    /**
     * The chunk's next records, at most {@code max} rows: the low watermark first, and after the
     * last row the high watermark, after which {@link #reading()} is false.
     */
    synchronized List<SourceRecord> next(int max) throws SQLException {
        List<SourceRecord> records = new ArrayList<>(Math.min(max, 4096) + 2);
        if (rowsRead == 0) {
            records.add(ChunkWatermarks.low(chunk.splitId(), lowWatermark));
        }
        String database = chunk.getTableId().catalog();
        String tableName = chunk.getTableId().table();
        Column[] read = columns.getColumns();
        List<Column> tableColumns = table.columns();
        int added = 0;
        while (added < max && rows.next()) {
            records.add(row(database, tableName, read, tableColumns));
            added++;
            rowsRead++;
        }
        if (added < max) {
            LOG.info("Read {} rows of snapshot chunk {} by JDBC", rowsRead, chunk.splitId());
            records.add(ChunkWatermarks.high(chunk.splitId(), lowWatermark));
            closeQuery();
            chunk = null;
        }
        return records;
    }

    /**
     * The current row of the result set. A method of its own, not the loop body of {@link #next}:
     * the JIT compiles a method once per loop it enters it at, and a loop over the columns inside
     * the loop over the rows had it compile the whole row path three times at the snapshot's start.
     */
    private SnapshotRow row(String database, String tableName, Column[] read, List<Column> tableColumns)
            throws SQLException {
        Object[] row = new Object[columns.getGreatestColumnPosition()];
        for (int i = 0; i < read.length; i++) {
            row[read[i].position() - 1] = field(i + 1, tableColumns.get(i));
        }
        return new SnapshotRow(database, tableName, tableSchema.keySchema(), tableSchema.keyFromColumnData(row),
                tableSchema.valueSchema(), rowConverter.values(row), System.currentTimeMillis());
    }

    /**
     * One field as Flink CDC's snapshot task reads it: TIME, DATE and DATETIME/TIMESTAMP from their
     * text (Connector/J cannot give negative or over-24h times, nor zero dates), TINYINT and SMALLINT
     * as int (getObject gives TINYINT(1) as Boolean); DECIMAL as its text where the record carries
     * that text (see {@link ChunkRowConverter#textScale}).
     */
    private Object field(int index, Column column) throws SQLException {
        switch (column.jdbcType()) {
            case Types.DECIMAL, Types.NUMERIC -> {
                int scale = rowConverter.textScale(column);
                if (scale < 0) {
                    return rows.getObject(index);
                }
                // The bytes the server sent; getObject would parse, print and parse them again.
                byte[] raw = rows.getBytes(index);
                if (raw == null) {
                    return null;
                }
                String text = DecimalText.plain(raw, scale);
                return text != null ? text : new BigDecimal(new String(raw, StandardCharsets.US_ASCII));
            }
            case Types.TIME -> {
                String text = text(index);
                return text == null ? null : MySqlValueConverters.stringToDuration(text);
            }
            case Types.DATE -> {
                String text = text(index);
                return text == null ? null : MySqlValueConverters.stringToLocalDate(text, column, table);
            }
            case Types.TIMESTAMP -> {
                String text = text(index);
                if (text == null || MySqlValueConverters.containsZeroValuesInDatePart(text, column, table)) {
                    return null;
                }
                return rows.getTimestamp(index, Calendar.getInstance());
            }
            case Types.TINYINT, Types.SMALLINT -> {
                int value = rows.getInt(index);
                return rows.wasNull() ? null : value;
            }
            default -> {
                return rows.getObject(index);
            }
        }
    }

    private String text(int index) throws SQLException {
        Blob blob = rows.getBlob(index);
        return blob == null ? null : new String(blob.getBytes(1, (int) blob.length()), StandardCharsets.UTF_8);
    }

    private void closeQuery() throws SQLException {
        try (PreparedStatement toClose = statement; ResultSet closing = rows) {
            rows = null;
            statement = null;
        }
    }

    /** Closes the connection; a later {@link #start} opens a new one. */
    @Override
    public synchronized void close() throws Exception {
        chunk = null;
        table = null;
        try (MySqlConnection toClose = connection) {
            connection = null;
            if (statement != null) {
                closeQuery();
            }
        }
    }

    /** Drops a connection the server closed, for {@link #start} to open a new one. */
    private void reopenAfter(MySqlSnapshotSplit split) {
        String closing = "";
        try {
            close();
        } catch (Exception e) {
            // It can only fail the way it already has.
            closing = " (closing it: " + e + ")";
        }
        LOG.info("The snapshot chunk reader's connection was closed by the server{}; reading chunk {} over a new one",
                closing, split.splitId());
    }
}
