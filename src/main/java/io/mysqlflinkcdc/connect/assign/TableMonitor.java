package io.mysqlflinkcdc.connect.assign;

import java.time.Duration;
import java.util.Optional;
import java.util.SortedMap;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches which tables the connector captures, like the table monitor of Confluent's JDBC source:
 * every interval it lists them again and, when the set differs from the last one seen, calls
 * {@code onChange} (the connector asks Connect to reconfigure its tasks). A failed listing is
 * logged and retried at the next interval, never fatal.
 */
public final class TableMonitor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TableMonitor.class);

    private final Callable<SortedMap<String, Long>> lister;
    static final Duration RETRY_WHEN_UNWATCHED = Duration.ofSeconds(10);

    private final Runnable onChange;
    private final boolean watching;
    private final ScheduledExecutorService scheduler;
    /** The last listing (table → estimated bytes), or null before the first that succeeded. */
    private volatile SortedMap<String, Long> tables;

    /**
     * @param lister   lists the captured tables with their estimated sizes (may fail)
     * @param interval how often to list them; with zero only until a listing succeeds (every
     *                 {@link #RETRY_WHEN_UNWATCHED}), then when asked ({@link #refresh()})
     */
    public TableMonitor(String name, Callable<SortedMap<String, Long>> lister, Duration interval, Runnable onChange) {
        this.lister = lister;
        this.onChange = onChange;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mysql-flink-cdc-table-monitor[" + name + "]");
            thread.setDaemon(true);
            return thread;
        });
        this.watching = !interval.isZero();
        long delay = (watching ? interval : RETRY_WHEN_UNWATCHED).toMillis();
        scheduler.scheduleWithFixedDelay(this::check, delay, delay, TimeUnit.MILLISECONDS);
    }

    /** The tables as last listed; lists them now when no listing has succeeded yet. Empty on failure. */
    public Optional<SortedMap<String, Long>> tables() {
        if (tables == null) {
            refresh();
        }
        return Optional.ofNullable(tables);
    }

    /** Lists the tables now; true when that worked. */
    public synchronized boolean refresh() {
        try {
            tables = lister.call();
            return true;
        } catch (Exception e) {
            LOG.warn("Could not list the captured tables ({}); trying again at the next table monitor interval",
                    e.toString());
            return false;
        }
    }

    private void check() {
        SortedMap<String, Long> before = tables;
        if (!watching && before != null) {
            return;
        }
        if (!refresh()) {
            return;
        }
        SortedMap<String, Long> after = tables;
        if (before == null || !before.keySet().equals(after.keySet())) {
            LOG.info("Captured tables changed from {} to {}; reconfiguring the tasks",
                    before == null ? "unknown" : before.keySet(), after.keySet());
            try {
                onChange.run();
            } catch (RuntimeException e) {
                // Connect refuses while it is itself rebalancing; the next change or listing tries again.
                tables = before;
                LOG.warn("Could not request a task reconfiguration ({}); retrying at the next interval", e.toString());
            }
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
