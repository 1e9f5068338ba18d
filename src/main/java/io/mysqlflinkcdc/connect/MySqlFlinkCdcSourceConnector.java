package io.mysqlflinkcdc.connect;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

import io.mysqlflinkcdc.connect.config.CaptureFragment;
import io.mysqlflinkcdc.connect.config.ConnectorConfig;
import io.mysqlflinkcdc.connect.offset.OffsetCodec;
import io.mysqlflinkcdc.connect.offset.StoredOffset;
import io.mysqlflinkcdc.connect.schema.TableSchemasCodec;
import io.mysqlflinkcdc.connect.server.LiveServerChecks;

/**
 * Streams MySQL tables into upsert-keyed Kafka topics. One task: the binlog is a single ordered
 * stream; snapshot parallelism lives inside the task's embedded Flink job.
 */
public class MySqlFlinkCdcSourceConnector extends SourceConnector {

    private Map<String, String> props;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        ConnectorConfig.parse(props);
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return MySqlFlinkCdcSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return List.of(props);
    }

    @Override
    public void stop() {
        props = null;
    }

    /**
     * Every record carries the exact position to resume after it, so with Connect writing each
     * poll()'s records and offset in one transaction (KIP-618) a restart neither repeats nor skips a
     * binlog change. A crash during the snapshot still redoes the snapshot (see the README).
     */
    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.SUPPORTED;
    }

    @Override
    public ConfigDef config() {
        return ConnectorConfig.CONFIG_DEF;
    }

    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config result = super.validate(connectorConfigs);
        boolean fieldsValid = result.configValues().stream().allMatch(value -> value.errorMessages().isEmpty());
        if (fieldsValid) {
            ConnectorConfig config = new ConnectorConfig(connectorConfigs);
            List<ConnectorConfig.Problem> problems = config.crossFieldProblems();
            if (problems.isEmpty()) {
                problems = LiveServerChecks.problems(config);
            }
            for (ConnectorConfig.Problem problem : problems) {
                result.configValues().stream()
                        .filter(value -> value.name().equals(problem.key()))
                        .findFirst()
                        .ifPresent(value -> value.addErrorMessage(problem.message()));
            }
        }
        return result;
    }

    /** Accepts resets (null offsets) and offsets this connector or Debezium's MySQL connector can resume from. */
    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
        String prefix = connectorConfig.get(CaptureFragment.TOPIC_PREFIX);
        for (Map.Entry<Map<String, ?>, Map<String, ?>> entry : offsets.entrySet()) {
            Map<String, ?> partition = entry.getKey();
            if (partition == null || !OffsetCodec.partition(prefix).equals(partition)) {
                throw new ConnectException("Unknown source partition " + partition + "; this connector has one: "
                        + OffsetCodec.partition(prefix));
            }
            if (entry.getValue() != null) {
                try {
                    if (OffsetCodec.decode(entry.getValue()) instanceof StoredOffset.Streaming streaming
                            && streaming.tableSchemas() != null) {
                        TableSchemasCodec.decode(streaming.tableSchemas());
                    }
                } catch (IllegalArgumentException e) {
                    throw new ConnectException("Invalid offset " + entry.getValue() + ": " + e.getMessage()
                            + ". Expected e.g. {\"file\": \"mysql-bin.000003\", \"pos\": 154}");
                }
            }
        }
        return true;
    }
}
