package io.mysqlflinkcdc.connect.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConnectorConfigTest {

    private static Map<String, String> minimal() {
        Map<String, String> props = new HashMap<>();
        props.put("database.hostname", "mysql.local");
        props.put("database.user", "cdc");
        props.put("topic.prefix", "shop");
        return props;
    }

    private static Map<String, String> with(String... keyValues) {
        Map<String, String> props = minimal();
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        return props;
    }

    private static String parseError(Map<String, String> props) {
        return assertThrows(ConfigException.class, () -> ConnectorConfig.parse(props)).getMessage();
    }

    @ParameterizedTest
    @ValueSource(strings = {"database.hostname", "database.user", "topic.prefix"})
    void requiredKeyMissingIsRejected(String key) {
        Map<String, String> props = minimal();
        props.remove(key);
        assertTrue(parseError(props).contains(key));
    }

    @Test
    void defaults() {
        ConnectorConfig config = ConnectorConfig.parse(minimal());
        assertEquals("mysql.local", config.hostname());
        assertEquals(3306, config.port());
        assertEquals("", config.password());
        assertEquals(ZoneId.of("UTC"), config.serverTimeZone());
        assertEquals(Duration.ofSeconds(30), config.connectTimeout());
        assertEquals(Optional.empty(), config.configuredServerIds());
        assertEquals(StartupMode.INITIAL, config.startupMode());
        assertEquals(Duration.ofSeconds(10), config.heartbeatInterval());
        assertEquals("__debezium-heartbeat.shop", config.heartbeatTopic());
        assertEquals(8096, config.snapshotChunkSize());
        assertEquals(1, config.snapshotParallelism());
        assertEquals(1024, config.snapshotFetchSize());
        assertEquals(2048, config.maxQueueSize());
        assertEquals(2048, config.maxBatchSize());
        assertEquals(Duration.ofMillis(500), config.pollInterval());
        assertEquals(Duration.ofSeconds(30), config.shutdownTimeout());
        assertEquals(List.of(".*"), config.tableSelection().databaseList());
        assertEquals(Optional.empty(), config.tableSelection().tableList());
    }

    @Test
    void randomServerIdsCoverTheParallelismWithinTheDefaultRange() {
        ConnectorConfig config = ConnectorConfig.parse(with("snapshot.parallelism", "4"));
        for (int i = 0; i < 50; i++) {
            ServerIdRange ids = config.serverIds();
            assertEquals(4, ids.size());
            assertTrue(ids.first() >= 5400 && ids.last() <= 6399, ids.toString());
        }
    }

    @Test
    void passwordIsHiddenFromTheConfigValues() {
        assertEquals(ConfigDef.Type.PASSWORD, ConnectorConfig.CONFIG_DEF.configKeys().get("database.password").type);
        ConnectorConfig config = ConnectorConfig.parse(with("database.password", "s3cr3t-pw"));
        assertEquals("s3cr3t-pw", config.password());
        assertFalse(config.values().toString().contains("s3cr3t-pw"), config.values().toString());
    }

    @Test
    void serverIdRangeSmallerThanParallelismIsRejected() {
        String message = parseError(with("database.server.id", "5400-5401", "snapshot.parallelism", "4"));
        assertTrue(message.startsWith("database.server.id:"), message);
        assertTrue(message.contains("5400-5403"), message);
    }

    @Test
    void serverIdRangeLargeEnoughIsAccepted() {
        ConnectorConfig config = ConnectorConfig.parse(
                with("database.server.id", "5400-5403", "snapshot.parallelism", "4"));
        assertEquals(new ServerIdRange(5400, 5403), config.serverIds());
    }

    @Test
    void timestampModeNeedsTheTimestamp() {
        String message = parseError(with("snapshot.mode", "timestamp"));
        assertTrue(message.startsWith("startup.timestamp.ms:"), message);
        ConnectorConfig config = ConnectorConfig.parse(
                with("snapshot.mode", "TIMESTAMP", "startup.timestamp.ms", "1700000000000"));
        assertEquals(StartupMode.TIMESTAMP, config.startupMode());
        assertEquals(Optional.of(1_700_000_000_000L), config.startupTimestampMs());
    }

    @Test
    void specificOffsetNeedsFileAndPositionOrGtids() {
        assertTrue(parseError(with("snapshot.mode", "specific_offset")).startsWith("startup.binlog.file:"));
        String message = parseError(with("snapshot.mode", "specific_offset", "startup.binlog.file", "mysql-bin.000003"));
        assertTrue(message.startsWith("startup.binlog.position:"), message);
        assertTrue(parseError(with("snapshot.mode", "specific_offset", "startup.binlog.position", "154"))
                .startsWith("startup.binlog.file:"));

        ConnectorConfig byFile = ConnectorConfig.parse(with("snapshot.mode", "specific_offset",
                "startup.binlog.file", " mysql-bin.000003 ", "startup.binlog.position", "154"));
        assertEquals(Optional.of("mysql-bin.000003"), byFile.startupBinlogFile());
        assertEquals(Optional.of(154L), byFile.startupBinlogPosition());
        ConnectorConfig byGtids = ConnectorConfig.parse(with("snapshot.mode", "specific_offset",
                "startup.gtid.set", "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5"));
        assertTrue(byGtids.crossFieldProblems().isEmpty());
    }

    @Test
    void aRetryTimeoutAnIdleServersHeartbeatsCannotBeatIsRejected() {
        String message = parseError(with("heartbeat.interval.ms", "60000", "connection.retry.timeout.ms", "60000"));
        assertTrue(message.startsWith("connection.retry.timeout.ms: is 60000 ms"), message);
        assertTrue(message.contains("every 60000 ms") && message.contains("lower heartbeat.interval.ms"), message);
        String floor = parseError(with("heartbeat.interval.ms", "1000", "connection.retry.timeout.ms", "8000"));
        assertTrue(floor.contains("every 8000 ms"), "server heartbeats come every 0.8 x 10 s at most: " + floor);
        ConnectorConfig fine = ConnectorConfig.parse(with("heartbeat.interval.ms", "1000",
                "connection.retry.timeout.ms", "10000"));
        assertEquals(Duration.ofSeconds(10), fine.keepAliveInterval());
        assertTrue(ConnectorConfig.parse(with()).crossFieldProblems().isEmpty(), "the defaults pass");
    }

    @Test
    void theKafkaSignalChannelNeedsItsClusterAndDefaultsToDebeziumsTopicName() {
        assertTrue(parseError(with("signal.enabled.channels", "source,kafka"))
                .startsWith("signal.kafka.bootstrap.servers: is required with the kafka signal channel"));
        assertTrue(parseError(with("signal.enabled.channels", "source,jmx")).contains("'jmx' is not a signal channel"));
        ConnectorConfig kafka = ConnectorConfig.parse(with("signal.enabled.channels", "kafka",
                "signal.kafka.bootstrap.servers", "broker:9092", "signal.consumer.security.protocol", "SSL",
                "signal.data.collection", "shop.signals"));
        ConnectorConfig.KafkaSignalSettings settings = kafka.kafkaSignals().orElseThrow();
        assertEquals("shop-signal", settings.topic());
        assertEquals("kafka-signal", settings.groupPrefix());
        assertEquals(Map.of("bootstrap.servers", "broker:9092", "security.protocol", "SSL"), settings.consumer());
        assertTrue(kafka.signalTable().isEmpty(), "the source channel is off");
        ConnectorConfig byDefault = ConnectorConfig.parse(with("signal.data.collection", "shop.signals"));
        assertEquals(java.util.Optional.of("shop.signals"), byDefault.signalTable());
        assertTrue(byDefault.kafkaSignals().isEmpty());
    }

    @Test
    void theSinkNotificationChannelNeedsItsTopic() {
        assertTrue(parseError(with("notification.enabled.channels", "log,sink"))
                .startsWith("notification.sink.topic.name: is required with the sink notification channel"));
        assertTrue(parseError(with("notification.enabled.channels", "jmx")).contains("'jmx' is not a notification"));
        ConnectorConfig both = ConnectorConfig.parse(with("notification.enabled.channels", "log,sink",
                "notification.sink.topic.name", "shop-notifications"));
        assertTrue(both.notifiesLog());
        assertEquals(java.util.Optional.of("shop-notifications"), both.notificationTopic());
        assertTrue(ConnectorConfig.parse(with()).notificationTopic().isEmpty(), "off by default");
    }

    @Test
    void badRegexIsRejectedWithTheEntry() {
        String message = parseError(with("table.include.list", "shop\\.orders,shop\\.(broken"));
        assertTrue(message.contains("table.include.list"), message);
        assertTrue(message.contains("shop\\.(broken"), message);
        assertTrue(message.contains("not a valid regular expression"), message);
    }

    @Test
    void badTimeZoneIsRejected() {
        String message = parseError(with("database.server.time.zone", "Mars/Olympus_Mons"));
        assertTrue(message.contains("database.server.time.zone") && message.contains("not a time zone"), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "my shop", "shop/eu", "shöp"})
    void badTopicPrefixIsRejected(String prefix) {
        String message = parseError(with("topic.prefix", prefix));
        assertTrue(message.contains("topic.prefix") && message.contains("only letters, digits"), message);
    }

    @Test
    void unknownSnapshotModeListsTheModes() {
        String message = parseError(with("snapshot.mode", "schema_only"));
        assertTrue(message.contains("snapshot.mode") && message.contains("initial_only"), message);
    }

    @Test
    void validateReportsFieldErrorsPerKey() {
        Map<String, ConfigValue> values = new HashMap<>();
        for (ConfigValue value : ConnectorConfig.CONFIG_DEF.validate(with("database.server.id", "abc"))) {
            values.put(value.name(), value);
        }
        assertFalse(values.get("database.server.id").errorMessages().isEmpty());
        assertTrue(values.get("topic.prefix").errorMessages().isEmpty());
    }
}
