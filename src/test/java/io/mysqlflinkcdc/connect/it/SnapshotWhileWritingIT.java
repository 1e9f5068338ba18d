package io.mysqlflinkcdc.connect.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Slow (about a minute): rows are updated, deleted and inserted while the snapshot reads them, with
 * and without Flink CDC's backfill (snapshot.backfill.skip). Either way nothing is lost: the
 * compacted topic ends equal to the table.
 */
@Tag("slow")
class SnapshotWhileWritingIT extends ConnectStackTest {

    private static final int ROWS = 60_000;
    /** With backfill, each chunk also reads the binlog written meanwhile: an unbounded writer slows it. */
    private static final int MAX_CHANGES = 5_000;

    @Override
    String kafkaVersion() {
        return newestKafka();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void changesDuringTheSnapshotEndUpInTheTopic(boolean skipBackfill) throws Exception {
        TestDatabase db = storeDatabase("snapwrite", ROWS, 0);
        String name = "snapwrite-" + db.name();
        String topic = name + "." + db.name() + ".store_sales";
        Map<String, String> config = ItConnectorConfigs.captureSales(db, name);
        config.put("snapshot.chunk.size", "500");
        config.put("snapshot.backfill.skip", Boolean.toString(skipBackfill));
        kafka.rest().createConnector(name, config);

        int changesDuringSnapshot = writeUntilSnapshotEnds(db, topic);
        System.out.printf("snapshot.backfill.skip=%s: %d changes written while the snapshot ran%n", skipBackfill,
                changesDuringSnapshot);
        assertTrue(changesDuringSnapshot > 0, "the writer overlapped the snapshot");
        awaitSales(name, db);
        kafka.rest().deleteConnector(name);
    }

    /**
     * Transactions of 10 updates, 2 deletes and 2 inserts until the topic holds the snapshot's
     * rows (snapshot records come before any binlog record) or MAX_CHANGES were made; returns the
     * changes made.
     */
    private int writeUntilSnapshotEnds(TestDatabase db, String topic) throws Exception {
        Random random = new Random(7);
        long nextTicket = 10_000_000L;
        int changes = 0;
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        try (Connection connection = db.connect();
             PreparedStatement update = connection.prepareStatement("UPDATE store_sales SET ss_quantity = "
                     + "COALESCE(ss_quantity, 0) + 1 WHERE ss_item_sk = ? AND ss_ticket_number = ?");
             PreparedStatement delete = connection.prepareStatement(
                     "DELETE FROM store_sales WHERE ss_item_sk = ? AND ss_ticket_number = ?")) {
            connection.setAutoCommit(false);
            while (changes < MAX_CHANGES && topics.endOffset(topic) < ROWS && System.nanoTime() < deadline) {
                for (int i = 0; i < 12; i++) {
                    long ticket = 1 + random.nextInt(ROWS);
                    PreparedStatement statement = i < 10 ? update : delete;
                    statement.setInt(1, (int) (ticket % 97) + 1);
                    statement.setLong(2, ticket);
                    statement.addBatch();
                }
                update.executeBatch();
                delete.executeBatch();
                connection.commit();
                TpcdsTables.insertSales(db, nextTicket, 2);
                nextTicket += 2;
                changes += 14;
            }
        }
        return changes;
    }
}
