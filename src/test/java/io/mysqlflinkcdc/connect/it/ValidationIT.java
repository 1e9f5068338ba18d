package io.mysqlflinkcdc.connect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Bad configs, each sent to {@code PUT /connector-plugins/<class>/config/validate} on a real worker
 * against the live server: every one is reported on the field to change, with what to do, and none
 * starts a connector or harms the worker.
 */
class ValidationIT extends ConnectStackTest {

    private static final String VALIDATE = "/connector-plugins/MySqlFlinkCdcSourceConnector/config/validate";

    /** One bad config: what changes from a good one, and where the error must appear. */
    private record Case(String what, Consumer<Map<String, String>> change, String field, String says) {
    }

    @Override
    String kafkaVersion() {
        return newestKafka();
    }

    @Test
    void eachBadConfigIsReportedOnTheFieldAtFault() throws Exception {
        TestDatabase db = storeDatabase("valid", 200, 0);
        db.execute("ANALYZE TABLE store_sales");
        db.execute("CREATE TABLE no_pk (a INT, b INT)");
        db.execute("CREATE TABLE debezium_signal (id VARCHAR(42) PRIMARY KEY, type VARCHAR(32), data VARCHAR(2048))",
                "CREATE TABLE two_columns (id VARCHAR(42) PRIMARY KEY, type VARCHAR(32))");
        TestDatabase other = mariadb.newDatabase("valid_nogrant");
        for (String host : List.of("%", "localhost")) {
            mariadb.execute("", "REVOKE REPLICATION SLAVE, BINLOG MONITOR ON *.* FROM '" + other.user() + "'@'" + host + "'");
        }
        Map<String, String> good = good(db);
        JsonNode clean = kafka.rest().put(VALIDATE, good).expect(200).body();
        assertEquals(0, clean.path("error_count").asInt(), "the good config: " + validationErrors(clean));
        Map<String, String> signalled = new HashMap<>(good);
        signalled.put("table.include.list", db.name() + "\\.store_.*," + db.name() + "\\.debezium_signal");
        signalled.put("signal.data.collection", db.name() + ".debezium_signal");
        assertEquals("", validationErrors(kafka.rest().put(VALIDATE, signalled).expect(200).body()),
                "a captured signal table of three columns");

        List<Case> cases = List.of(
                new Case("unresolvable host", c -> c.put("database.hostname", "no-such-host.invalid"),
                        "database.hostname", "cannot connect to no-such-host.invalid"),
                new Case("nothing listening", c -> c.put("database.port", Integer.toString(Ports.free())),
                        "database.hostname", "check database.hostname and database.port"),
                new Case("wrong password", c -> c.put("database.password", "wrong"),
                        "database.password", "refused the login"),
                new Case("unknown user", c -> c.put("database.user", "nobody_here"),
                        "database.password", "check database.user and database.password"),
                new Case("no replication grants", c -> {
                    c.put("database.user", other.user());
                    c.put("database.password", other.password());
                }, "database.user", "lacks REPLICATION SLAVE and REPLICATION CLIENT"),
                new Case("no such table", c -> c.put("table.include.list", db.name() + "\\.nope"),
                        "table.include.list", "matches no table"),
                new Case("no such database", c -> {
                    c.put("database.include.list", "nope_db");
                    c.remove("table.include.list");
                }, "database.include.list", "matches no table"),
                new Case("unescaped dot matches nothing", c -> c.put("table.include.list", "store_sales"),
                        "table.include.list", "escape dots"),
                new Case("table without primary key", c -> c.put("table.include.list", db.name() + "\\..*"),
                        "message.key.columns", db.name() + ".no_pk"),
                new Case("server id of the server itself", c -> c.put("database.server.id", "1"),
                        "database.server.id", "the server's own server_id"),
                new Case("bad table regex", c -> c.put("table.include.list", "shop\\.(orders"),
                        "table.include.list", "not a valid regular expression"),
                new Case("bad database regex", c -> c.put("database.include.list", "[shop"),
                        "database.include.list", "not a valid regular expression"),
                new Case("bad time zone", c -> c.put("database.server.time.zone", "Mars/Olympus_Mons"),
                        "database.server.time.zone", ""),
                new Case("port not a number", c -> c.put("database.port", "three306"), "database.port", ""),
                new Case("port out of range", c -> c.put("database.port", "70000"), "database.port", ""),
                new Case("zero chunk size", c -> c.put("snapshot.chunk.size", "0"), "snapshot.chunk.size", ""),
                new Case("negative heartbeat", c -> c.put("heartbeat.interval.ms", "-5"), "heartbeat.interval.ms", ""),
                new Case("unknown snapshot mode", c -> c.put("snapshot.mode", "sometimes"), "snapshot.mode", ""),
                new Case("timestamp mode without timestamp", c -> c.put("snapshot.mode", "timestamp"),
                        "startup.timestamp.ms", "is required"),
                new Case("too few server ids", c -> {
                    c.put("database.server.id", "6000");
                    c.put("snapshot.parallelism", "3");
                }, "database.server.id", "6000-6002"),
                new Case("server id not a number", c -> c.put("database.server.id", "abc"), "database.server.id", ""),
                new Case("illegal topic prefix", c -> c.put("topic.prefix", "bad prefix!"), "topic.prefix", ""),
                new Case("unknown decimal mode", c -> c.put("decimal.handling.mode", "base64"),
                        "decimal.handling.mode", ""),
                new Case("malformed key columns", c -> c.put("message.key.columns", "shop.audit"),
                        "message.key.columns", "<table regex>:<column>"),
                new Case("route without replacement", c -> c.put("topic.route.regex", "(.*)\\.orders_[0-9]+"),
                        "topic.route.replacement", "is required"),
                new Case("missing host", c -> c.remove("database.hostname"), "database.hostname", ""),
                new Case("signal table not a table name", c -> c.put("signal.data.collection", "signals"),
                        "signal.data.collection", "must be one table named <db>.<table>"),
                new Case("no such signal table", c -> c.put("signal.data.collection", db.name() + ".nope"),
                        "signal.data.collection", "names no table the user can see"),
                new Case("signal table not captured", c -> c.put("signal.data.collection",
                        db.name() + ".debezium_signal"), "signal.data.collection", "is not captured"),
                new Case("signal table of two columns", c -> {
                    c.put("table.include.list", db.name() + "\\.store_.*," + db.name() + "\\.two_columns");
                    c.put("signal.data.collection", db.name() + ".two_columns");
                }, "signal.data.collection", "has 2 column(s)"));

        List<String> failures = new ArrayList<>();
        for (Case bad : cases) {
            Map<String, String> config = new HashMap<>(good);
            bad.change().accept(config);
            JsonNode result = kafka.rest().put(VALIDATE, config).expect(200).body();
            String errors = errorsOf(result, bad.field());
            if (errors.isEmpty() || !errors.contains(bad.says())) {
                failures.add(bad.what() + ": expected an error on " + bad.field() + " saying '" + bad.says()
                        + "', got " + validationErrors(result));
            }
        }
        assertEquals(List.of(), failures);
        System.out.printf("%d bad configs reported on the right field%n", cases.size());

        for (String binlogSetting : List.of("binlog_format = 'STATEMENT'", "binlog_row_image = 'MINIMAL'")) {
            mariadb.execute("", "SET GLOBAL " + binlogSetting);
            try {
                String errors = errorsOf(kafka.rest().put(VALIDATE, good).expect(200).body(), "database.hostname");
                assertTrue(errors.contains(binlogSetting.replace(" = ", "=").replace("'", "")), errors);
            } finally {
                mariadb.execute("", "SET GLOBAL binlog_format = 'ROW'", "SET GLOBAL binlog_row_image = 'FULL'");
            }
        }
        mariadb.execute("", "SET GLOBAL binlog_expire_logs_seconds = 600");
        try {
            assertEquals("", validationErrors(kafka.rest().put(VALIDATE, good).expect(200).body()),
                    "a short binlog retention is a warning, not an error");
            assertTrue(Files.readString(kafka.workerLog()).contains("the server keeps binlogs for 600 s"),
                    "the worker log warns about the binlog retention");
        } finally {
            mariadb.execute("", "SET GLOBAL binlog_expire_logs_seconds = 0");
        }
        assertEquals(0, kafka.rest().get("/connectors").expect(200).body().size(), "validation started nothing");
    }

    private Map<String, String> good(TestDatabase db) {
        Map<String, String> config = ItConnectorConfigs.capture(db, "valid-" + db.name(), 1);
        config.put("name", "valid-" + db.name());
        config.put("table.include.list", db.name() + "\\.store_.*");
        return config;
    }

    private static String errorsOf(JsonNode validation, String field) {
        for (JsonNode config : validation.path("configs")) {
            if (config.path("value").path("name").asText().equals(field)) {
                return config.path("value").path("errors").toString();
            }
        }
        return "";
    }
}
