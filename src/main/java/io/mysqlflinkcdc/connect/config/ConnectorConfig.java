package io.mysqlflinkcdc.connect.config;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

import io.mysqlflinkcdc.connect.format.DecimalMode;
import io.mysqlflinkcdc.connect.format.TemporalMode;
import io.mysqlflinkcdc.connect.record.KeyColumnOverrides;
import io.mysqlflinkcdc.connect.record.MetadataField;
import io.mysqlflinkcdc.connect.record.MetadataLocation;
import io.mysqlflinkcdc.connect.record.RecordSettings;

/** The connector's configuration: the ConfigDef assembled from its fragments, plus typed getters. */
public final class ConnectorConfig extends AbstractConfig {

    private static final long KEEP_ALIVE_FLOOR_MS = 10_000;

    /** A problem that involves several fields, reported against the field a user should change. */
    public record Problem(String key, String message) {
    }

    public static final ConfigDef CONFIG_DEF = configDef();

    private final Optional<TaskScope> taskScope;

    public ConnectorConfig(Map<String, String> props) {
        super(CONFIG_DEF, props);
        this.taskScope = TaskScope.of(props);
    }

    /** In a task: its index, tables and server ids; empty in the connector. */
    public Optional<TaskScope> taskScope() {
        return taskScope;
    }

    private static ConfigDef configDef() {
        ConfigDef def = new ConfigDef();
        DatabaseFragment.define(def);
        CaptureFragment.define(def);
        SignalFragment.define(def);
        NotificationFragment.define(def);
        StartupFragment.define(def);
        RecordFormatFragment.define(def);
        RoutingFragment.define(def);
        EngineFragment.define(def);
        return def;
    }

    /** Parses and checks across fields; throws {@link ConfigException} naming the first problem. */
    public static ConnectorConfig parse(Map<String, String> props) {
        ConnectorConfig config = new ConnectorConfig(props);
        List<Problem> problems = config.crossFieldProblems();
        if (!problems.isEmpty()) {
            Problem first = problems.get(0);
            throw new ConfigException(first.key() + ": " + first.message());
        }
        return config;
    }

    public List<Problem> crossFieldProblems() {
        List<Problem> problems = new ArrayList<>();
        if (notificationChannels().contains(NotificationFragment.SINK_CHANNEL)
                && getString(NotificationFragment.NOTIFICATION_SINK_TOPIC_NAME).isBlank()) {
            problems.add(new Problem(NotificationFragment.NOTIFICATION_SINK_TOPIC_NAME, "is required with the sink "
                    + "notification channel (notification.enabled.channels), e.g. " + topicPrefix() + "-notifications"));
        }
        if (signalChannels().contains(SignalFragment.KAFKA_CHANNEL)
                && getString(SignalFragment.SIGNAL_KAFKA_BOOTSTRAP_SERVERS).isBlank()) {
            problems.add(new Problem(SignalFragment.SIGNAL_KAFKA_BOOTSTRAP_SERVERS, "is required with the kafka "
                    + "signal channel (signal.enabled.channels): the Kafka cluster holding the signal topic, e.g. "
                    + "broker:9092"));
        }
        Optional<ServerIdRange> ids = configuredServerIds();
        int parallelism = snapshotParallelism();
        if (ids.isPresent() && ids.get().size() < parallelism) {
            problems.add(new Problem(DatabaseFragment.SERVER_ID, "holds " + ids.get().size()
                    + " id(s) but snapshot.parallelism is " + parallelism
                    + "; give a range with at least one id per reader, e.g. " + ids.get().first() + "-"
                    + (ids.get().first() + parallelism - 1)));
        }
        int tasks = tasksMax();
        if (ids.isPresent() && tasks > 1 && ids.get().size() < (long) tasks * parallelism) {
            problems.add(new Problem(DatabaseFragment.SERVER_ID, "holds " + ids.get().size()
                    + " id(s) but tasks.max × snapshot.parallelism is " + tasks * parallelism + ": each task takes "
                    + "its own " + parallelism + " (task 0 " + ids.get().first() + "-" + (ids.get().first()
                    + parallelism - 1) + ", task 1 the next " + parallelism + ", …); give e.g. "
                    + ids.get().first() + "-" + (ids.get().first() + (long) tasks * parallelism - 1)));
        }
        switch (startupMode()) {
            case TIMESTAMP -> {
                if (getLong(StartupFragment.STARTUP_TIMESTAMP_MS) == null) {
                    problems.add(new Problem(StartupFragment.STARTUP_TIMESTAMP_MS,
                            "is required with snapshot.mode=timestamp (epoch milliseconds)"));
                }
            }
            case SPECIFIC_OFFSET -> {
                boolean hasFile = startupBinlogFile().isPresent();
                boolean hasPosition = getLong(StartupFragment.STARTUP_BINLOG_POSITION) != null;
                boolean hasGtids = startupGtidSet().isPresent();
                if (!hasGtids && !(hasFile && hasPosition)) {
                    problems.add(new Problem(hasFile ? StartupFragment.STARTUP_BINLOG_POSITION
                            : StartupFragment.STARTUP_BINLOG_FILE,
                            "snapshot.mode=specific_offset needs startup.binlog.file with startup.binlog.position, "
                                    + "or startup.gtid.set"));
                }
            }
            default -> {
            }
        }
        if (connectionRetryTimeout().compareTo(idleProgressInterval()) <= 0) {
            // The task fails after this long without progress: an idle server would look down.
            problems.add(new Problem(DatabaseFragment.CONNECTION_RETRY_TIMEOUT_MS, "is "
                    + connectionRetryTimeout().toMillis() + " ms, but on an idle server a heartbeat arrives only every "
                    + idleProgressInterval().toMillis() + " ms (heartbeat.interval.ms, at least 0.8 × 10 s), so a "
                    + "healthy idle server would fail the task as unreachable; set it above "
                    + idleProgressInterval().toMillis() + " ms (default 300000) or lower heartbeat.interval.ms"));
        }
        if (!routeRegex().isEmpty() && getString(RoutingFragment.TOPIC_ROUTE_REPLACEMENT).isBlank()) {
            problems.add(new Problem(RoutingFragment.TOPIC_ROUTE_REPLACEMENT,
                    "is required with topic.route.regex: the topic name for the tables it matches, e.g. $1.orders"));
        }
        return problems;
    }

    public String hostname() {
        return getString(DatabaseFragment.HOSTNAME).trim();
    }

    public int port() {
        return getInt(DatabaseFragment.PORT);
    }

    public String user() {
        return getString(DatabaseFragment.USER);
    }

    public String password() {
        return getPassword(DatabaseFragment.PASSWORD).value();
    }

    public Optional<ServerIdRange> configuredServerIds() {
        String text = getString(DatabaseFragment.SERVER_ID);
        return text == null || text.isBlank() ? Optional.empty()
                : Optional.of(ServerIdRange.parse(DatabaseFragment.SERVER_ID, text));
    }

    /**
     * A task's own slice of ids; elsewhere the configured ids, or a fresh random range of
     * {@code count} ids within 5400-6399.
     */
    public ServerIdRange serverIds(int count) {
        return taskScope.map(TaskScope::serverIds).or(this::configuredServerIds).orElseGet(() -> {
            long first = 5400 + ThreadLocalRandom.current().nextLong(1000 - count);
            return new ServerIdRange(first, first + count - 1);
        });
    }

    public ServerIdRange serverIds() {
        return serverIds(snapshotParallelism());
    }

    /** Connect's own tasks.max, which it passes in the connector config (1 when absent). */
    public int tasksMax() {
        Object value = originals().get("tasks.max");
        try {
            return value == null ? 1 : Math.max(1, Integer.parseInt(value.toString().trim()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    public ZoneId serverTimeZone() {
        return ZoneId.of(getString(DatabaseFragment.SERVER_TIME_ZONE));
    }

    /** database.ssl.mode, lower case: Debezium's values. */
    public String sslMode() {
        return getString(DatabaseFragment.SSL_MODE).trim().toLowerCase(Locale.ROOT);
    }

    /** The JDBC driver's properties for database.ssl.*: sslMode and the truststore. */
    public Properties jdbcSslProperties() {
        Properties props = new Properties();
        props.setProperty("sslMode", sslMode().toUpperCase(Locale.ROOT));
        String truststore = getString(DatabaseFragment.SSL_TRUSTSTORE).trim();
        if (!truststore.isEmpty()) {
            props.setProperty("trustCertificateKeyStoreUrl", java.nio.file.Path.of(truststore).toUri().toString());
            props.setProperty("trustCertificateKeyStorePassword",
                    getPassword(DatabaseFragment.SSL_TRUSTSTORE_PASSWORD).value());
        }
        return props;
    }

    /** Debezium's (binlog client's) properties for database.ssl.*. */
    public Properties debeziumSslProperties() {
        Properties props = new Properties();
        props.setProperty("database.ssl.mode", sslMode());
        String truststore = getString(DatabaseFragment.SSL_TRUSTSTORE).trim();
        if (!truststore.isEmpty()) {
            props.setProperty("database.ssl.truststore", truststore);
            props.setProperty("database.ssl.truststore.password",
                    getPassword(DatabaseFragment.SSL_TRUSTSTORE_PASSWORD).value());
        }
        return props;
    }

    public Duration connectionRetryTimeout() {
        return Duration.ofMillis(getLong(DatabaseFragment.CONNECTION_RETRY_TIMEOUT_MS));
    }

    public Duration connectionRetryBackoffMax() {
        return Duration.ofMillis(getLong(DatabaseFragment.CONNECTION_RETRY_BACKOFF_MAX_MS));
    }

    public Duration connectTimeout() {
        return Duration.ofMillis(getLong(DatabaseFragment.CONNECT_TIMEOUT_MS));
    }

    public String topicPrefix() {
        return getString(CaptureFragment.TOPIC_PREFIX);
    }

    /** The tables this task captures, or (in the connector) those the include/exclude lists select. */
    public TableSelection tableSelection() {
        if (taskScope.isPresent()) {
            return TableSelection.exactly(taskScope.get().tables());
        }
        return configuredTableSelection();
    }

    public TableSelection configuredTableSelection() {
        return TableSelection.of(getList(CaptureFragment.DATABASE_INCLUDE_LIST),
                getList(CaptureFragment.TABLE_INCLUDE_LIST), getList(CaptureFragment.TABLE_EXCLUDE_LIST));
    }

    public Duration tableMonitorInterval() {
        return Duration.ofMillis(getLong(CaptureFragment.TABLE_MONITOR_INTERVAL_MS));
    }

    public Duration heartbeatInterval() {
        return Duration.ofMillis(getLong(CaptureFragment.HEARTBEAT_INTERVAL_MS));
    }

    /**
     * The binlog client's keep-alive: it asks the server for replication heartbeats every 0.8 × this.
     * Never below 10 s, so the client does not reconnect over one late packet.
     */
    public Duration keepAliveInterval() {
        return Duration.ofMillis(Math.max(KEEP_ALIVE_FLOOR_MS, heartbeatInterval().toMillis()));
    }

    /**
     * The longest a healthy but idle server leaves the task without a change or heartbeat: the
     * connector's heartbeat, or the server's replication heartbeat that carries it on an idle server.
     */
    public Duration idleProgressInterval() {
        return Duration.ofMillis(Math.max(heartbeatInterval().toMillis(), keepAliveInterval().toMillis() * 4 / 5));
    }

    /** The signal table (db.table), if the source channel is on and names one. */
    public Optional<String> signalTable() {
        return signalChannels().contains(SignalFragment.SOURCE_CHANNEL)
                ? nonBlank(getString(SignalFragment.SIGNAL_DATA_COLLECTION)).map(String::trim) : Optional.empty();
    }

    private List<String> signalChannels() {
        return channels(SignalFragment.SIGNAL_ENABLED_CHANNELS);
    }

    /** A channel list as its validator reads it: trimmed, any case. */
    private List<String> channels(String key) {
        return getList(key).stream().map(channel -> channel.trim().toLowerCase(Locale.ROOT)).toList();
    }

    /** Whether notifications go to the worker log. */
    public boolean notifiesLog() {
        return notificationChannels().contains(NotificationFragment.LOG_CHANNEL);
    }

    /** The topic notifications go to, if the sink channel is on. */
    public Optional<String> notificationTopic() {
        return notificationChannels().contains(NotificationFragment.SINK_CHANNEL)
                ? nonBlank(getString(NotificationFragment.NOTIFICATION_SINK_TOPIC_NAME)).map(String::trim)
                : Optional.empty();
    }

    private List<String> notificationChannels() {
        return channels(NotificationFragment.NOTIFICATION_ENABLED_CHANNELS);
    }

    /** The kafka signal channel, if on. */
    public Optional<KafkaSignalSettings> kafkaSignals() {
        if (!signalChannels().contains(SignalFragment.KAFKA_CHANNEL)) {
            return Optional.empty();
        }
        String topic = nonBlank(getString(SignalFragment.SIGNAL_KAFKA_TOPIC)).map(String::trim)
                .orElse(topicPrefix() + "-signal");
        Map<String, Object> consumer = new HashMap<>(originalsWithPrefix(SignalFragment.SIGNAL_CONSUMER_PREFIX));
        consumer.put("bootstrap.servers", getString(SignalFragment.SIGNAL_KAFKA_BOOTSTRAP_SERVERS).trim());
        return Optional.of(new KafkaSignalSettings(topic, getString(SignalFragment.SIGNAL_KAFKA_GROUP_ID).trim(),
                Map.copyOf(consumer)));
    }

    /**
     * @param topic       the signal topic
     * @param groupPrefix prefix of each task's consumer group
     * @param consumer    the consumer's settings: bootstrap servers and signal.consumer.*
     */
    public record KafkaSignalSettings(String topic, String groupPrefix, Map<String, Object> consumer) {
    }

    public String heartbeatTopic() {
        return getString(CaptureFragment.HEARTBEAT_TOPIC_PREFIX) + "." + topicPrefix();
    }

    public StartupMode startupMode() {
        return StartupMode.parse(getString(StartupFragment.SNAPSHOT_MODE));
    }

    public Optional<Long> startupTimestampMs() {
        return Optional.ofNullable(getLong(StartupFragment.STARTUP_TIMESTAMP_MS));
    }

    public Optional<String> startupBinlogFile() {
        return nonBlank(getString(StartupFragment.STARTUP_BINLOG_FILE));
    }

    public Optional<Long> startupBinlogPosition() {
        return Optional.ofNullable(getLong(StartupFragment.STARTUP_BINLOG_POSITION));
    }

    public Optional<String> startupGtidSet() {
        return nonBlank(getString(StartupFragment.STARTUP_GTID_SET));
    }

    public int snapshotChunkSize() {
        return getInt(EngineFragment.SNAPSHOT_CHUNK_SIZE);
    }

    public int snapshotParallelism() {
        return getInt(EngineFragment.SNAPSHOT_PARALLELISM);
    }

    public int snapshotFetchSize() {
        return getInt(EngineFragment.SNAPSHOT_FETCH_SIZE);
    }

    public boolean snapshotBackfillSkip() {
        return getBoolean(EngineFragment.SNAPSHOT_BACKFILL_SKIP);
    }

    /** Whether chunks without backfill are read by the connector's JDBC chunk reader rather than Flink CDC's. */
    /** Whether jobs of one reader run without a Flink cluster (engine.runtime=direct). */
    public boolean directRuntime() {
        return "direct".equalsIgnoreCase(getString(EngineFragment.RUNTIME));
    }

    /** Whether some job of this config may run in a mini-cluster: engine.runtime=mini-cluster or a parallel snapshot. */
    public boolean mayRunMiniCluster() {
        return !directRuntime() || snapshotParallelism() > 1;
    }

    public boolean snapshotChunksByJdbc() {
        return "jdbc".equalsIgnoreCase(getString(EngineFragment.SNAPSHOT_CHUNK_READER));
    }

    public int maxQueueSize() {
        return getInt(EngineFragment.MAX_QUEUE_SIZE);
    }

    public int maxBatchSize() {
        return getInt(EngineFragment.MAX_BATCH_SIZE);
    }

    public Duration pollInterval() {
        return Duration.ofMillis(getLong(EngineFragment.POLL_INTERVAL_MS));
    }

    /** max.queue.size.in.bytes: the bytes of rows each buffering stage may hold. */
    public long maxQueueBytes() {
        return getLong(EngineFragment.MAX_QUEUE_SIZE_IN_BYTES);
    }

    public Duration shutdownTimeout() {
        return Duration.ofMillis(getLong(EngineFragment.SHUTDOWN_TIMEOUT_MS));
    }

    public DecimalMode decimalMode() {
        return DecimalMode.parse(getString(RecordFormatFragment.DECIMAL_HANDLING_MODE));
    }

    public TemporalMode temporalMode() {
        return TemporalMode.parse(getString(RecordFormatFragment.TEMPORAL_HANDLING_MODE));
    }

    public String binaryHandlingMode() {
        return getString(RecordFormatFragment.BINARY_HANDLING_MODE).trim().toLowerCase(Locale.ROOT);
    }

    public String bigintUnsignedHandlingMode() {
        return getString(RecordFormatFragment.BIGINT_UNSIGNED_HANDLING_MODE).trim().toLowerCase(Locale.ROOT);
    }

    public KeyColumnOverrides keyColumnOverrides() {
        return KeyColumnOverrides.parse(getString(RoutingFragment.MESSAGE_KEY_COLUMNS));
    }

    private String routeRegex() {
        return getString(RoutingFragment.TOPIC_ROUTE_REGEX).trim();
    }

    /** What shapes each record, for the deserializer that runs inside the Flink job. */
    public RecordSettings recordSettings() {
        return new RecordSettings(topicPrefix(), heartbeatTopic(), decimalMode(), temporalMode(),
                getList(RecordFormatFragment.METADATA_FIELDS).stream().map(MetadataField::parse).toList(),
                MetadataLocation.parse(getString(RecordFormatFragment.METADATA_LOCATION)),
                getString(RoutingFragment.MESSAGE_KEY_COLUMNS), routeRegex(),
                getString(RoutingFragment.TOPIC_ROUTE_REPLACEMENT).trim(),
                getString(RoutingFragment.TOPIC_ROUTE_KEY_FIELD).trim());
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
