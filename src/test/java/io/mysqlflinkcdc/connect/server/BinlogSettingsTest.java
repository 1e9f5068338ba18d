package io.mysqlflinkcdc.connect.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.mysqlflinkcdc.connect.config.ConnectorConfig;

class BinlogSettingsTest {

    private static final ConnectorConfig CONFIG = new ConnectorConfig(Map.of("database.hostname", "db",
            "database.user", "cdc", "topic.prefix", "shop"));

    @Test
    void binlogOffIsOneProblemOnTheHostWithTheServerOptionsToSet() {
        List<ConnectorConfig.Problem> problems = new BinlogSettings(false, "ROW", "FULL").problems(CONFIG);
        assertEquals(1, problems.size());
        assertEquals("database.hostname", problems.get(0).key());
        assertTrue(problems.get(0).message().contains("log_bin=OFF")
                && problems.get(0).message().contains("binlog_format=ROW"), problems.get(0).message());
    }

    @Test
    void statementFormatAndMinimalImageAreEachReported() {
        List<ConnectorConfig.Problem> problems = new BinlogSettings(true, "MIXED", "MINIMAL").problems(CONFIG);
        assertEquals(2, problems.size());
        assertTrue(problems.get(0).message().contains("binlog_format=MIXED"));
        assertTrue(problems.get(1).message().contains("binlog_row_image=MINIMAL"));
        assertEquals(List.of(), new BinlogSettings(true, "ROW", "FULL").problems(CONFIG));
    }
}
