package io.mysqlflinkcdc.connect.engine;

import java.util.HashMap;
import java.util.Map;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.cdc.connectors.mysql.source.config.MySqlSourceConfig;
import org.apache.flink.cdc.connectors.mysql.table.StartupOptions;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.source.SourceRecord;
import org.apache.flink.cdc.debezium.DebeziumDeserializationSchema;
import org.apache.flink.util.Collector;

import io.mysqlflinkcdc.connect.config.ConnectorConfig;

/** The Flink CDC source config {@link MySqlSourceFactory} builds from a connector config, for tests without a server. */
public final class FlinkCdcConfigs {

    private static final DebeziumDeserializationSchema<String> NOTHING = new DebeziumDeserializationSchema<>() {
        @Override
        public void deserialize(SourceRecord record, Collector<String> out) {
        }

        @Override
        public TypeInformation<String> getProducedType() {
            return Types.STRING;
        }
    };

    private FlinkCdcConfigs() {
    }

    /** Reader 0's config for table shop.orders, with connector settings overridden by key, value pairs. */
    public static MySqlSourceConfig readerConfig(String... keyValues) {
        Map<String, String> props = new HashMap<>(Map.of("database.hostname", "mysql.local", "database.user", "cdc",
                "topic.prefix", "shop", "database.server.id", "5400", "database.password", "pw",
                "database.include.list", "shop", "table.include.list", "shop\\.orders"));
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        ConnectorConfig config = ConnectorConfig.parse(props);
        return MySqlSourceFactory.create(config, config.tableSelection(), config.serverIds(),
                        StartupOptions.initial(), NOTHING, Map.of(), null, Map.of(), null, null,
                        BufferSizing.of(config.maxQueueBytes(), config.snapshotChunkSize(), Map.of()), false, Map.of())
                .getConfigFactory().createConfig(0);
    }
}
