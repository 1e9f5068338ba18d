package io.mysqlflinkcdc.connect.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Slow: a worker killed with kill -9 two thirds into the snapshot of a 300,000-row table resumes it
 * after the chunks Connect's committed offsets record, instead of from the start: the topic ends up
 * equal to the table, and the rows read twice are counted (without chunk progress they would be
 * every row delivered before the crash). ScaleOutIT does the same with four snapshot readers,
 * whose chunks finish out of order, on a three-worker cluster.
 *
 * <p>The rows read twice are those delivered in the last offset flush interval before the kill,
 * plus the chunks in flight, so the interval is short here and the table large enough for that
 * window to be a small part of it even at the snapshot speed of bench/RESULTS.md.
 */
@Tag("slow")
class SnapshotResumeIT extends ConnectStackTest {

    private static final int ROWS = 300_000;

    @Override
    Map<String, String> workerProperties() {
        return Map.of("offset.flush.interval.ms", "250");
    }

    @Override
    String kafkaVersion() {
        return newestKafka();
    }

    @Test
    void snapshotKilledHalfwayResumesAfterItsCommittedChunks() throws Exception {
        int parallelism = 1;
        TestDatabase db = storeDatabase("resumable", ROWS, 0);
        String name = "resumable-" + db.name();
        String topic = name + "." + db.name() + ".store_sales";
        Map<String, String> config = ItConnectorConfigs.capture(db, name, parallelism);
        config.put("table.include.list", db.name() + "\\.store_sales");
        config.put("snapshot.chunk.size", "4000");
        kafka.rest().createConnector(name, config);

        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        long delivered = topics.endOffset(topic);
        while (delivered < ROWS * 2 / 3 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            delivered = topics.endOffset(topic);
        }
        assertTrue(delivered < ROWS, "the snapshot must still be running when the worker is killed: " + delivered);
        System.out.println("offset before the kill: " + kafka.rest().offsets(name));
        kafka.killWorker();
        delivered = topics.endOffset(topic); // what the killed worker had written, exactly
        Thread.sleep(1_000);
        kafka.startWorker();
        awaitSales(name, db);

        long total = messageCount(topic);
        long readTwice = total - ROWS;
        System.out.printf("resumable snapshot, parallelism %d: killed at %d of %d rows delivered; %d messages in "
                + "all, %d rows read twice (%.1f%% of the table)%n", parallelism, delivered, ROWS, total, readTwice,
                100.0 * readTwice / ROWS);
        assertTrue(Files.readString(kafka.workerLog()).contains("continuing " + db.name() + ".store_sales after its"),
                "the task continued the snapshot after its chunks in Kafka");
        assertTrue(readTwice < ROWS / 10, "resumed, not restarted: " + readTwice + " rows read twice, "
                + delivered + " delivered before the crash");
        kafka.rest().deleteConnector(name);
    }
}
