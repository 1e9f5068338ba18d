package io.mysqlflinkcdc.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

import io.mysqlflinkcdc.connect.config.ConnectorConfig;
import io.mysqlflinkcdc.connect.config.TaskScope;
import io.mysqlflinkcdc.connect.offset.OffsetCodec;

class MySqlFlinkCdcSourceConnectorTest {

    private final MySqlFlinkCdcSourceConnector connector = new MySqlFlinkCdcSourceConnector();

    private static Map<String, String> valid() {
        Map<String, String> config = new HashMap<>();
        config.put("database.hostname", "127.0.0.1");
        config.put("database.port", Integer.toString(CLOSED_PORT));
        config.put("database.user", "cdc");
        config.put("database.password", "secret");
        config.put("topic.prefix", "shop");
        return config;
    }

    private Map<String, List<String>> errors(Map<String, String> config) {
        return connector.validate(config).configValues().stream()
                .filter(value -> !value.errorMessages().isEmpty())
                .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
    }

    /** A loopback port nothing listens on (bound, then released). */
    private static final int CLOSED_PORT = closedPort();

    private static int closedPort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void wellFormedConfigIsCheckedAgainstTheServerWhichIsNotThere() {
        Map<String, List<String>> errors = errors(valid());
        assertEquals(List.of("database.hostname"), List.copyOf(errors.keySet()));
        String message = errors.get("database.hostname").get(0);
        assertTrue(message.startsWith("cannot connect to 127.0.0.1:" + CLOSED_PORT) && message.contains("refused")
                && message.contains("database.port"), message);
    }

    @Test
    void crossFieldProblemIsAttachedToTheFieldToChange() {
        Map<String, String> config = valid();
        config.put("database.server.id", "5400-5401");
        config.put("snapshot.parallelism", "4");
        Map<String, List<String>> errors = errors(config);
        assertEquals(List.of("database.server.id"), List.copyOf(errors.keySet()));
        assertTrue(errors.get("database.server.id").get(0).contains("5400-5403"), errors.toString());
    }

    @Test
    void missingRequiredFieldsAreReportedEach() {
        Map<String, List<String>> errors = errors(Map.of());
        assertTrue(errors.keySet().containsAll(List.of("database.hostname", "database.user", "topic.prefix")),
                errors.toString());
    }

    @Test
    void oneTaskListingTheTablesItselfWhileTheConnectorCannot() {
        connector.start(valid());
        List<Map<String, String>> configs = connector.taskConfigs(8);
        assertEquals(1, configs.size(), "the server is down: one task, which retries until it answers");
        assertTrue(new ConnectorConfig(configs.get(0)).taskScope().isEmpty(), configs.toString());
        assertEquals(MySqlFlinkCdcSourceTask.class, connector.taskClass());
        connector.stop();
    }

    /** A connector whose server lists these tables (db.table → estimated bytes). */
    private static MySqlFlinkCdcSourceConnector listing(SortedMap<String, Long> tables) {
        return new MySqlFlinkCdcSourceConnector() {
            @Override
            SortedMap<String, Long> listTables() {
                return tables;
            }
        };
    }

    private static List<TaskScope> scopes(List<Map<String, String>> taskConfigs) {
        return taskConfigs.stream().map(props -> new ConnectorConfig(props).taskScope().orElseThrow()).toList();
    }

    private static Map<String, String> tasks(int tasksMax, int parallelism, String serverIds) {
        Map<String, String> config = valid();
        config.put("tasks.max", Integer.toString(tasksMax));
        config.put("snapshot.parallelism", Integer.toString(parallelism));
        config.put("database.server.id", serverIds);
        return config;
    }

    @Test
    void tasksMaxSplitsTheTablesAndTheServerIds() {
        Map<String, String> config = tasks(3, 2, "5400-5405");
        MySqlFlinkCdcSourceConnector connector = listing(new TreeMap<>(Map.of("shop.orders", 900L,
                "shop.items", 500L, "shop.users", 400L, "shop.audit", 10L)));
        connector.start(config);
        List<TaskScope> scopes = scopes(connector.taskConfigs(3));
        connector.stop();
        assertEquals(List.of(0, 1, 2), scopes.stream().map(TaskScope::index).toList());
        assertEquals(List.of("5400-5401", "5402-5403", "5404-5405"),
                scopes.stream().map(scope -> scope.serverIds().toString()).toList());
        assertEquals(Set.of("shop.orders", "shop.items", "shop.users", "shop.audit"),
                scopes.stream().flatMap(scope -> scope.tables().stream()).collect(Collectors.toSet()));
        assertEquals(4, scopes.stream().mapToInt(scope -> scope.tables().size()).sum(), "each table in one task");
    }

    @Test
    void noMoreTasksThanTheServerIdsAllow() {
        Map<String, String> config = tasks(1, 2, "5400-5401");
        MySqlFlinkCdcSourceConnector connector = listing(new TreeMap<>(Map.of("shop.a", 1L, "shop.b", 1L)));
        connector.start(config);
        List<TaskScope> scopes = scopes(connector.taskConfigs(2));
        connector.stop();
        assertEquals(1, scopes.size());
        assertEquals(List.of("shop.a", "shop.b"), scopes.get(0).tables());
    }

    @Test
    void serverIdsMustCoverEveryTasksReaders() {
        Map<String, List<String>> errors = errors(tasks(3, 2, "5400-5403"));
        assertEquals(List.of("database.server.id"), List.copyOf(errors.keySet()));
        assertTrue(errors.get("database.server.id").get(0).contains("5400-5405"), errors.toString());
    }

    @Test
    void alterOffsetsAcceptsResetsAndDebeziumPositionsAndRejectsMalformedOnes() {
        Map<String, String> config = valid();
        Map<Map<String, ?>, Map<String, ?>> reset = new HashMap<>();
        reset.put(Map.of("server", "shop"), null);
        reset.put(OffsetCodec.partition("shop", "db.orders"), null);
        assertTrue(connector.alterOffsets(config, reset));
        assertTrue(connector.alterOffsets(config, Map.of(OffsetCodec.partition("shop", "db.orders"),
                Map.of("file", "mysql-bin.000003", "pos", 154L))));
        assertTrue(connector.alterOffsets(config, Map.of(Map.of("server", "shop"),
                Map.of("file", "mysql-bin.000003", "pos", 154L))));
        ConnectException malformed = assertThrows(ConnectException.class, () -> connector.alterOffsets(config,
                Map.of(Map.of("server", "shop"), Map.of("file", "mysql-bin.000003"))));
        assertTrue(malformed.getMessage().contains("no 'pos'"), malformed.getMessage());
        ConnectException wrongPartition = assertThrows(ConnectException.class, () -> connector.alterOffsets(config,
                Map.of(Map.of("server", "other"), Map.of("file", "mysql-bin.000003", "pos", 4L))));
        assertTrue(wrongPartition.getMessage().contains("{server=shop}")
                && wrongPartition.getMessage().contains("<db>.<table>"), wrongPartition.getMessage());
    }

    @Test
    void alterOffsetsRejectsTableSchemasItCannotRead() {
        ConnectException e = assertThrows(ConnectException.class, () -> connector.alterOffsets(valid(),
                Map.of(Map.of("server", "shop"), Map.of("file", "mysql-bin.000003", "pos", 154L,
                        "table_schemas", "not-ours"))));
        assertTrue(e.getMessage().contains("unreadable table schemas"), e.getMessage());
    }

    @Test
    void recordFormatAndRoutingSettingsAreChecked() {
        Map<String, String> config = valid();
        config.put("topic.route.regex", "shop\\.(.*)");
        assertEquals(List.of("topic.route.replacement"), List.copyOf(errors(config).keySet()));

        config = valid();
        config.put("message.key.columns", "shop\\.audit");
        config.put("metadata.fields", "op,colour");
        config.put("decimal.handling.mode", "base64");
        Map<String, List<String>> errors = errors(config);
        assertEquals(java.util.Set.of("message.key.columns", "metadata.fields", "decimal.handling.mode"),
                errors.keySet());
        assertTrue(errors.get("message.key.columns").get(0).contains("<table regex>:<column>"), errors.toString());
    }

    @Test
    void declaresExactlyOnceSupport() {
        assertEquals(org.apache.kafka.connect.source.ExactlyOnceSupport.SUPPORTED,
                connector.exactlyOnceSupport(valid()));
    }
}
