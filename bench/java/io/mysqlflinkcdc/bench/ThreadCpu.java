package io.mysqlflinkcdc.bench;

import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CPU time of the worker's threads between two thread dumps (jcmd Thread.print gives each
 * thread's cpu=…ms). Unlike JFR's execution samples this counts what runs outside Java code too:
 * the JIT compiler threads, GC, a thread in a socket read.
 */
final class ThreadCpu {

    private static final Pattern THREAD = Pattern.compile("^\\\"(.*?)\\\".*? cpu=([\\d.]+)ms", Pattern.MULTILINE);
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    private final Map<String, Double> millisByThread;

    private ThreadCpu(Map<String, Double> millisByThread) {
        this.millisByThread = millisByThread;
    }

    /** CPU milliseconds per thread so far, threads of one kind (digits in the name) added up. */
    static ThreadCpu of(long pid) throws IOException, InterruptedException {
        return new ThreadCpu(parse(JfrProfile.jcmd(pid, "Thread.print")));
    }

    static Map<String, Double> parse(String threadDump) {
        Map<String, Double> millis = new HashMap<>();
        Matcher thread = THREAD.matcher(threadDump);
        while (thread.find()) {
            millis.merge(kind(thread.group(1)), Double.parseDouble(thread.group(2)), Double::sum);
        }
        return millis;
    }

    /** "C2 CompilerThread0" and "C1 CompilerThread1" are one kind: JIT compiler. */
    static String kind(String threadName) {
        if (threadName.contains("CompilerThread")) {
            return "JIT compiler threads (C1, C2)";
        }
        if (threadName.startsWith("GC Thread") || threadName.startsWith("G1 ")) {
            return "GC threads";
        }
        return DIGITS.matcher(threadName).replaceAll("N");
    }

    /** CPU used since {@code before}, by thread kind, most first. */
    Map<String, Double> since(ThreadCpu before) {
        Map<String, Double> used = new LinkedHashMap<>();
        millisByThread.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.millisByThread.getOrDefault(e.getKey(), 0.0)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> used.put(e.getKey(), e.getValue()));
        return used;
    }

    /** A markdown table of {@link #since}: the threads above 1% of the total, then the total. */
    static String table(String contender, Map<String, Double> used, long rows) {
        double total = used.values().stream().mapToDouble(Double::doubleValue).sum();
        StringBuilder out = new StringBuilder("| " + contender + ": worker thread | CPU s | share | CPU µs per row |\n"
                + "|---|---:|---:|---:|\n");
        used.forEach((thread, millis) -> {
            if (millis >= total / 100) {
                out.append(String.format("| %s | %.2f | %.1f%% | %.2f |%n", thread.replace("|", "\\|"), millis / 1000,
                        100 * millis / total,
                        millis * 1000 / Math.max(1, rows)));
            }
        });
        out.append(String.format("| **all threads** | %.2f | 100%% | %.2f |%n", total / 1000,
                total * 1000 / Math.max(1, rows)));
        return out.toString();
    }
}
