package io.mysqlflinkcdc.connect.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The stored binlog position is purged while the connector is stopped: the task fails naming the
 * position and the fixes; with snapshot.mode=when_needed it takes a new snapshot instead, and the
 * topic again equals the table (including the changes made while the binlog was lost).
 */
class BinlogPurgedIT extends ConnectStackTest {

    @Override
    String kafkaVersion() {
        return newestKafka();
    }

    @Test
    void purgedPositionFailsClearlyOrResnapshotsWhenNeeded() throws Exception {
        TestDatabase db = storeDatabase("purged", 50, 0);
        String name = "purged-" + db.name();
        Map<String, String> config = ItConnectorConfigs.captureSales(db, name);
        kafka.rest().createConnector(name, config);
        awaitSales(name, db);
        TpcdsTables.insertSales(db, 1_000, 1);
        awaitSales(name, db);
        String storedFile = awaitStoredBinlogOffset(name).path("file").asText();

        kafka.rest().stopConnector(name);
        TpcdsTables.insertSales(db, 2_000, 5);
        mariadb.execute("", "FLUSH BINARY LOGS");
        purgeBinlogsBefore(mariadb.binlogPosition().file(), storedFile);
        kafka.rest().resumeConnector(name);

        JsonNode status = kafka.rest().awaitTaskState(name, "FAILED", Duration.ofSeconds(60));
        String trace = status.path("tasks").get(0).path("trace").asText();
        assertTrue(trace.contains("The stored binlog position " + storedFile + ":"), trace);
        assertTrue(trace.contains("snapshot.mode=when_needed") && trace.contains("DELETE /connectors/<name>/offsets"),
                "the trace names the fixes: " + trace);

        config.put("snapshot.mode", "when_needed");
        kafka.rest().put("/connectors/" + name + "/config", config).expect(200);
        kafka.rest().post("/connectors/" + name + "/restart?includeTasks=true&onlyFailed=true").expect(202, 204, 409);
        kafka.rest().awaitTaskState(name, "RUNNING", Duration.ofSeconds(60));
        awaitSales(name, db);
        assertTrue(Files.readString(kafka.workerLog()).contains("taking a new snapshot (snapshot.mode=when_needed)"));
        kafka.rest().deleteConnector(name);
    }

    /** PURGE keeps files a binlog reader still has open (the stopped task's may linger a moment): retry. */
    private void purgeBinlogsBefore(String current, String mustGo) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        do {
            mariadb.execute("", "PURGE BINARY LOGS TO '" + current + "'");
            if (!binlogs().contains(mustGo)) {
                return;
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(mustGo + " could not be purged: " + binlogs());
    }

    private java.util.List<String> binlogs() throws Exception {
        java.util.List<String> files = new java.util.ArrayList<>();
        try (Connection connection = mariadb.rootConnection(""); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SHOW BINARY LOGS")) {
            while (rs.next()) {
                files.add(rs.getString(1));
            }
        }
        return files;
    }
}
