package io.mysqlflinkcdc.bench.ceiling;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/**
 * Streams the table's rows as key and value Structs (integers as INT32/INT64, DECIMAL as text, the
 * way both connectors are configured to write them, everything else as text), a batch per poll.
 */
public class CeilingSourceTask extends SourceTask {

    private static final int BATCH = 2_000;

    private Connection connection;
    private Statement select;
    private ResultSet rows;
    private Schema keySchema;
    private Schema valueSchema;
    private String[] columns;
    private int[] types;
    private int[] keyIndexes;
    private String topic;
    private Map<String, String> partition;
    private long read;

    @Override
    public String version() {
        return "bench";
    }

    @Override
    public void start(Map<String, String> props) {
        topic = props.get(CeilingSourceConnector.TOPIC);
        String table = props.get(CeilingSourceConnector.TABLE);
        partition = Map.of("table", table);
        try {
            // Registers the driver of this plugin's folder with DriverManager (it does not scan plugin loaders).
            Class.forName("com.mysql.cj.jdbc.Driver");
            connection = DriverManager.getConnection(props.get(CeilingSourceConnector.JDBC_URL),
                    props.get(CeilingSourceConnector.USER), props.get(CeilingSourceConnector.PASSWORD));
            select = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            // Connector/J streams rows one by one only with this fetch size; otherwise it buffers the table.
            select.setFetchSize(Integer.MIN_VALUE);
            rows = select.executeQuery("SELECT * FROM " + table);
            ResultSetMetaData meta = rows.getMetaData();
            columns = new String[meta.getColumnCount()];
            types = new int[columns.length];
            SchemaBuilder value = SchemaBuilder.struct();
            for (int i = 0; i < columns.length; i++) {
                columns[i] = meta.getColumnLabel(i + 1);
                types[i] = meta.getColumnType(i + 1);
                value.field(columns[i], schemaOf(types[i]));
            }
            valueSchema = value.build();
            List<String> keyColumns = Arrays.stream(props.get(CeilingSourceConnector.KEY_COLUMNS).split(","))
                    .map(String::trim).toList();
            keyIndexes = keyColumns.stream().mapToInt(column -> Arrays.asList(columns).indexOf(column)).toArray();
            SchemaBuilder key = SchemaBuilder.struct();
            for (int index : keyIndexes) {
                key.field(columns[index], schemaOf(types[index]));
            }
            keySchema = key.build();
        } catch (SQLException | ClassNotFoundException e) {
            throw new ConnectException("ceiling: cannot read the table: " + e.getMessage(), e);
        }
    }

    private static Schema schemaOf(int type) {
        return switch (type) {
            case Types.INTEGER, Types.SMALLINT, Types.TINYINT -> Schema.OPTIONAL_INT32_SCHEMA;
            case Types.BIGINT -> Schema.OPTIONAL_INT64_SCHEMA;
            default -> Schema.OPTIONAL_STRING_SCHEMA;
        };
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        if (rows == null) {
            Thread.sleep(100);
            return null;
        }
        List<SourceRecord> batch = new ArrayList<>(BATCH);
        try {
            while (batch.size() < BATCH && rows.next()) {
                Object[] values = new Object[columns.length];
                for (int i = 0; i < columns.length; i++) {
                    values[i] = read(i);
                }
                Struct value = new Struct(valueSchema);
                for (int i = 0; i < columns.length; i++) {
                    value.put(columns[i], values[i]);
                }
                Struct key = new Struct(keySchema);
                for (int index : keyIndexes) {
                    key.put(columns[index], values[index]);
                }
                batch.add(new SourceRecord(partition, Map.of("row", ++read), topic, null, keySchema, key,
                        valueSchema, value));
            }
            if (batch.size() < BATCH) {
                closeQuery();
            }
        } catch (SQLException e) {
            throw new ConnectException("ceiling: reading failed: " + e.getMessage(), e);
        }
        return batch.isEmpty() ? null : batch;
    }

    private Object read(int i) throws SQLException {
        int column = i + 1;
        return switch (types[i]) {
            case Types.INTEGER, Types.SMALLINT, Types.TINYINT -> {
                int value = rows.getInt(column);
                yield rows.wasNull() ? null : value;
            }
            case Types.BIGINT -> {
                long value = rows.getLong(column);
                yield rows.wasNull() ? null : value;
            }
            case Types.DECIMAL, Types.NUMERIC -> {
                BigDecimal value = rows.getBigDecimal(column);
                yield value == null ? null : value.toPlainString();
            }
            default -> rows.getString(column);
        };
    }

    private void closeQuery() throws SQLException {
        rows.close();
        rows = null;
        select.close();
        connection.close();
    }

    @Override
    public void stop() {
        try {
            if (rows != null) {
                closeQuery();
            }
        } catch (SQLException e) {
            // the benchmark is over with this connector; nothing depends on a clean close
            System.err.println("ceiling: closing the query: " + e);
        }
    }
}
