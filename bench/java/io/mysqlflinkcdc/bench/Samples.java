package io.mysqlflinkcdc.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** Every measured value by measure and contender, one per repeat; reported as medians. */
final class Samples {

    private final Map<String, Map<String, List<Double>>> values = new LinkedHashMap<>();

    synchronized void add(String measure, String contender, double value) {
        values.computeIfAbsent(measure, m -> new LinkedHashMap<>())
                .computeIfAbsent(contender, c -> new ArrayList<>()).add(value);
    }

    synchronized OptionalDouble median(String measure, String contender) {
        List<Double> list = values.getOrDefault(measure, Map.of()).get(contender);
        if (list == null || list.isEmpty()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(median(list));
    }

    static double median(List<Double> list) {
        List<Double> sorted = list.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Percentile (0..100) of unsorted values, nearest rank. */
    static double percentile(long[] sortedValues, double percent) {
        if (sortedValues.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percent / 100 * sortedValues.length);
        return sortedValues[Math.max(0, Math.min(sortedValues.length - 1, rank - 1))];
    }

    /** Raw values, one line per measure and contender, for the appendix of RESULTS.md. */
    synchronized String raw() {
        StringBuilder out = new StringBuilder();
        values.forEach((measure, byContender) -> byContender.forEach((contender, list) ->
                out.append("- ").append(measure).append(" — ").append(contender).append(": ")
                        .append(list.stream().map(Samples::format).toList()).append('\n')));
        return out.toString();
    }

    static String format(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        if (Math.abs(value) >= 100) {
            return String.format("%,.0f", value);
        }
        return String.format("%.2f", value);
    }
}
