package io.mysqlflinkcdc.connect.record;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code message.key.columns}, in Debezium's syntax: {@code <table regex>:<col>,<col>;<table regex>:<col>}.
 * Each regex is matched against the whole {@code db.table}; the first match wins.
 */
public final class KeyColumnOverrides {

    private record Override(Pattern table, List<String> columns) {
    }

    private final List<Override> overrides;

    private KeyColumnOverrides(List<Override> overrides) {
        this.overrides = overrides;
    }

    public static final KeyColumnOverrides NONE = new KeyColumnOverrides(List.of());

    /** @throws IllegalArgumentException saying what is wrong with the text */
    public static KeyColumnOverrides parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        List<Override> overrides = new ArrayList<>();
        for (String entry : text.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int colon = entry.lastIndexOf(':');
            if (colon <= 0 || colon == entry.length() - 1) {
                throw new IllegalArgumentException("'" + entry.trim() + "' is not <table regex>:<column>[,<column>...], "
                        + "e.g. shop.orders:order_id,line_no");
            }
            List<String> columns = Arrays.stream(entry.substring(colon + 1).split(","))
                    .map(String::trim).filter(c -> !c.isEmpty()).toList();
            if (columns.isEmpty()) {
                throw new IllegalArgumentException("'" + entry.trim() + "' names no key column");
            }
            String regex = entry.substring(0, colon).trim();
            try {
                overrides.add(new Override(Pattern.compile(regex, Pattern.CASE_INSENSITIVE), columns));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("'" + regex + "' is not a valid regular expression: "
                        + e.getDescription());
            }
        }
        return new KeyColumnOverrides(List.copyOf(overrides));
    }

    /** The key columns configured for {@code database.table}, if any. */
    public Optional<List<String>> columnsFor(String database, String table) {
        if (overrides.isEmpty()) {
            return Optional.empty();
        }
        String name = database + "." + table;
        for (Override override : overrides) {
            if (override.table().matcher(name).matches()) {
                return Optional.of(override.columns());
            }
        }
        return Optional.empty();
    }
}
