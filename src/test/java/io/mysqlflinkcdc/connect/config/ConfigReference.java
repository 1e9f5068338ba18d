package io.mysqlflinkcdc.connect.config;

import java.util.List;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.ConfigDef;

/** Renders the connector's ConfigDef as the Markdown table the README carries. */
final class ConfigReference {

    static final String BEGIN = "<!-- config-table:begin (generated from the ConfigDef by ConfigReferenceTest) -->";
    static final String END = "<!-- config-table:end -->";

    private ConfigReference() {
    }

    /** The whole docs/configuration.md: the table plus what a reader needs to use it. */
    static String document(ConfigDef def) {
        return "# Configuration reference\n\n"
                + "Generated from the connector's ConfigDef by `ConfigReferenceTest` (do not edit by hand; regenerate with\n"
                + "`mvn test -Dtest=ConfigReferenceTest -Dconfig.reference.update=true`). Rows are grouped as in\n"
                + "Connect's validation response (`PUT /connector-plugins/MySqlFlinkCdcSourceConnector/config/validate`).\n"
                + "Besides these keys, every Connect source-connector key applies (`tasks.max`, converters,\n"
                + "`transforms`, `topic.creation.*`, `errors.*`).\n\n"
                + markdownTable(def);
    }

    static String markdownTable(ConfigDef def) {
        StringBuilder table = new StringBuilder()
                .append("| Key | Type | Default | Valid values | Importance | Description |\n")
                .append("|---|---|---|---|---|---|\n");
        List<String> groups = def.groups();
        for (String group : groups) {
            table.append("| **").append(group).append("** | | | | | |\n");
            List<ConfigDef.ConfigKey> keys = def.configKeys().values().stream()
                    .filter(key -> group.equals(key.group))
                    .sorted((a, b) -> Integer.compare(a.orderInGroup, b.orderInGroup))
                    .collect(Collectors.toList());
            for (ConfigDef.ConfigKey key : keys) {
                table.append("| `").append(key.name).append("` | ")
                        .append(key.type.name().toLowerCase()).append(" | ")
                        .append(defaultValue(key)).append(" | ")
                        .append(key.validator == null ? "" : escape(key.validator.toString())).append(" | ")
                        .append(key.importance.name().toLowerCase()).append(" | ")
                        .append(escape(key.documentation)).append(" |\n");
            }
        }
        return table.toString();
    }

    private static String defaultValue(ConfigDef.ConfigKey key) {
        if (!key.hasDefault()) {
            return "*required*";
        }
        if (key.defaultValue == null) {
            return "";
        }
        if (key.type == ConfigDef.Type.PASSWORD) {
            return "\"\"";
        }
        String text = key.defaultValue instanceof List<?> list
                ? list.stream().map(String::valueOf).collect(Collectors.joining(","))
                : String.valueOf(key.defaultValue);
        return text.isEmpty() ? "\"\"" : "`" + text + "`";
    }

    private static String escape(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
