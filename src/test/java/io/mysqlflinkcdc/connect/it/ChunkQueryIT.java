package io.mysqlflinkcdc.connect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.flink.cdc.connectors.mysql.debezium.DebeziumUtils;
import org.apache.flink.cdc.connectors.mysql.source.config.MySqlSourceConfig;
import org.apache.flink.cdc.connectors.mysql.source.utils.StatementUtils;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.debezium.connector.mysql.MySqlConnection;
import io.mysqlflinkcdc.connect.engine.FlinkCdcConfigs;

/**
 * What the MySQL driver does with a snapshot chunk's query, run as the chunk reader runs it
 * (Flink CDC's connection and statement, JdbcChunkReader): it reads the chunk's whole result
 * before the first row is asked for, whatever snapshot.fetch.size says. The README's "Wide rows"
 * (chunk sizes bound a chunk's bytes) and snapshot.fetch.size's documentation rest on this.
 */
class ChunkQueryIT {

    private static final int ROWS = 5_000;

    @ParameterizedTest
    @ValueSource(strings = {"1", "1024"})
    void theDriverHoldsTheWholeChunkWhateverTheFetchSize(String fetchSize) throws Exception {
        MariaDbServer mariadb = MariaDbServer.shared();
        TestDatabase db = mariadb.newDatabase("chunkquery");
        db.execute("CREATE TABLE t (id INT PRIMARY KEY, payload VARCHAR(100))",
                "INSERT INTO t SELECT seq, REPEAT('x', 100) FROM seq_1_to_" + ROWS);
        List<String> settings = new ArrayList<>();
        Map<String, String> connection = db.connectorConnection();
        connection.put("table.include.list", db.name() + "\\.t");
        connection.put("snapshot.fetch.size", fetchSize);
        connection.forEach((key, value) -> {
            settings.add(key);
            settings.add(value);
        });
        MySqlSourceConfig sourceConfig = FlinkCdcConfigs.readerConfig(settings.toArray(String[]::new));
        assertEquals(Integer.parseInt(fetchSize), sourceConfig.getFetchSize(), "Flink CDC got the fetch size");

        int read = 0;
        try (MySqlConnection chunkConnection = DebeziumUtils.createMySqlConnection(sourceConfig)) {
            long id = chunkConnection.queryAndMap("SELECT CONNECTION_ID()", rs -> {
                rs.next();
                return rs.getLong(1);
            });
            try (PreparedStatement statement = StatementUtils.readTableSplitDataStatement(chunkConnection,
                    "SELECT * FROM " + StatementUtils.quote(db.name()) + ".t", true, true, null, null, 1,
                    sourceConfig.getFetchSize());
                 ResultSet rows = statement.executeQuery()) {
                // The server connection ends before the first row is read: only rows the driver already holds remain.
                mariadb.execute("", "KILL CONNECTION " + id);
                while (rows.next()) {
                    read++;
                }
            }
        }
        assertEquals(ROWS, read, "rows read after the server connection was killed, snapshot.fetch.size=" + fetchSize);
    }
}
