package io.mysqlflinkcdc.connect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The connector's JMX metrics and snapshot log, read as an operator would: over the worker's remote
 * JMX port and from the worker's log, with the plugin installed from its archive.
 */
class MetricsIT extends ConnectStackTest {

    private JMXConnector jmx;

    @Override
    String kafkaVersion() {
        return ItSettings.kafkaVersions().get(1);
    }

    @BeforeAll
    void connectJmx() throws Exception {
        jmx = JMXConnectorFactory.connect(new JMXServiceURL(kafka.workerJmxUrl()));
    }

    @AfterAll
    void closeJmx() throws Exception {
        if (jmx != null) {
            jmx.close();
        }
    }

    @Test
    void snapshotAndStreamingMetricsAndTheSnapshotSummaryLine() throws Exception {
        TestDatabase db = storeDatabase("metrics", 3000, 500);
        // An empty table sends no rows: only the information_schema listing can make it count.
        db.execute("CREATE TABLE store_notes (note_id INT PRIMARY KEY, note VARCHAR(100))");
        String name = "metrics-" + db.name();
        kafka.rest().createConnector(name, ItConnectorConfigs.capture(db, name, 1));
        awaitBothTables(name, db);

        MBeanServerConnection beans = jmx.getMBeanServerConnection();
        ObjectName snapshot = new ObjectName("mysql-flink-cdc:type=connector-metrics,context=snapshot,server=" + name + ",task=0");
        ObjectName streaming = new ObjectName("mysql-flink-cdc:type=connector-metrics,context=streaming,server=" + name + ",task=0");
        // poll() counts a batch before Connect sends it: once the topics match, the counts are final.
        Map<String, Long> expectedRows = Map.of(db.name() + ".store_sales", 3000L, db.name() + ".store_returns", 500L,
                db.name() + ".store_notes", 0L);
        assertEquals(expectedRows, rowsScanned(beans, snapshot));
        assertEquals(3, beans.getAttribute(snapshot, "TotalTableCount"), "tables listed by information_schema");
        assertEquals(Boolean.TRUE, beans.getAttribute(streaming, "Connected"));
        assertEquals(2048, beans.getAttribute(streaming, "QueueTotalCapacity"), "max.queue.size's default");
        int free = (Integer) beans.getAttribute(streaming, "QueueRemainingCapacity");
        assertTrue(free >= 0 && free <= 2048, "QueueRemainingCapacity " + free);

        long seenBefore = (Long) beans.getAttribute(streaming, "TotalNumberOfEventsSeen");
        TpcdsTables.insertSales(db, 100_000, 4);
        // 12345.67 is no value TpcdsTables generates, so each of the 3 rows really changes.
        db.execute("UPDATE store_returns SET sr_fee = 12345.67 WHERE sr_ticket_number BETWEEN 10 AND 12");
        awaitBothTables(name, db);
        assertEquals(seenBefore + 4 + 3, beans.getAttribute(streaming, "TotalNumberOfEventsSeen"));
        // The snapshot is complete at the latest with the first binlog change (on an idle server the
        // first heartbeat can take most of a minute, so the test does not wait for one).
        assertEquals(Boolean.TRUE, beans.getAttribute(snapshot, "SnapshotCompleted"));
        assertEquals(Boolean.FALSE, beans.getAttribute(snapshot, "SnapshotRunning"));
        assertEquals(0, beans.getAttribute(snapshot, "RemainingTableCount"));
        assertEquals(expectedRows, rowsScanned(beans, snapshot), "binlog changes are no snapshot rows");
        String binlogFile = (String) beans.getAttribute(streaming, "BinlogFilename");
        assertTrue(binlogFile.startsWith("mysql-bin."), binlogFile);
        assertTrue((Long) beans.getAttribute(streaming, "BinlogPosition") > 0);
        long behind = (Long) beans.getAttribute(streaming, "MilliSecondsBehindSource");
        assertTrue(behind >= 0, "MilliSecondsBehindSource " + behind);
        String lastEvent = (String) beans.getAttribute(streaming, "LastEvent");
        assertTrue(lastEvent.startsWith(db.name() + ".store_returns upsert at mysql-bin."), lastEvent);

        // The summary comes from the task thread, so it carries Connect's connector context.
        String summary = "[" + name + "|task-0] Snapshot of '" + name + "' completed: 3500 rows from 3 tables in ";
        String log = Files.readString(kafka.workerLog());
        assertTrue(log.contains(summary), "worker log lacks '" + summary + "'");
        assertFalse(log.contains(db.password()), "the worker log shows the database password");

        kafka.rest().deleteConnector(name);
        awaitUnregistered(beans, snapshot);
        awaitUnregistered(beans, streaming);
    }

    private static Map<String, Long> rowsScanned(MBeanServerConnection beans, ObjectName snapshot) throws Exception {
        Map<String, Long> rows = new TreeMap<>();
        for (Object row : ((TabularData) beans.getAttribute(snapshot, "RowsScanned")).values()) {
            CompositeData entry = (CompositeData) row;
            rows.put((String) entry.get("key"), (Long) entry.get("value"));
        }
        return rows;
    }

    private static void awaitUnregistered(MBeanServerConnection beans, ObjectName bean) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (beans.isRegistered(bean)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(bean + " still registered 60 s after the connector was deleted");
            }
            Thread.sleep(250);
        }
    }
}
