package io.mysqlflinkcdc.connect.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.cdc.connectors.mysql.source.config.MySqlSourceConfig;
import org.apache.flink.cdc.connectors.mysql.table.StartupOptions;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.source.SourceRecord;
import org.apache.flink.cdc.debezium.DebeziumDeserializationSchema;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

import io.mysqlflinkcdc.connect.config.ConnectorConfig;

/** The Flink CDC settings the hot path depends on (measured in bench/, see bench/README.md). */
class MySqlSourceFactoryTest {

    private static final DebeziumDeserializationSchema<String> NOTHING = new DebeziumDeserializationSchema<>() {
        @Override
        public void deserialize(SourceRecord record, Collector<String> out) {
        }

        @Override
        public TypeInformation<String> getProducedType() {
            return Types.STRING;
        }
    };

    private static MySqlSourceConfig flinkCdcConfig(String... keyValues) {
        Map<String, String> props = new HashMap<>(Map.of("database.hostname", "mysql.local", "database.user", "cdc",
                "topic.prefix", "shop", "database.server.id", "5400", "database.password", "pw",
                "database.include.list", "shop", "table.include.list", "shop\\.orders"));
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        ConnectorConfig config = ConnectorConfig.parse(props);
        return MySqlSourceFactory.create(config, config.tableSelection(), config.serverIds(),
                        StartupOptions.initial(), NOTHING, Map.of(), null, Map.of(), null, null)
                .getConfigFactory().createConfig(0);
    }

    @Test
    void debeziumQueueHandsOverWithinTwentyMilliseconds() {
        // The default 500 ms made every snapshot chunk wait up to a second and every change up to 0.5 s.
        assertEquals("20", flinkCdcConfig().getDbzProperties().getProperty("poll.interval.ms"));
    }

    @Test
    void snapshotBackfillIsSkippedUnlessAsked() {
        assertTrue(flinkCdcConfig().isSkipSnapshotBackfill());
        assertFalse(flinkCdcConfig("snapshot.backfill.skip", "false").isSkipSnapshotBackfill());
    }
}
