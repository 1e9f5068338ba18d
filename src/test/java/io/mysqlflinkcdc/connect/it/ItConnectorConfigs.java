package io.mysqlflinkcdc.connect.it;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Connector configs for the integration tests, as a user would PUT them. */
final class ItConnectorConfigs {

    /** Each connector gets its own server-id range so none clashes with another on the shared server. */
    private static final AtomicInteger NEXT_SERVER_ID = new AtomicInteger(5400 + (int) (ProcessHandle.current().pid() % 50) * 100);

    private ItConnectorConfigs() {
    }

    /** A config capturing store_sales only, with one snapshot reader. */
    static Map<String, String> captureSales(TestDatabase db, String topicPrefix) {
        Map<String, String> config = capture(db, topicPrefix, 1);
        config.put("table.include.list", db.name() + "\\.store_sales");
        return config;
    }

    static Map<String, String> capture(TestDatabase db, String topicPrefix, int parallelism) {
        return capture(db, topicPrefix, 1, parallelism);
    }

    /**
     * A config capturing every table of the database with up to {@code tasks} tasks, each with
     * {@code parallelism} snapshot readers: database.server.id has tasks x parallelism ids.
     */
    static Map<String, String> capture(TestDatabase db, String topicPrefix, int tasks, int parallelism) {
        int ids = tasks * parallelism;
        int firstId = NEXT_SERVER_ID.getAndAdd(ids);
        Map<String, String> config = db.connectorConnection();
        config.put("connector.class", "io.mysqlflinkcdc.connect.MySqlFlinkCdcSourceConnector");
        config.put("tasks.max", Integer.toString(tasks));
        config.put("table.include.list", db.name() + "\\..*");
        config.put("database.server.id", firstId + "-" + (firstId + ids - 1));
        config.put("topic.prefix", topicPrefix);
        config.put("snapshot.parallelism", Integer.toString(parallelism));
        config.put("snapshot.chunk.size", "1000");
        config.put("heartbeat.interval.ms", "1000");
        config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("key.converter.schemas.enable", "false");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        config.put("topic.creation.default.replication.factor", "1");
        config.put("topic.creation.default.partitions", "1");
        config.put("topic.creation.default.cleanup.policy", "compact");
        return config;
    }
}
