package io.mysqlflinkcdc.connect.record;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

/**
 * Topic of each table: {@code <topic.prefix>.<db>.<table>}, renamed by topic.route.regex and
 * topic.route.replacement when the regex matches that whole name. Several tables routed into one
 * topic (shards) could share key values, so rerouted keys can carry the source table.
 */
final class TopicRouter {

    /** Where one table's records go. */
    record Route(String topic, String sourceTable, String keyField) {

        boolean extendsKey() {
            return keyField != null;
        }
    }

    private final String topicPrefix;
    private final Pattern regex;
    private final String replacement;
    private final String keyField;
    private final Map<String, Route> routes = new HashMap<>();
    /** The last table routed: rows come table by table, so most look-ups are this one and need no key built. */
    private String lastDatabase;
    private String lastTable;
    private Route lastRoute;
    /** Key schemas are reused per table, so identity look-ups hit (ConnectSchema.hashCode walks all fields). */
    private final Map<Schema, Schema> extendedKeySchemas = new IdentityHashMap<>();

    TopicRouter(String topicPrefix, String regex, String replacement, String keyField) {
        this.topicPrefix = topicPrefix;
        this.regex = regex == null || regex.isBlank() ? null : Pattern.compile(regex);
        this.replacement = replacement == null ? "" : replacement;
        this.keyField = keyField == null || keyField.isBlank() ? null : keyField;
    }

    Route route(String database, String table) {
        if (lastRoute != null && table.equals(lastTable) && database.equals(lastDatabase)) {
            return lastRoute;
        }
        String sourceTable = database + "." + table;
        Route route = routes.get(sourceTable);
        if (route == null) {
            String topic = topicPrefix + "." + sourceTable;
            Matcher matcher = regex == null ? null : regex.matcher(topic);
            if (matcher != null && matcher.matches()) {
                route = new Route(matcher.replaceFirst(replacement), sourceTable, keyField);
            } else {
                route = new Route(topic, sourceTable, null);
            }
            routes.put(sourceTable, route);
        }
        lastDatabase = database;
        lastTable = table;
        lastRoute = route;
        return route;
    }

    /** The key as written to the route's topic: with the source table added when the route asks for it. */
    Struct key(Route route, Struct key) {
        if (key == null || !route.extendsKey()) {
            return key;
        }
        Schema schema = extendedKeySchemas.computeIfAbsent(key.schema(), this::extended);
        Struct extended = new Struct(schema);
        for (Field field : key.schema().fields()) {
            extended.put(field.name(), key.get(field));
        }
        return extended.put(route.keyField(), route.sourceTable());
    }

    private Schema extended(Schema keySchema) {
        SchemaBuilder builder = SchemaBuilder.struct().name(keySchema.name());
        keySchema.fields().forEach(field -> builder.field(field.name(), field.schema()));
        return builder.field(keyField, Schema.STRING_SCHEMA).build();
    }
}
