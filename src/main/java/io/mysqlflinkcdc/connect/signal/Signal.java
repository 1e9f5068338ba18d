package io.mysqlflinkcdc.connect.signal;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** A row of the signal table, as Debezium's signal format reads it (docs/design.md, "Signals"). */
public sealed interface Signal {

    /** The row's {@code id} column, which every message about it names. */
    String id();

    /**
     * {@code execute-snapshot}: read the tables whose db.table fully matches one of {@code dataCollections} again.
     *
     * @param conditions the additional-conditions: of a table, only the rows matching the first
     *                   condition whose data-collection matches it are read
     */
    record ExecuteSnapshot(String id, List<Pattern> dataCollections, List<Condition> conditions) implements Signal {

        public ExecuteSnapshot(String id, List<Pattern> dataCollections) {
            this(id, dataCollections, List.of());
        }

        public boolean matches(String table) {
            return dataCollections.stream().anyMatch(pattern -> pattern.matcher(table).matches());
        }

        /** The SQL condition the table's rows must match, if any. */
        public Optional<String> filterFor(String table) {
            return conditions.stream().filter(condition -> condition.dataCollection().matcher(table).matches())
                    .map(Condition::filter).findFirst();
        }
    }

    /** One of Debezium's additional-conditions: {@code filter} (a SQL condition) for the tables {@code dataCollection} matches. */
    record Condition(Pattern dataCollection, String filter) {
    }

    /**
     * {@code stop-snapshot}: stop the on-demand snapshots of the tables whose db.table fully matches
     * one of {@code dataCollections}; of every table when it is empty.
     */
    record StopSnapshot(String id, List<Pattern> dataCollections) implements Signal {

        public boolean matches(String table) {
            return dataCollections.isEmpty()
                    || dataCollections.stream().anyMatch(pattern -> pattern.matcher(table).matches());
        }
    }

    /** {@code log}: write {@code message} to the worker log. */
    record Log(String id, String message) implements Signal {
    }

    /** A signal that cannot be acted on, and why (with what to do). */
    record Unusable(String id, String problem) implements Signal {
    }
}
