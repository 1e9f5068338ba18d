package io.mysqlflinkcdc.bench;

import java.io.IOException;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CPU time of the worker's threads over a span, from thread dumps (jcmd Thread.print gives each
 * thread's cpu=…ms). Unlike JFR's execution samples this counts what runs outside Java code too:
 * the JIT compiler threads, GC, a thread in a socket read. A dump every half second follows each
 * thread by its id, so a thread that ends within the span (Flink CDC's snapshot reader ends with
 * the snapshot) still counts up to its last dump; only threads living under half a second are missed.
 */
final class ThreadCpu implements AutoCloseable {

    private static final Pattern THREAD = Pattern.compile("^\"(.*?)\"( #\\d+)?.*? cpu=([\\d.]+)ms", Pattern.MULTILINE);
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final long DUMP_EVERY_MILLIS = 500;

    /** One thread in one dump: its id, its kind and its CPU milliseconds so far. */
    record Seen(String id, String kind, double millis) {
    }

    private final long pid;
    private final Map<String, Double> atStart = new HashMap<>();
    private final Map<String, Seen> last = new HashMap<>();
    private final Thread dumper;
    private IOException failure;

    private ThreadCpu(long pid) throws IOException, InterruptedException {
        this.pid = pid;
        parse(JfrProfile.jcmd(pid, "Thread.print")).forEach(seen -> {
            atStart.put(seen.id(), seen.millis());
            last.put(seen.id(), seen);
        });
        dumper = new Thread(this::dumpUntilInterrupted, "bench-thread-dumps");
        dumper.setDaemon(true);
        dumper.start();
    }

    /** Starts following the worker's threads. */
    static ThreadCpu watch(long pid) throws IOException, InterruptedException {
        return new ThreadCpu(pid);
    }

    private void dumpUntilInterrupted() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(DUMP_EVERY_MILLIS);
                record(JfrProfile.jcmd(pid, "Thread.print"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            synchronized (this) {
                failure = e;
            }
        }
    }

    private synchronized void record(String threadDump) {
        parse(threadDump).forEach(seen -> last.put(seen.id(), seen));
    }

    static List<Seen> parse(String threadDump) {
        List<Seen> threads = new ArrayList<>();
        Matcher thread = THREAD.matcher(threadDump);
        while (thread.find()) {
            String name = thread.group(1);
            // Java threads by number (Connect renames its task threads); VM threads (GC) by name.
            String id = thread.group(2) == null ? name : thread.group(2);
            threads.add(new Seen(id, kind(name), Double.parseDouble(thread.group(3))));
        }
        return threads;
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

    /** Stops following; CPU used over the span by thread kind, most first. */
    Map<String, Double> used() throws IOException, InterruptedException {
        close();
        record(JfrProfile.jcmd(pid, "Thread.print"));
        Map<String, Double> byKind = new HashMap<>();
        synchronized (this) {
            if (failure != null) {
                throw failure;
            }
            last.values().forEach(seen -> byKind.merge(seen.kind(),
                    seen.millis() - atStart.getOrDefault(seen.id(), 0.0), Double::sum));
        }
        Map<String, Double> used = new LinkedHashMap<>();
        byKind.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> used.put(e.getKey(), e.getValue()));
        return used;
    }

    @Override
    public void close() throws InterruptedException {
        dumper.interrupt();
        dumper.join();
    }

    /** A markdown table of {@link #used}: the threads above 1% of the total, then the total. */
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
