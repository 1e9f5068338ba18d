package io.mysqlflinkcdc.bench;

import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import io.mysqlflinkcdc.connect.it.TestDatabase;

/**
 * The copy limit: one streaming {@code SELECT *} read through JDBC and written by a plain
 * KafkaProducer as the same flat JSON the connectors write. No CDC, no consistency work: the
 * fastest a table can move from this server into this broker on this machine.
 */
final class CopyLimit {

    private static final JsonFactory JSON = new JsonFactory();

    private CopyLimit() {
    }

    /** Copies the table into the topic; returns the number of rows sent. */
    static long copy(TestDatabase db, String table, List<String> keyColumns, String bootstrapServers, String topic,
                     Map<String, String> producerSettings) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.putAll(producerSettings);
        long rows = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props);
             Connection connection = db.connect();
             Statement select = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            // Connector/J streams rows one by one only with this fetch size; otherwise it buffers the table.
            select.setFetchSize(Integer.MIN_VALUE);
            try (ResultSet rs = select.executeQuery("SELECT * FROM " + table)) {
                ResultSetMetaData meta = rs.getMetaData();
                int[] keyIndexes = keyColumns.stream().mapToInt(column -> indexOf(meta, column)).toArray();
                ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);
                while (rs.next()) {
                    byte[] key = json(buffer, rs, meta, keyIndexes);
                    byte[] value = json(buffer, rs, meta, null);
                    producer.send(new ProducerRecord<>(topic, key, value));
                    rows++;
                }
            }
            producer.flush();
        }
        return rows;
    }

    /** One JSON object of the given columns (all when {@code columns} is null). */
    private static byte[] json(ByteArrayOutputStream buffer, ResultSet rs, ResultSetMetaData meta, int[] columns)
            throws Exception {
        buffer.reset();
        try (JsonGenerator out = JSON.createGenerator(buffer)) {
            out.writeStartObject();
            int count = columns == null ? meta.getColumnCount() : columns.length;
            for (int i = 0; i < count; i++) {
                int column = columns == null ? i + 1 : columns[i];
                out.writeFieldName(meta.getColumnLabel(column));
                writeValue(out, rs, column, meta.getColumnType(column));
            }
            out.writeEndObject();
        }
        return buffer.toByteArray();
    }

    private static void writeValue(JsonGenerator out, ResultSet rs, int column, int type) throws Exception {
        switch (type) {
            case Types.INTEGER, Types.SMALLINT, Types.TINYINT, Types.BIGINT -> {
                long value = rs.getLong(column);
                if (rs.wasNull()) {
                    out.writeNull();
                } else {
                    out.writeNumber(value);
                }
            }
            default -> {
                // DECIMAL and everything else as text, as the connectors' default decimal mode does.
                String value = rs.getString(column);
                if (value == null) {
                    out.writeNull();
                } else {
                    out.writeString(value);
                }
            }
        }
    }

    private static int indexOf(ResultSetMetaData meta, String column) {
        try {
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                if (meta.getColumnLabel(i).equalsIgnoreCase(column)) {
                    return i;
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalArgumentException("no column " + column);
    }

}
