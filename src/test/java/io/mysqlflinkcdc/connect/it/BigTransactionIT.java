package io.mysqlflinkcdc.connect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Slow (about a minute): one transaction of 100,000 rows streams through a Connect worker limited to
 * -Xmx512m. The binlog is read row by row and the hand-over to Connect is bounded, so the worker
 * never holds the transaction: no OutOfMemoryError, and the topic equals the table.
 */
@Tag("slow")
class BigTransactionIT extends ConnectStackTest {

    private static final int ROWS = 100_000;

    @Override
    String kafkaVersion() {
        return newestKafka();
    }

    @Override
    String workerHeap() {
        return "512m";
    }

    @Test
    void hundredThousandRowTransactionStreamsWithinHalfAGigabyteOfHeap() throws Exception {
        TestDatabase db = storeDatabase("bigtx", 10, 0);
        String name = "bigtx-" + db.name();
        Map<String, String> config = ItConnectorConfigs.captureSales(db, name);
        kafka.rest().createConnector(name, config);
        awaitSales(name, db);

        long started = System.nanoTime();
        TpcdsTables.insertSales(db, 1_000_000, ROWS);
        awaitMessageCount(name + "." + db.name() + ".store_sales", 10 + ROWS);
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        awaitSales(name, db);
        long peakRssMb = peakRssKb(kafka.workerPid()) / 1024;
        System.out.printf("100,000-row transaction: in Kafka after %d s; worker (-Xmx512m) peak RSS %d MB%n",
                seconds, peakRssMb);
        assertEquals("RUNNING", kafka.rest().status(name).path("tasks").get(0).path("state").asText());
        assertFalse(Files.readString(kafka.workerLog()).contains("OutOfMemoryError"), "no OutOfMemoryError");
        assertTrue(peakRssMb > 0);
        kafka.rest().deleteConnector(name);
    }

    /** VmHWM: the process's peak resident set. */
    private static long peakRssKb(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
