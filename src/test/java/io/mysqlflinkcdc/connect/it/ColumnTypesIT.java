package io.mysqlflinkcdc.connect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Every MySQL column type, read back from the topic as a plain JSON consumer would, with the
 * default record format (decimals as strings, ISO-8601 dates and times): the same rows written
 * before the connector starts (snapshot) and after (binlog) must read identically, value by value,
 * including min/max values, NULL, zero dates, ZEROFILL, 4-byte UTF-8 and fractional seconds. The server runs
 * in time zone +02:00 (database.server.time.zone too): TIMESTAMP values come out as UTC instants,
 * DATETIME values as written. A Flink SQL job then reads the same topic with natural column types.
 */
class ColumnTypesIT extends ConnectStackTest {

    static final String DDL = """
            CREATE TABLE all_types (
              id INT PRIMARY KEY, c_bool TINYINT(1), c_tiny TINYINT, c_tiny_u TINYINT UNSIGNED,
              c_small SMALLINT, c_small_u SMALLINT UNSIGNED, c_med MEDIUMINT, c_med_u MEDIUMINT UNSIGNED,
              c_int INT, c_int_u INT UNSIGNED, c_big BIGINT, c_big_u BIGINT UNSIGNED,
              c_dec DECIMAL(65,30), c_dec2 DECIMAL(7,2), c_float FLOAT, c_double DOUBLE,
              c_date DATE, c_time0 TIME, c_time6 TIME(6), c_dt0 DATETIME, c_dt3 DATETIME(3), c_dt6 DATETIME(6),
              c_ts0 TIMESTAMP NULL, c_ts6 TIMESTAMP(6) NULL, c_year YEAR,
              c_char CHAR(10), c_varchar VARCHAR(100), c_text TEXT,
              c_binary BINARY(4), c_varbinary VARBINARY(10), c_blob BLOB, c_bit1 BIT(1), c_bit10 BIT(10),
              c_enum ENUM('a','b','c'), c_set SET('x','y','z'), c_json JSON, c_geo GEOMETRY, c_point POINT,
              c_note VARCHAR(10) NULL DEFAULT 'none', c_qty INT NULL DEFAULT 7, c_dec_zf DECIMAL(6,2) ZEROFILL
            ) CHARSET utf8mb4""";

    /** Rows by id offset (1..4); the binlog copies get id + 10. Session time zone +02:00. */
    static final Map<Integer, String> ROWS = Map.of(
            1, "%d, 1, 127, 255, 32767, 65535, 8388607, 16777215, 2147483647, 4294967295, 9223372036854775807, "
                    + "18446744073709551615, 99999999999999999999999999999999999.999999999999999999999999999999, "
                    + "12345.67, 3.4e38, 1.7976931348623157E308, '9999-12-31', '838:59:59', '23:59:59.999999', "
                    + "'9999-12-31 23:59:59', '2024-02-29 13:14:15.123', '2024-02-29 13:14:15.123456', "
                    + "'2038-01-19 05:14:07', '2024-02-29 13:14:15.654321', 2155, 'abc', 'héllo 😀 wörld', "
                    + "'long 😀 text 𝄞', X'01020304', X'FF00', X'DEADBEEF', b'1', b'1010101010', 'b', 'x,z', "
                    + "'{\"k\": [1, 2, {\"n\": null}]}', ST_GeomFromText('LINESTRING(0 0, 1 1)'), "
                    + "ST_GeomFromText('POINT(3 4)'), 'set', 5, 12.5",
            2, "%d, 0, -128, 0, -32768, 0, -8388608, 0, -2147483648, 0, -9223372036854775808, 0, "
                    + "-99999999999999999999999999999999999.999999999999999999999999999999, -0.01, -1.5, -2.25, "
                    + "'1000-01-01', '-838:59:59', '00:00:00.000001', '1000-01-01 00:00:00', "
                    + "'1970-01-01 00:00:00.000', '1969-12-31 23:59:59.999999', '1970-01-01 02:00:01', "
                    + "'2000-01-01 02:00:00.000001', 1901, '', '', '', X'00000000', X'', X'', b'0', b'0000000000', "
                    + "'a', '', '[]', NULL, NULL, NULL, NULL, 0",
            3, "%d" + ", NULL".repeat(40),
            4, "%d, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0.000000000000000000000000000001, "
                    + "0, 0, 0, '0000-00-00', '00:00:00', '00:00:00', '0000-00-00 00:00:00', "
                    + "'0000-00-00 00:00:00.000', '0000-00-00 00:00:00.000000', '0000-00-00 00:00:00', NULL, NULL, "
                    + "NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0.5");

    /**
     * What a JSON consumer reads, per row, for the columns that are not NULL (all others must be null,
     * also c_note and c_qty, whose DEFAULT a NULL must not turn into).
     */
    static final Map<Integer, Map<String, String>> EXPECTED = Map.of(
            1, expected("c_bool", "1", "c_tiny", "127", "c_tiny_u", "255", "c_small", "32767", "c_small_u", "65535",
                    "c_med", "8388607", "c_med_u", "16777215", "c_int", "2147483647", "c_int_u", "4294967295",
                    "c_big", "9223372036854775807", "c_big_u", "\"18446744073709551615\"",
                    "c_dec", "\"99999999999999999999999999999999999.999999999999999999999999999999\"",
                    "c_dec2", "\"12345.67\"", "c_float", "3.4E38", "c_double", "1.7976931348623157E308",
                    "c_date", "\"9999-12-31\"", "c_time0", "\"838:59:59\"", "c_time6", "\"23:59:59.999999\"",
                    "c_dt0", "\"9999-12-31T23:59:59\"", "c_dt3", "\"2024-02-29T13:14:15.123\"",
                    "c_dt6", "\"2024-02-29T13:14:15.123456\"", "c_ts0", "\"2038-01-19T03:14:07Z\"",
                    "c_ts6", "\"2024-02-29T11:14:15.654321Z\"", "c_year", "2155", "c_char", "\"abc\"",
                    "c_varchar", "\"héllo 😀 wörld\"", "c_text", "\"long 😀 text 𝄞\"",
                    "c_binary", base64(1, 2, 3, 4), "c_varbinary", base64(0xFF, 0), "c_blob", base64(0xDE, 0xAD, 0xBE, 0xEF),
                    "c_bit1", "true", "c_bit10", "\"1010101010\"", "c_enum", "\"b\"", "c_set", "\"x,z\"",
                    "c_json", "\"{\\\"k\\\": [1, 2, {\\\"n\\\": null}]}\"", "c_note", "\"set\"", "c_qty", "5",
                    // The server sends ZEROFILL padded ("0012.50"); the binlog carries the number.
                    "c_dec_zf", "\"12.50\""),
            2, expected("c_bool", "0", "c_tiny", "-128", "c_tiny_u", "0", "c_small", "-32768", "c_small_u", "0",
                    "c_med", "-8388608", "c_med_u", "0", "c_int", "-2147483648", "c_int_u", "0",
                    "c_big", "-9223372036854775808", "c_big_u", "\"0\"",
                    "c_dec", "\"-99999999999999999999999999999999999.999999999999999999999999999999\"",
                    "c_dec2", "\"-0.01\"", "c_float", "-1.5", "c_double", "-2.25",
                    "c_date", "\"1000-01-01\"", "c_time0", "\"-838:59:59\"", "c_time6", "\"00:00:00.000001\"",
                    "c_dt0", "\"1000-01-01T00:00:00\"", "c_dt3", "\"1970-01-01T00:00:00.000\"",
                    "c_dt6", "\"1969-12-31T23:59:59.999999\"", "c_ts0", "\"1970-01-01T00:00:01Z\"",
                    "c_ts6", "\"2000-01-01T00:00:00.000001Z\"", "c_year", "1901", "c_char", "\"\"",
                    "c_varchar", "\"\"", "c_text", "\"\"", "c_binary", base64(0, 0, 0, 0), "c_varbinary", "\"\"",
                    "c_blob", "\"\"", "c_bit1", "false", "c_bit10", "\"0000000000\"", "c_enum", "\"a\"",
                    "c_set", "\"\"", "c_json", "\"[]\"", "c_dec_zf", "\"0.00\""),
            3, expected(),
            // Zero dates read as NULL (nullable columns); TIME 00:00:00 is a real time.
            4, expected("c_dec", "\"0.000000000000000000000000000001\"", "c_dec2", "\"0.00\"", "c_float", "0.0",
                    "c_double", "0.0", "c_time0", "\"00:00:00\"", "c_time6", "\"00:00:00.000000\"",
                    "c_dec_zf", "\"0.50\""));

    @Override
    String kafkaVersion() {
        return newestKafka();
    }

    @Test
    void everyTypeReadsTheSameFromSnapshotAndBinlog() throws Exception {
        TestDatabase db = mariadb.newDatabase("types");
        String name = "types-" + db.name();
        String topic = name + "." + db.name() + ".all_types";
        db.execute("SET GLOBAL time_zone = '+02:00'");
        try {
            db.execute(DDL);
            insertRows(db, 0);
            Map<String, String> config = ItConnectorConfigs.capture(db, name, 1);
            config.put("database.server.time.zone", "+02:00");
            kafka.rest().createConnector(name, config);
            awaitMessageCount(topic, 4);
            insertRows(db, 10);
            awaitMessageCount(topic, 8);
            assertTaskNotFailed(name);

            Map<Integer, JsonNode> values = new HashMap<>();
            for (TopicReader.Message message : topics.readAll(topic)) {
                assertEquals(1, message.key().size(), "key is the primary key alone: " + message.key());
                values.put(message.key().get("id").asInt(), message.value());
            }
            for (int id : EXPECTED.keySet()) {
                assertRow(id, "snapshot", values.get(id));
                assertRow(id, "binlog", values.get(id + 10));
            }
            assertGeometry(values.get(1), "snapshot");
            assertGeometry(values.get(11), "binlog");
            assertFlinkSqlReadsNaturalTypes(topic);
        } finally {
            db.execute("SET GLOBAL time_zone = 'SYSTEM'");
        }
        kafka.rest().deleteConnector(name);
    }

    private static void insertRows(TestDatabase db, int idOffset) throws Exception {
        for (int row = 1; row <= 4; row++) {
            db.execute("SET SESSION sql_mode = ''",
                    "INSERT INTO all_types VALUES (" + ROWS.get(row).formatted(row + idOffset) + ")");
        }
    }

    private static void assertRow(int id, String phase, JsonNode value) {
        assertTrue(value != null && value.isObject(), phase + " row " + id + " missing");
        Map<String, String> actual = new LinkedHashMap<>();
        value.fields().forEachRemaining(field -> {
            if (!field.getKey().equals("id") && !field.getKey().startsWith("c_geo") && !field.getKey().equals("c_point")) {
                actual.put(field.getKey(), field.getValue().toString());
            }
        });
        Map<String, String> expected = new LinkedHashMap<>();
        actual.keySet().forEach(column -> expected.put(column, EXPECTED.get(id).getOrDefault(column, "null")));
        assertEquals(38, actual.size(), phase + " row " + id + " has every column: " + actual.keySet());
        assertEquals(expected, actual, phase + " row " + id);
    }

    /** Spatial columns keep Debezium's struct: well-known binary (base64 in JSON) and SRID. */
    private static void assertGeometry(JsonNode value, String phase) {
        JsonNode point = value.get("c_point");
        assertEquals(3.0, point.get("x").asDouble(), phase);
        assertEquals(4.0, point.get("y").asDouble(), phase);
        byte[] wkb = Base64.getDecoder().decode(point.get("wkb").asText());
        assertEquals(21, wkb.length, phase + ": a WKB point is 21 bytes");
        byte[] line = Base64.getDecoder().decode(value.get("c_geo").get("wkb").asText());
        assertEquals(2, line[1], phase + ": WKB type 2 is a LINESTRING");
    }

    /** Flink SQL reads the topic with DECIMAL, DATE, TIME, TIMESTAMP(p) and TIMESTAMP_LTZ(p) columns. */
    private void assertFlinkSqlReadsNaturalTypes(String topic) throws Exception {
        TableEnvironment flink = LocalFlinkSql.create();
        flink.executeSql("""
                CREATE TABLE all_types (
                  id INT NOT NULL, c_bool TINYINT, c_big BIGINT, c_big_u DECIMAL(20,0), c_dec2 DECIMAL(7,2),
                  c_double DOUBLE, c_date DATE, c_time6 TIME(6), c_dt0 TIMESTAMP(0), c_dt3 TIMESTAMP(3),
                  c_dt6 TIMESTAMP(6), c_ts6 TIMESTAMP_LTZ(6), c_year INT, c_varchar STRING, c_bit1 BOOLEAN,
                  PRIMARY KEY (id) NOT ENFORCED
                ) """ + LocalFlinkSql.upsertKafka(topic, kafka.bootstrapServers()));
        List<Row> rows = LocalFlinkSql.finalRows(flink, "SELECT id, CAST(c_big_u AS STRING), "
                + "CAST(c_dec2 AS STRING), CAST(c_date AS STRING), CAST(c_dt0 AS STRING), CAST(c_dt3 AS STRING), "
                + "CAST(c_dt6 AS STRING), CAST(c_ts6 AS STRING), c_varchar, c_bit1 FROM all_types "
                + "WHERE id IN (2, 12)", 1);
        for (int id : List.of(2, 12)) {
            Row row = rows.stream().filter(r -> r.getField(0).equals(id)).findFirst().orElseThrow(
                    () -> new AssertionError("Flink SQL did not return row " + id + ": " + rows));
            assertEquals(List.of("0", "-0.01", "1000-01-01", "1000-01-01 00:00:00", "1970-01-01 00:00:00.000",
                            "1969-12-31 23:59:59.999999", "2000-01-01 00:00:00.000001", "", false),
                    List.of(row.getField(1), row.getField(2), row.getField(3), row.getField(4), row.getField(5),
                            row.getField(6), row.getField(7), row.getField(8), row.getField(9)), "Flink row " + id);
        }
    }

    private static Map<String, String> expected(String... columnValuePairs) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < columnValuePairs.length; i += 2) {
            map.put(columnValuePairs[i], columnValuePairs[i + 1]);
        }
        return map;
    }

    private static String base64(int... bytes) {
        byte[] data = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            data[i] = (byte) bytes[i];
        }
        return "\"" + Base64.getEncoder().encodeToString(data) + "\"";
    }
}
