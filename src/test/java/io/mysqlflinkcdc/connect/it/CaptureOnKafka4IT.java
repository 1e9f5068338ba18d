package io.mysqlflinkcdc.connect.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The capture scenarios on a current Kafka 4.x worker. */
class CaptureOnKafka4IT extends AbstractCaptureIT {

    @Override
    String kafkaVersion() {
        return ItSettings.kafkaVersions().get(1);
    }

    /**
     * Flink's source reader shuts its idle split fetcher down after every chunk and makes a new one
     * for the next; the chunk reader's server connection must outlive them (counted by the
     * server's per-user statistics, MariaDB's userstat).
     */
    @Test
    void snapshotChunksAreReadOverOneServerConnection() throws Exception {
        mariadb.execute("", "SET GLOBAL userstat = 1");
        TestDatabase db = storeDatabase("chunkconn", 30_000, 0);
        String name = "chunkconn-" + db.name();
        Map<String, String> config = ItConnectorConfigs.captureSales(db, name);
        config.put("snapshot.chunk.size", "500");
        kafka.rest().createConnector(name, config);
        awaitSales(name, db);

        long chunks = Pattern.compile("Read \\d+ rows of snapshot chunk " + db.name() + "\\.store_sales:\\d+ by JDBC")
                .matcher(Files.readString(kafka.workerLog())).results().count();
        long connections = totalConnections(db.user());
        System.out.printf("%d snapshot chunks read by JDBC over %d connections of the connector's user in all%n",
                chunks, connections);
        assertTrue(chunks >= 40, "the chunk reader read the snapshot in many chunks: " + chunks);
        assertTrue(connections < chunks / 2, "the connector opened " + connections + " connections for a snapshot of "
                + chunks + " chunks: a connection per chunk");
        kafka.rest().deleteConnector(name);
    }

    private long totalConnections(String user) throws Exception {
        try (Connection root = mariadb.rootConnection("");
             PreparedStatement query = root.prepareStatement(
                     "SELECT TOTAL_CONNECTIONS FROM information_schema.USER_STATISTICS WHERE USER = ?")) {
            query.setString(1, user);
            try (ResultSet row = query.executeQuery()) {
                assertTrue(row.next(), "the server keeps statistics of user " + user);
                return row.getLong(1);
            }
        }
    }
}
