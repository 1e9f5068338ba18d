package io.mysqlflinkcdc.connect.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Slow (about two minutes): the database goes away three times. For 30 s while the connector
 * streams: the task rides it out unattended (the binlog client reconnects). While the task starts:
 * its job fails to connect and is restarted with backoff until the server is back. For longer than
 * connection.retry.timeout.ms: the task fails saying so, and a restart resumes where it stopped.
 * Each time the topic ends up equal to the table, with the changes made before, during and after.
 */
@Tag("slow")
class DatabaseOutageIT extends ConnectStackTest {

    @Override
    String kafkaVersion() {
        return newestKafka();
    }

    @Test
    void thirtySecondOutageIsRiddenOut() throws Exception {
        Path dir = ItSettings.workDir().resolve("mariadb-outage-" + ProcessHandle.current().pid());
        try (MariaDbServer server = MariaDbServer.start(dir, List.of())) {
            TestDatabase db = server.newDatabase("outage");
            TpcdsTables.createStoreSales(db);
            TpcdsTables.insertSales(db, 1, 300);
            String name = "outage-" + db.name();
            Map<String, String> config = ItConnectorConfigs.captureSales(db, name);
            kafka.rest().createConnector(name, config);
            awaitSales(name, db);
            TpcdsTables.insertSales(db, 10_000, 20);

            server.stop();
            Thread.sleep(30_000);
            assertTaskNotFailed(name);
            server.restart();
            TpcdsTables.insertSales(db, 20_000, 20);
            db.execute("DELETE FROM store_sales WHERE ss_ticket_number % 10 = 0");
            awaitSales(name, db);

            kafka.rest().stopConnector(name);
            TpcdsTables.insertSales(db, 30_000, 10);
            server.stop();
            kafka.rest().resumeConnector(name);
            Thread.sleep(20_000);
            assertTaskNotFailed(name);
            server.restart();
            awaitSales(name, db);
            String log = Files.readString(kafka.workerLog());
            assertTrue(log.contains("lost the server at") && log.contains("restarting it in"),
                    "the worker log tells about the restarts with backoff");

            config.put("connection.retry.timeout.ms", "10000");
            kafka.rest().put("/connectors/" + name + "/config", config).expect(200);
            kafka.rest().awaitTaskState(name, "RUNNING", Duration.ofSeconds(60));
            awaitSales(name, db);
            server.stop();
            JsonNode failed = kafka.rest().awaitTaskState(name, "FAILED", Duration.ofSeconds(60));
            String trace = failed.path("tasks").get(0).path("trace").asText();
            // Either the binlog client kept reconnecting in silence, or the job failed and its restarts did:
            // both end when the outage exceeds the limit, saying so.
            assertTrue(trace.contains("connection.retry.timeout.ms=10000") && trace.contains("it resumes at binlog"),
                    trace);
            server.restart();
            TpcdsTables.insertSales(db, 40_000, 10);
            kafka.rest().post("/connectors/" + name + "/restart?includeTasks=true&onlyFailed=true").expect(202, 204);
            kafka.rest().awaitTaskState(name, "RUNNING", Duration.ofSeconds(60));
            awaitSales(name, db);
            kafka.rest().deleteConnector(name);
        }
    }
}
