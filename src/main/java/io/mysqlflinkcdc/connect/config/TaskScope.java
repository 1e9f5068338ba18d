package io.mysqlflinkcdc.connect.config;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.config.ConfigException;

/**
 * What the connector gives one task: its index, the tables it captures and its slice of
 * database.server.id. Carried in the task's config under keys users never set.
 */
public record TaskScope(int index, List<String> tables, ServerIdRange serverIds) {

    static final String INDEX = "task.index";
    static final String TABLES = "task.tables";
    static final String SERVER_IDS = "task.server.id";

    public TaskScope {
        tables = List.copyOf(tables);
    }

    /** The connector config plus this scope: the config of one task. */
    public Map<String, String> addTo(Map<String, String> connectorProps) {
        Map<String, String> props = new LinkedHashMap<>(connectorProps);
        props.put(INDEX, Integer.toString(index));
        props.put(TABLES, String.join(",", tables));
        props.put(SERVER_IDS, serverIds.toFlinkCdcString());
        return props;
    }

    /** The scope in a task config; empty in a connector config. */
    static Optional<TaskScope> of(Map<?, ?> props) {
        Object tables = props.get(TABLES);
        if (tables == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new TaskScope(Integer.parseInt(String.valueOf(props.get(INDEX))),
                    Arrays.stream(tables.toString().split(",")).filter(table -> !table.isBlank()).toList(),
                    ServerIdRange.parse(SERVER_IDS, String.valueOf(props.get(SERVER_IDS)))));
        } catch (NumberFormatException e) {
            throw new ConfigException(INDEX, props.get(INDEX), "a task config written by the connector holds a number");
        }
    }
}
