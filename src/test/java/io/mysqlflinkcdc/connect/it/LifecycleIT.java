package io.mysqlflinkcdc.connect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Connect REST lifecycle a user drives (pause/resume, restart with tasks, config update,
 * validation of the ready configs) on a current Kafka 4.x worker. Create, status, stop/resume and
 * delete are covered on both worker versions by {@link AbstractCaptureIT}.
 */
class LifecycleIT extends ConnectStackTest {

    private static final String PLUGIN = "MySqlFlinkCdcSourceConnector";

    @Override
    String kafkaVersion() {
        return newestKafka();
    }

    @Test
    void pausedConnectorDeliversNothingAndCatchesUpAfterResume() throws Exception {
        TestDatabase db = storeDatabase("pause", 200, 0);
        String name = "pause-" + db.name();
        String topic = name + "." + db.name() + ".store_sales";
        kafka.rest().createConnector(name, ItConnectorConfigs.capture(db, name, 1));
        awaitSales(name, db);

        kafka.rest().put("/connectors/" + name + "/pause", null).expect(202);
        kafka.rest().awaitStatus(name, s -> "PAUSED".equals(s.path("connector").path("state").asText())
                && "PAUSED".equals(s.path("tasks").get(0).path("state").asText()), Duration.ofSeconds(60), "PAUSED");
        TpcdsTables.insertSales(db, 40_000, 10);
        db.execute("UPDATE store_sales SET ss_quantity = 99 WHERE ss_ticket_number <= 5");
        Thread.sleep(5000);
        assertEquals(200, messageCount(topic), "no records while paused");

        kafka.rest().resumeConnector(name);
        kafka.rest().awaitTaskState(name, "RUNNING", Duration.ofSeconds(60));
        awaitSales(name, db);
        assertEquals(200 + 10 + 5, messageCount(topic), "every change once after resume");
        kafka.rest().deleteConnector(name);
    }

    /**
     * A snapshot paused for longer than the server keeps idle connections (wait_timeout) finds its
     * chunk connection gone when it goes on: it reads the next chunk over a new one instead of
     * failing its job (a restart would read chunks again).
     */
    @Test
    void aSnapshotPausedWhileTheServerDroppedItsIdleConnectionsGoesOnWithoutARestart() throws Exception {
        TestDatabase db = storeDatabase("pausedsnap", 100_000, 0);
        String name = "pausedsnap-" + db.name();
        String topic = name + "." + db.name() + ".store_sales";
        Map<String, String> config = ItConnectorConfigs.captureSales(db, name);
        config.put("snapshot.chunk.size", "1000");
        kafka.rest().createConnector(name, config);
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        while (topics.endOffset(topic) < 5_000 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        kafka.rest().put("/connectors/" + name + "/pause", null).expect(202);
        kafka.rest().awaitStatus(name, s -> "PAUSED".equals(s.path("tasks").get(0).path("state").asText()),
                Duration.ofSeconds(60), "PAUSED");
        long atPause = topics.endOffset(topic);
        assertTrue(atPause < 100_000, "the snapshot was paused halfway: " + atPause + " rows in Kafka");
        Thread.sleep(2_000);
        List<Long> idle = new ArrayList<>();
        try (Connection root = mariadb.rootConnection("");
             Statement statement = root.createStatement();
             ResultSet rows = statement.executeQuery("SELECT ID FROM information_schema.PROCESSLIST WHERE USER = '"
                     + db.user() + "' AND COMMAND = 'Sleep'")) {
            while (rows.next()) {
                idle.add(rows.getLong(1));
            }
        }
        assertFalse(idle.isEmpty(), "the paused snapshot keeps a connection");
        for (long id : idle) {
            mariadb.execute("", "KILL CONNECTION " + id);
        }

        kafka.rest().resumeConnector(name);
        awaitSales(name, db);
        String log = Files.readString(kafka.workerLog());
        long jobStarts = Stream.of(log.split("\n"))
                .filter(line -> line.contains("Started embedded Flink job 'mysql-flink-cdc[" + name + "#0]'")).count();
        System.out.printf("paused at %d of 100,000 rows; %d idle connections of the connector's user killed; %d job "
                + "start(s)%n", atPause, idle.size(), jobStarts);
        assertEquals(1, jobStarts, "the snapshot went on in the job it started in");
        kafka.rest().deleteConnector(name);
    }

    @Test
    void restartWithTasksResumesWithoutSnapshottingAgain() throws Exception {
        TestDatabase db = storeDatabase("restart", 150, 0);
        String name = "restart-" + db.name();
        String topic = name + "." + db.name() + ".store_sales";
        kafka.rest().createConnector(name, ItConnectorConfigs.capture(db, name, 1));
        awaitSales(name, db);
        TpcdsTables.insertSales(db, 41_000, 1);
        awaitSales(name, db);

        kafka.rest().post("/connectors/" + name + "/restart?includeTasks=true").expect(202);
        kafka.rest().awaitTaskState(name, "RUNNING", Duration.ofSeconds(60));
        TpcdsTables.insertSales(db, 42_000, 4);
        awaitSales(name, db);
        assertEquals(150 + 1 + 4, messageCount(topic), "no second snapshot after a restart");
        kafka.rest().deleteConnector(name);
    }

    @Test
    void widenedTableListSnapshotsTheAddedTableWhileTheOtherResumes() throws Exception {
        TestDatabase db = storeDatabase("widen", 100, 80);
        String name = "widen-" + db.name();
        Map<String, String> config = ItConnectorConfigs.captureSales(db, name);
        kafka.rest().createConnector(name, config);
        awaitSales(name, db);
        TpcdsTables.insertSales(db, 43_000, 1);
        awaitSales(name, db);

        config.put("table.include.list", db.name() + "\\.store_sales," + db.name() + "\\.store_returns");
        kafka.rest().put("/connectors/" + name + "/config", config).expect(200);
        kafka.rest().awaitStatus(name, s -> s.path("tasks").size() == 1
                && "RUNNING".equals(s.path("tasks").get(0).path("state").asText()), Duration.ofSeconds(60), "RUNNING");
        TpcdsTables.insertReturns(db, 44_000, 3);
        db.execute("UPDATE store_returns SET sr_fee = 1.00 WHERE sr_ticket_number = 1");
        TpcdsTables.insertSales(db, 43_100, 2);

        // The added table's 80 rows arrive by snapshot, its later changes from the binlog; the
        // other table resumes after its own position, without a second snapshot.
        awaitBothTables(name, db);
        String salesTopic = name + "." + db.name() + ".store_sales";
        assertEquals(100 + 1 + 2, messageCount(salesTopic), "store_sales: no second snapshot, every change once");
        awaitStoredOffset(name, offset -> offset.has("file"));
        assertEquals(2, kafka.rest().offsets(name).path("offsets").size(), "one partition per table");
        kafka.rest().deleteConnector(name);
    }

    @Test
    void aTableCreatedWhileRunningIsCapturedFromItsFirstRow() throws Exception {
        TestDatabase db = mariadb.newDatabase("created");
        TpcdsTables.createStoreSales(db);
        TpcdsTables.insertSales(db, 1, 50);
        String name = "created-" + db.name();
        Map<String, String> config = ItConnectorConfigs.capture(db, name, 1);
        config.put("table.monitor.interval.ms", "1000");
        kafka.rest().createConnector(name, config);
        awaitSales(name, db);

        TpcdsTables.createStoreReturns(db); // matches the include list: the monitor reassigns the tables
        TpcdsTables.insertReturns(db, 1, 30);
        db.execute("UPDATE store_returns SET sr_fee = 2.00 WHERE sr_ticket_number <= 3");
        TpcdsTables.insertSales(db, 47_000, 2);
        awaitBothTables(name, db);
        assertEquals(50 + 2, messageCount(name + "." + db.name() + ".store_sales"),
                "store_sales resumed at its own position: no second snapshot");
        assertTrue(Files.readString(kafka.workerLog()).contains("Captured tables changed"),
                "the table monitor noticed the new table");
        kafka.rest().deleteConnector(name);
    }

    @Test
    void offsetsCanBeReadPatchedToABinlogPositionAndResetThroughRest() throws Exception {
        TestDatabase db = storeDatabase("offsets", 100, 0);
        String name = "offsets-" + db.name();
        String topic = name + "." + db.name() + ".store_sales";
        kafka.rest().createConnector(name, ItConnectorConfigs.capture(db, name, 1));
        awaitSales(name, db);
        kafka.rest().stopConnector(name);

        TpcdsTables.insertSales(db, 45_000, 2); // before the patched position: must be skipped
        MariaDbServer.BinlogPosition position = mariadb.binlogPosition();
        String file = position.file();
        long pos = position.pos();
        TpcdsTables.insertSales(db, 46_000, 2); // after it: must arrive

        String path = "/connectors/" + name + "/offsets";
        // "server" before "table": Connect stores an offset under its partition's JSON bytes.
        Map<String, String> partition = new LinkedHashMap<>();
        partition.put("server", name);
        partition.put("table", db.name() + ".store_sales");
        ConnectRest.Response malformed = kafka.rest().patch(path, Map.of("offsets", List.of(Map.of(
                "partition", partition, "offset", Map.of("file", file)))));
        // Connect answers a connector's refusal with 500; the message is the connector's.
        assertEquals(500, malformed.status(), malformed.text());
        assertTrue(malformed.text().contains("no 'pos'"), malformed.text());
        ConnectRest.Response unknown = kafka.rest().patch(path, Map.of("offsets", List.of(Map.of(
                "partition", Map.of("server", name, "table", "orders"), "offset", Map.of("file", file, "pos", pos)))));
        assertEquals(500, unknown.status(), unknown.text());
        assertTrue(unknown.text().contains("<db>.<table>"), unknown.text());
        kafka.rest().patch(path, Map.of("offsets", List.of(Map.of(
                "partition", partition, "offset", Map.of("file", file, "pos", pos))))).expect(200);
        JsonNode stored = null;
        for (JsonNode entry : kafka.rest().offsets(name).path("offsets")) {
            if (entry.path("partition").path("table").asText().equals(partition.get("table"))) {
                stored = entry.path("offset");
            }
        }
        assertTrue(stored != null, "an offset for " + partition);
        assertEquals(file, stored.path("file").asText(), stored.toString());
        assertEquals(pos, stored.path("pos").asLong(), stored.toString());

        kafka.rest().resumeConnector(name);
        awaitMessageCount(topic, 102);
        List<Long> tickets = topics.readAll(topic).stream().skip(100)
                .map(m -> m.key().path("ss_ticket_number").asLong()).toList();
        assertEquals(List.of(46_000L, 46_001L), tickets, "only the changes after the patched position");

        kafka.rest().stopConnector(name);
        kafka.rest().delete(path).expect(200);
        kafka.rest().resumeConnector(name);
        awaitMessageCount(topic, 102 + 104);
        awaitSales(name, db);
        assertEquals(102 + 104, messageCount(topic), "a reset takes a fresh snapshot of all 104 rows");
        kafka.rest().deleteConnector(name);
    }

    /**
     * The ready configs validate cleanly against a server that has what they name (a tpcds database
     * with store_sales and store_returns): only the server address and credentials are swapped in.
     */
    @Test
    void everyReadyConfigValidatesWithoutErrors() throws Exception {
        List<Path> files;
        try (Stream<Path> listing = Files.list(Path.of("connector-config"))) {
            files = listing.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertTrue(files.size() >= 4, "ready configs: " + files);
        TestDatabase tpcds = tpcdsDatabase();
        ObjectMapper json = new ObjectMapper();
        for (Path file : files) {
            Map<String, String> config = json.readValue(file.toFile(), new TypeReference<Map<String, String>>() { });
            config.put("name", file.getFileName().toString().replace(".json", ""));
            config.put("database.hostname", "127.0.0.1");
            config.put("database.port", Integer.toString(tpcds.server().port()));
            config.put("database.user", tpcds.user());
            config.put("database.password", tpcds.password());
            JsonNode result = kafka.rest().put("/connector-plugins/" + PLUGIN + "/config/validate", config)
                    .expect(200).body();
            assertEquals(0, result.path("error_count").asInt(), file + ": " + validationErrors(result));
        }
    }

    private TestDatabase tpcdsDatabase() throws Exception {
        TestDatabase db = mariadb.newDatabaseNamed("tpcds");
        TpcdsTables.createStoreSales(db);
        TpcdsTables.createStoreReturns(db);
        return db;
    }

    @Test
    void badConfigIsRejectedWithTheFieldAtFault() throws Exception {
        Map<String, String> config = new ObjectMapper().readValue(Path.of("connector-config", "mysql-flink-cdc.json").toFile(),
                new TypeReference<Map<String, String>>() { });
        config.put("name", "bad-config");
        config.put("database.server.id", "5400");
        config.put("snapshot.parallelism", "4");
        config.put("table.include.list", "tpcds\\.(unclosed");
        JsonNode result = kafka.rest().put("/connector-plugins/" + PLUGIN + "/config/validate", config)
                .expect(200).body();
        String errors = validationErrors(result);
        assertTrue(errors.contains("table.include.list"), errors);
        // A field error hides cross-field checks until it is fixed; fix it and the next problem shows.
        config.put("table.include.list", "tpcds\\..*");
        String next = validationErrors(kafka.rest().put("/connector-plugins/" + PLUGIN + "/config/validate", config).expect(200).body());
        assertTrue(next.contains("database.server.id") && next.contains("5400-5403"), next);
        kafka.rest().put("/connectors/bad-config/config", config).expect(400);
    }
}
