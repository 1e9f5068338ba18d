package io.mysqlflinkcdc.connect.signal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

// Flink's own shaded Jackson, already in the plugin for the embedded job: no second copy to ship.
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.core.JsonProcessingException;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a signal row's {@code type} and {@code data} the way Debezium does, so that rows written
 * for Debezium's connector work unchanged: {@code execute-snapshot} with {@code data-collections}
 * (regular expressions matched against the whole db.table) and {@code type} {@code incremental}
 * (the default) or {@code blocking}, {@code stop-snapshot} with optional {@code data-collections},
 * and {@code log} with {@code message}; {@code additional-conditions} (a list of
 * {@code data-collection} and {@code filter}) and the older single {@code additional-condition}.
 * What this connector cannot do yet ({@code pause-snapshot}, ...) is refused by name rather than
 * done differently from what was asked.
 */
public final class SignalParser {

    public static final String EXECUTE_SNAPSHOT = "execute-snapshot";
    public static final String STOP_SNAPSHOT = "stop-snapshot";
    public static final String LOG = "log";
    private static final List<String> SUPPORTED = List.of(EXECUTE_SNAPSHOT, STOP_SNAPSHOT, LOG);
    private static final List<String> NOT_SUPPORTED = List.of("pause-snapshot", "resume-snapshot", "schema-changes");
    private static final ObjectMapper JSON = new ObjectMapper();

    private SignalParser() {
    }

    public static Signal parse(String id, String type, String data) {
        String signalType = type == null ? "" : type.trim().toLowerCase(Locale.ROOT);
        if (NOT_SUPPORTED.contains(signalType)) {
            return new Signal.Unusable(id, "signal type '" + signalType + "' is not supported by this connector "
                    + "yet (supported: " + String.join(", ", SUPPORTED) + ")");
        }
        if (!SUPPORTED.contains(signalType)) {
            return new Signal.Unusable(id, "unknown signal type '" + type + "' (supported: "
                    + String.join(", ", SUPPORTED) + ")");
        }
        JsonNode json;
        try {
            json = data == null || data.isBlank() ? JSON.createObjectNode() : JSON.readTree(data);
        } catch (JsonProcessingException e) {
            return new Signal.Unusable(id, "its data is not JSON (" + e.getOriginalMessage() + "): " + data);
        }
        if (!json.isObject()) {
            return new Signal.Unusable(id, "its data must be a JSON object, was: " + data);
        }
        return switch (signalType) {
            case LOG -> log(id, json);
            case STOP_SNAPSHOT -> stopSnapshot(id, json);
            default -> executeSnapshot(id, json);
        };
    }

    private static Signal stopSnapshot(String id, JsonNode json) {
        Signal unusable = unusableSnapshotType(id, json);
        if (unusable != null) {
            return unusable;
        }
        JsonNode collections = json.path("data-collections");
        if (collections.isMissingNode() || collections.isNull()
                || (collections.isArray() && collections.isEmpty())) {
            return new Signal.StopSnapshot(id, List.of());
        }
        if (!collections.isArray()) {
            return new Signal.Unusable(id, "data-collections of a stop-snapshot signal must be a list of table "
                    + "names or regular expressions, or be left out to stop every on-demand snapshot");
        }
        Patterns patterns = patterns(id, collections);
        return patterns.problem() != null ? patterns.problem() : new Signal.StopSnapshot(id, patterns.compiled());
    }

    private static Signal log(String id, JsonNode json) {
        JsonNode message = json.path("message");
        if (!message.isTextual()) {
            return new Signal.Unusable(id, "a log signal needs data {\"message\": \"...\"}");
        }
        return new Signal.Log(id, message.asText());
    }

    private static Signal executeSnapshot(String id, JsonNode json) {
        JsonNode collections = json.path("data-collections");
        if (!collections.isArray() || collections.isEmpty()) {
            return new Signal.Unusable(id, "an execute-snapshot signal needs data {\"data-collections\": "
                    + "[\"<db>\\\\.<table regex>\", ...]}");
        }
        Signal unusable = unusableSnapshotType(id, json);
        if (unusable != null) {
            return unusable;
        }
        Patterns patterns = patterns(id, collections);
        if (patterns.problem() != null) {
            return patterns.problem();
        }
        List<Signal.Condition> conditions = new ArrayList<>();
        JsonNode list = json.path("additional-conditions");
        if (hasConditions(list)) {
            if (!list.isArray()) {
                return new Signal.Unusable(id, "additional-conditions must be a list of {\"data-collection\": "
                        + "\"<db>.<table regex>\", \"filter\": \"<SQL condition>\"}");
            }
            for (JsonNode entry : list) {
                JsonNode collection = entry.path("data-collection");
                JsonNode filter = entry.path("filter");
                if (!collection.isTextual() || collection.asText().isBlank() || !filter.isTextual()
                        || filter.asText().isBlank()) {
                    return new Signal.Unusable(id, "each additional-conditions entry needs a data-collection and a "
                            + "filter (a SQL condition, as in a WHERE clause), had " + entry);
                }
                try {
                    conditions.add(new Signal.Condition(Pattern.compile(collection.asText().trim()),
                            filter.asText().trim()));
                } catch (PatternSyntaxException e) {
                    return new Signal.Unusable(id, "additional-conditions data-collection '" + collection.asText()
                            + "' is not a regular expression: " + e.getDescription());
                }
            }
        }
        JsonNode single = json.path("additional-condition");
        if (hasConditions(single)) {
            if (!single.isTextual()) {
                return new Signal.Unusable(id, "additional-condition must be a SQL condition (text), was " + single);
            }
            // Debezium's older form: one condition for every table of the signal.
            conditions.add(new Signal.Condition(Pattern.compile(".*"), single.asText().trim()));
        }
        return new Signal.ExecuteSnapshot(id, patterns.compiled(), List.copyOf(conditions));
    }

    private static Signal unusableSnapshotType(String id, JsonNode json) {
        String snapshotType = json.path("type").asText("incremental").toLowerCase(Locale.ROOT);
        if (!snapshotType.equals("incremental") && !snapshotType.equals("blocking")) {
            return new Signal.Unusable(id, "snapshot type '" + snapshotType + "' is unknown (incremental or blocking)");
        }
        return null;
    }

    /** The compiled data-collections, or what is wrong with one of them. */
    private record Patterns(List<Pattern> compiled, Signal.Unusable problem) {
    }

    private static Patterns patterns(String id, JsonNode collections) {
        List<Pattern> patterns = new ArrayList<>();
        for (JsonNode collection : collections) {
            if (!collection.isTextual() || collection.asText().isBlank()) {
                return new Patterns(List.of(), new Signal.Unusable(id, "data-collections must hold table names or "
                        + "regular expressions, had " + collection));
            }
            try {
                patterns.add(Pattern.compile(collection.asText().trim()));
            } catch (PatternSyntaxException e) {
                return new Patterns(List.of(), new Signal.Unusable(id, "data-collections entry '"
                        + collection.asText() + "' is not a regular expression: " + e.getDescription()));
            }
        }
        return new Patterns(List.copyOf(patterns), null);
    }

    private static boolean hasConditions(JsonNode conditions) {
        return !conditions.isMissingNode() && !conditions.isNull()
                && !(conditions.isContainerNode() && conditions.isEmpty())
                && !(conditions.isTextual() && conditions.asText().isBlank());
    }
}
