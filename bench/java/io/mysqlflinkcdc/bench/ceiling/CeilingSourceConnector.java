package io.mysqlflinkcdc.bench.ceiling;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * The benchmark's Connect ceiling (bench/README.md): the least a source connector can do to move a
 * table into Kafka through Connect. One task, one streaming JDBC {@code SELECT *}, each row a
 * key and value {@code Struct}, handed to Connect; Connect's converter and producer do the rest.
 * No CDC, no offsets worth resuming from. Built with the benchmark, never shipped.
 */
public class CeilingSourceConnector extends SourceConnector {

    static final String JDBC_URL = "jdbc.url";
    static final String USER = "jdbc.user";
    static final String PASSWORD = "jdbc.password";
    static final String TABLE = "table";
    static final String KEY_COLUMNS = "key.columns";
    static final String TOPIC = "topic";

    private static final ConfigDef CONFIG = new ConfigDef()
            .define(JDBC_URL, ConfigDef.Type.STRING, ConfigDef.Importance.HIGH, "JDBC URL of the database")
            .define(USER, ConfigDef.Type.STRING, ConfigDef.Importance.HIGH, "user")
            .define(PASSWORD, ConfigDef.Type.PASSWORD, ConfigDef.Importance.HIGH, "password")
            .define(TABLE, ConfigDef.Type.STRING, ConfigDef.Importance.HIGH, "table to read")
            .define(KEY_COLUMNS, ConfigDef.Type.LIST, ConfigDef.Importance.HIGH, "primary key columns")
            .define(TOPIC, ConfigDef.Type.STRING, ConfigDef.Importance.HIGH, "topic to write");

    private Map<String, String> props;

    @Override
    public void start(Map<String, String> props) {
        this.props = props;
    }

    @Override
    public Class<? extends Task> taskClass() {
        return CeilingSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return List.of(props);
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return CONFIG;
    }

    @Override
    public String version() {
        return "bench";
    }
}
