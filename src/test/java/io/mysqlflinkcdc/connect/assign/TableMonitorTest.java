package io.mysqlflinkcdc.connect.assign;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class TableMonitorTest {

    private final AtomicReference<Object> listing = new AtomicReference<>(tables("db.a"));
    private final AtomicInteger changes = new AtomicInteger();

    private static SortedMap<String, Long> tables(String... names) {
        SortedMap<String, Long> tables = new TreeMap<>();
        for (String name : names) {
            tables.put(name, 1L);
        }
        return tables;
    }

    @SuppressWarnings("unchecked")
    private SortedMap<String, Long> list() throws SQLException {
        Object current = listing.get();
        if (current instanceof SQLException e) {
            throw e;
        }
        return (SortedMap<String, Long>) current;
    }

    @Test
    void aCreatedOrDroppedTableRequestsAReconfigurationOnce() {
        try (TableMonitor monitor = new TableMonitor("t", this::list, Duration.ofMillis(20), changes::incrementAndGet)) {
            assertEquals(Optional.of(tables("db.a")), monitor.tables());
            listing.set(tables("db.a", "db.b"));
            await().atMost(Duration.ofSeconds(5)).until(() -> changes.get() == 1);
            assertEquals(tables("db.a", "db.b"), monitor.tables().orElseThrow());
            listing.set(tables("db.b"));
            await().atMost(Duration.ofSeconds(5)).until(() -> changes.get() == 2);
        }
    }

    @Test
    void sizesChangingDoNotReconfigure() throws Exception {
        try (TableMonitor monitor = new TableMonitor("t", this::list, Duration.ofMillis(20), changes::incrementAndGet)) {
            monitor.tables();
            SortedMap<String, Long> grown = tables("db.a");
            grown.put("db.a", 1_000_000L);
            listing.set(grown);
            await().atMost(Duration.ofSeconds(5)).until(() -> monitor.tables().orElseThrow().get("db.a") == 1_000_000L);
            Thread.sleep(100);
            assertEquals(0, changes.get());
        }
    }

    @Test
    void aServerThatIsDownIsRetriedAndItsFirstListingReconfigures() {
        listing.set(new SQLException("Connection refused"));
        try (TableMonitor monitor = new TableMonitor("t", this::list, Duration.ofMillis(20), changes::incrementAndGet)) {
            assertEquals(Optional.empty(), monitor.tables(), "nothing known while the server is down");
            Thread.sleep(100);
            assertEquals(0, changes.get(), "failures are not changes");
            listing.set(tables("db.a"));
            await().atMost(Duration.ofSeconds(5)).until(() -> changes.get() == 1);
            assertEquals(tables("db.a"), monitor.tables().orElseThrow());
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aRefusedReconfigurationIsRequestedAgain() {
        AtomicInteger attempts = new AtomicInteger();
        Runnable refusingOnce = () -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("rebalance in progress");
            }
        };
        try (TableMonitor monitor = new TableMonitor("t", this::list, Duration.ofMillis(20), refusingOnce)) {
            monitor.tables();
            listing.set(tables("db.a", "db.b"));
            await().atMost(Duration.ofSeconds(5)).until(() -> attempts.get() >= 2);
        }
    }

    @Test
    void withoutAnIntervalTheTablesAreListedOnlyOnce() throws Exception {
        AtomicInteger listings = new AtomicInteger();
        try (TableMonitor monitor = new TableMonitor("t", () -> {
            listings.incrementAndGet();
            return list();
        }, Duration.ZERO, changes::incrementAndGet)) {
            monitor.tables();
            listing.set(tables("db.a", "db.b"));
            Thread.sleep(200);
            assertEquals(1, listings.get());
            assertTrue(monitor.refresh());
            assertEquals(tables("db.a", "db.b"), monitor.tables().orElseThrow());
            assertEquals(0, changes.get());
        }
    }
}
