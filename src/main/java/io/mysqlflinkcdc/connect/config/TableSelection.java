package io.mysqlflinkcdc.connect.config;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns the Debezium-style include/exclude lists into the database and table lists Flink CDC takes.
 * Flink CDC (through Debezium) accepts only include lists, so exclusions become a negative lookahead
 * in front of every include pattern: {@code (?!(?:ex1|ex2)$)(?:in)} matches db.table when {@code in}
 * does and no exclude pattern does.
 */
public record TableSelection(List<String> databaseList, Optional<List<String>> tableList) {

    /** Every database but the server's own; Debezium leaves the built-in ones out by itself. */
    static final String ALL = ".*";

    public static TableSelection of(List<String> databaseIncludes, List<String> tableIncludes,
                                    List<String> tableExcludes) {
        List<String> databases = databaseIncludes.isEmpty() ? List.of(ALL) : List.copyOf(databaseIncludes);
        if (tableExcludes.isEmpty()) {
            return new TableSelection(databases,
                    tableIncludes.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(tableIncludes)));
        }
        String notExcluded = "(?!(?:" + String.join("|", tableExcludes) + ")$)";
        List<String> includes = tableIncludes.isEmpty() ? List.of(ALL) : tableIncludes;
        return new TableSelection(databases, Optional.of(includes.stream()
                .map(include -> notExcluded + "(?:" + include + ")")
                .collect(Collectors.toList())));
    }

    /** Exactly these {@code db.table} names (one task's share of the captured tables). */
    public static TableSelection exactly(List<String> qualifiedTables) {
        List<String> databases = qualifiedTables.stream()
                .map(table -> escape(table.substring(0, table.indexOf('.')))).distinct().toList();
        return new TableSelection(databases, Optional.of(qualifiedTables.stream()
                .map(table -> escape(table.substring(0, table.indexOf('.'))) + "\\."
                        + escape(table.substring(table.indexOf('.') + 1))).toList()));
    }

    /**
     * A name as a regex matching only itself. Not Pattern.quote: Debezium splits its include lists
     * at commas and Flink CDC re-parses them, so plain backslash escapes travel safest.
     */
    static String escape(String name) {
        StringBuilder escaped = new StringBuilder(name.length() + 8);
        for (char c : name.toCharArray()) {
            if ("\\.[]{}()<>*+-=!?^$|".indexOf(c) >= 0) {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    /** The server's own databases, which Debezium never captures unless told to. */
    static final List<String> BUILT_IN_DATABASES = List.of("mysql", "sys", "information_schema", "performance_schema");

    /** Whether {@code db.table} is captured, with the same full-match semantics Debezium applies. */
    public boolean captures(String database, String table) {
        String qualified = database + "." + table;
        return capturesDatabase(database)
                && tableList.map(list -> list.stream().anyMatch(qualified::matches)).orElse(true);
    }

    /** Whether tables of {@code database} may be captured (database.include.list). */
    public boolean capturesDatabase(String database) {
        return !BUILT_IN_DATABASES.contains(database) && databaseList.stream().anyMatch(database::matches);
    }
}
