package io.mysqlflinkcdc.connect.assign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class TableAssignmentTest {

    /** The example: 200k, 100k, 50k and three 10k-row tables of equal row length. */
    private static final Map<String, Long> SIX = sizes("db.a", 200_000, "db.b", 100_000, "db.c", 50_000,
            "db.d", 10_000, "db.e", 10_000, "db.f", 10_000);

    private static Map<String, Long> sizes(Object... tableAndSize) {
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (int i = 0; i < tableAndSize.length; i += 2) {
            sizes.put((String) tableAndSize[i], ((Number) tableAndSize[i + 1]).longValue());
        }
        return sizes;
    }

    private static long load(List<String> group, Map<String, Long> sizes) {
        return group.stream().mapToLong(sizes::get).sum();
    }

    private static void assertEveryTableOnce(Map<String, Long> sizes, List<List<String>> groups) {
        List<String> all = groups.stream().flatMap(List::stream).toList();
        assertEquals(sizes.size(), all.size(), "no table twice: " + groups);
        assertEquals(sizes.keySet(), new HashSet<>(all), "every table: " + groups);
    }

    private static int moved(List<List<String>> before, List<List<String>> after) {
        int moved = 0;
        for (int i = 0; i < after.size(); i++) {
            Set<String> kept = i < before.size() ? new HashSet<>(before.get(i)) : Set.of();
            moved += (int) after.get(i).stream().filter(table -> !kept.contains(table)).count();
        }
        return moved;
    }

    @Test
    void theBiggestTableGetsATaskOfItsOwnAndTheRestShareTheOthers() {
        List<List<String>> groups = TableAssignment.assign(SIX, 3, List.of());
        assertEveryTableOnce(SIX, groups);
        assertEquals(List.of(List.of("db.a"), List.of("db.b"), List.of("db.c", "db.d", "db.e", "db.f")), groups);
    }

    @Test
    void neverMoreGroupsThanTablesAndNoEmptyGroup() {
        List<List<String>> groups = TableAssignment.assign(sizes("db.a", 5, "db.b", 0), 8, List.of());
        assertEquals(2, groups.size());
        assertTrue(groups.stream().noneMatch(List::isEmpty));
        assertEquals(List.of(), TableAssignment.assign(Map.of(), 3, List.of()));
    }

    @Test
    void tablesOfUnknownSizeStillSpreadOverTheTasks() {
        Map<String, Long> unknown = sizes("db.a", 0, "db.b", 0, "db.c", 0, "db.d", 0);
        List<List<String>> groups = TableAssignment.assign(unknown, 2, List.of());
        assertEquals(List.of(2, 2), groups.stream().map(List::size).toList(), groups.toString());
    }

    @Test
    void sameInputSameGroupsWhateverTheMapOrder() {
        Map<String, Long> reversed = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(SIX.keySet());
        Collections.reverse(names);
        names.forEach(table -> reversed.put(table, SIX.get(table)));
        assertEquals(TableAssignment.assign(SIX, 3, List.of()), TableAssignment.assign(reversed, 3, List.of()));
    }

    @Test
    void goingFromOneToThreeTasksBalancesWhileMovingOnlyWhatItMust() {
        List<List<String>> one = TableAssignment.assign(SIX, 1, List.of());
        List<List<String>> three = TableAssignment.assign(SIX, 3, one);
        assertEveryTableOnce(SIX, three);
        assertEquals(3, three.size());
        long heaviest = three.stream().mapToLong(group -> load(group, SIX)).max().orElseThrow();
        assertEquals(200_000, heaviest, "no group heavier than the biggest table: " + three);
    }

    @Test
    void goingFromThreeToTwoTasksMovesOnlyTheDissolvedGroupsTables() {
        List<List<String>> three = TableAssignment.assign(SIX, 3, List.of());
        List<List<String>> two = TableAssignment.assign(SIX, 2, three);
        assertEveryTableOnce(SIX, two);
        assertTrue(two.get(0).containsAll(three.get(0)) || two.get(1).containsAll(three.get(0)), two.toString());
        assertEquals(three.get(2).size(), moved(three, two), "only task 2's tables move: " + three + " -> " + two);
    }

    @Test
    void anAddedTableJoinsTheLightestGroupAndNothingElseMoves() {
        List<List<String>> before = TableAssignment.assign(SIX, 3, List.of());
        Map<String, Long> more = new LinkedHashMap<>(SIX);
        more.put("db.g", 5_000L);
        List<List<String>> after = TableAssignment.assign(more, 3, before);
        assertEveryTableOnce(more, after);
        assertEquals(1, moved(before, after), before + " -> " + after);
        assertTrue(after.get(2).contains("db.g"), after.toString());
    }

    @Test
    void aDroppedTableLeavesTheOthersWhereTheyWere() {
        List<List<String>> before = TableAssignment.assign(SIX, 3, List.of());
        Map<String, Long> fewer = new LinkedHashMap<>(SIX);
        fewer.remove("db.e");
        List<List<String>> after = TableAssignment.assign(fewer, 3, before);
        assertEveryTableOnce(fewer, after);
        assertEquals(0, moved(before, after), before + " -> " + after);
    }
}
