package io.mysqlflinkcdc.connect;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mysqlflinkcdc.connect.assign.TableAssignment;
import io.mysqlflinkcdc.connect.assign.TableMonitor;
import io.mysqlflinkcdc.connect.config.CaptureFragment;
import io.mysqlflinkcdc.connect.config.ConnectorConfig;
import io.mysqlflinkcdc.connect.config.EngineFragment;
import io.mysqlflinkcdc.connect.config.ServerIdRange;
import io.mysqlflinkcdc.connect.config.TaskScope;
import io.mysqlflinkcdc.connect.engine.EngineWarmUp;
import io.mysqlflinkcdc.connect.offset.OffsetCodec;
import io.mysqlflinkcdc.connect.offset.StoredOffset;
import io.mysqlflinkcdc.connect.schema.TableSchemasCodec;
import io.mysqlflinkcdc.connect.server.LiveServerChecks;
import io.mysqlflinkcdc.connect.server.ServerConnections;
import io.mysqlflinkcdc.connect.server.ServerTables;

/**
 * Streams MySQL tables into upsert-keyed Kafka topics. tasks.max splits the captured tables into
 * groups of similar size, one task (one embedded Flink CDC job, one binlog connection) per group;
 * a table monitor reconfigures the tasks when tables come or go (docs/design.md, "Tasks").
 */
public class MySqlFlinkCdcSourceConnector extends SourceConnector {

    private static final Logger LOG = LoggerFactory.getLogger(MySqlFlinkCdcSourceConnector.class);
    private static final Duration LISTING_TIMEOUT = Duration.ofSeconds(10);

    private Map<String, String> props;
    private ConnectorConfig config;
    private TableMonitor monitor;
    /** The server ids the tasks' slices come from (random once per start when none are configured). */
    private ServerIdRange serverIds;
    /** The groups handed out last, so a reconfiguration moves as few tables as it can. */
    private List<List<String>> groups = List.of();

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        this.config = ConnectorConfig.parse(props);
        this.props = Map.copyOf(props);
        if (props.containsKey(EngineFragment.SNAPSHOT_FETCH_SIZE)) {
            LOG.warn("'{}' sets {}, which has no effect: the MySQL driver reads each snapshot chunk's result whole "
                    + "(bounded by snapshot.chunk.size); remove it", config.topicPrefix(),
                    EngineFragment.SNAPSHOT_FETCH_SIZE);
        }
        EngineWarmUp.startOnce(config.mayRunMiniCluster());
        this.serverIds = config.serverIds(config.tasksMax() * config.snapshotParallelism());
        this.monitor = new TableMonitor(config.topicPrefix(), this::listTables, config.tableMonitorInterval(),
                () -> context.requestTaskReconfiguration());
    }

    /** The captured tables with their estimated sizes; overridden by tests that have no server. */
    SortedMap<String, Long> listTables() throws Exception {
        try (Connection connection = ServerConnections.open(config, LISTING_TIMEOUT)) {
            return ServerTables.captured(connection, config.configuredTableSelection());
        }
    }

    @Override
    public Class<? extends Task> taskClass() {
        return MySqlFlinkCdcSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        Optional<SortedMap<String, Long>> tables = monitor.tables();
        if (tables.isEmpty()) {
            // One task that lists the tables itself once the server answers; the table monitor
            // spreads them over tasks.max tasks after its first listing.
            LOG.warn("Could not list the tables of '{}' at {}:{}; starting one task for all of them until the table "
                    + "monitor can", config.topicPrefix(), config.hostname(), config.port());
            return List.of(props);
        }
        if (tables.get().isEmpty()) {
            LOG.warn("No table of {}:{} matches the include/exclude lists of '{}'; no task runs until one does",
                    config.hostname(), config.port(), config.topicPrefix());
            return List.of();
        }
        int idsPerTask = config.snapshotParallelism();
        int usable = (int) Math.min(maxTasks, serverIds.size() / idsPerTask);
        if (usable < maxTasks && usable < tables.get().size()) {
            LOG.warn("database.server.id {} holds ids for {} task(s) of snapshot.parallelism={}, not tasks.max={}; "
                    + "running {}", serverIds, usable, idsPerTask, maxTasks, usable);
        }
        groups = TableAssignment.assign(tables.get(), usable, groups);
        List<Map<String, String>> configs = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            TaskScope scope = new TaskScope(i, groups.get(i), serverIds.slice(i, idsPerTask));
            LOG.info("Task {} of '{}' captures {} table(s) with server ids {}: {}", i, config.topicPrefix(),
                    scope.tables().size(), scope.serverIds(), scope.tables());
            configs.add(scope.addTo(props));
        }
        return configs;
    }

    @Override
    public void stop() {
        if (monitor != null) {
            monitor.close();
        }
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
            // A PUT validates first: the warm-up runs meanwhile and while the task then starts.
            EngineWarmUp.startOnce(config.mayRunMiniCluster());
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

    /**
     * Accepts resets (null offsets) and offsets this connector or Debezium's MySQL connector can
     * resume from, for a table's partition or the legacy one (read by tables without their own).
     */
    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
        String prefix = connectorConfig.get(CaptureFragment.TOPIC_PREFIX);
        for (Map.Entry<Map<String, ?>, Map<String, ?>> entry : offsets.entrySet()) {
            try {
                OffsetCodec.tableOf(prefix, entry.getKey());
            } catch (IllegalArgumentException e) {
                throw new ConnectException("Unknown source partition: " + e.getMessage(), e);
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
