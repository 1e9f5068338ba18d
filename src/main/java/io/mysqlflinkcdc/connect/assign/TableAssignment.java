package io.mysqlflinkcdc.connect.assign;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Splits the captured tables into at most {@code maxGroups} groups (one per task) of similar
 * estimated size. Given the previous groups, tables stay where they were unless their group is
 * gone or moving them lowers the heaviest group's load, so a change of tasks.max or of the table
 * set moves few tables. Deterministic: the same input gives the same groups on any worker.
 */
public final class TableAssignment {

    private TableAssignment() {
    }

    /**
     * @param sizes    estimated bytes per {@code db.table}
     * @param previous the groups in force so far (empty when none)
     * @return non-empty groups, each sorted by name
     */
    public static List<List<String>> assign(Map<String, Long> sizes, int maxGroups, List<List<String>> previous) {
        int count = Math.min(maxGroups, sizes.size());
        List<Group> groups = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            groups.add(new Group());
        }
        Set<String> placed = new HashSet<>();
        for (int i = 0; i < Math.min(count, previous.size()); i++) {
            for (String table : previous.get(i)) {
                if (sizes.containsKey(table) && placed.add(table)) {
                    groups.get(i).add(table, weight(sizes, table));
                }
            }
        }
        Comparator<String> largestFirst = Comparator.<String>comparingLong(table -> weight(sizes, table)).reversed()
                .thenComparing(Comparator.naturalOrder());
        sizes.keySet().stream().filter(table -> !placed.contains(table)).sorted(largestFirst)
                .forEach(table -> lightest(groups).add(table, weight(sizes, table)));
        rebalance(groups, sizes);
        return groups.stream().map(group -> group.tables.stream().sorted().toList())
                .filter(group -> !group.isEmpty()).toList();
    }

    /**
     * Moves a table from a heavier group to the lightest while that narrows their gap, heaviest
     * groups first. Each move lowers the sum of squared loads, so this ends.
     */
    private static void rebalance(List<Group> groups, Map<String, Long> sizes) {
        if (groups.size() < 2) {
            return;
        }
        boolean moved = true;
        for (int moves = 0; moved && moves < sizes.size() * groups.size(); moves++) {
            moved = false;
            Group lightest = lightest(groups);
            List<Group> heaviestFirst = groups.stream()
                    .sorted(Comparator.comparingLong((Group group) -> group.load).reversed()).toList();
            for (Group heavier : heaviestFirst) {
                long gap = heavier.load - lightest.load;
                // The largest table smaller than the gap: the move that narrows it most.
                String move = heavier.tables.stream().filter(table -> weight(sizes, table) < gap)
                        .max(Comparator.<String>comparingLong(table -> weight(sizes, table))
                                .thenComparing(Comparator.<String>reverseOrder()))
                        .orElse(null);
                if (move != null) {
                    heavier.remove(move, weight(sizes, move));
                    lightest.add(move, weight(sizes, move));
                    moved = true;
                    break;
                }
            }
        }
    }

    private static Group lightest(List<Group> groups) {
        return groups.stream().min(Comparator.comparingLong(group -> group.load)).orElseThrow();
    }

    /** Every table weighs something, so empty tables spread over the groups too. */
    private static long weight(Map<String, Long> sizes, String table) {
        return Math.max(1, sizes.get(table));
    }

    private static final class Group {
        private final List<String> tables = new ArrayList<>();
        private long load;

        void add(String table, long weight) {
            tables.add(table);
            load += weight;
        }

        void remove(String table, long weight) {
            tables.remove(table);
            load -= weight;
        }
    }
}
