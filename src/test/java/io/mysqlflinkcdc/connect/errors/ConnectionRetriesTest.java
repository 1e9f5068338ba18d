package io.mysqlflinkcdc.connect.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class ConnectionRetriesTest {

    private final AtomicLong now = new AtomicLong();
    private final ConnectionRetries retries = new ConnectionRetries(Duration.ofSeconds(60), Duration.ofSeconds(8),
            now::get);
    private final RuntimeException lostServer = new RuntimeException("job failed",
            new IllegalStateException("reader", new ConnectException("Connection refused")));

    @Test
    void backoffDoublesUpToTheMaximum() {
        assertEquals(Optional.of(Duration.ofSeconds(1)), retries.retryDelay(lostServer));
        assertEquals(Optional.of(Duration.ofSeconds(2)), retries.retryDelay(lostServer));
        assertEquals(Optional.of(Duration.ofSeconds(4)), retries.retryDelay(lostServer));
        assertEquals(Optional.of(Duration.ofSeconds(8)), retries.retryDelay(lostServer));
        assertEquals(Optional.of(Duration.ofSeconds(8)), retries.retryDelay(lostServer));
        assertEquals(5, retries.attempts());
    }

    @Test
    void givesUpOnceTheOutageOutlastsTheTimeoutAndStartsAfreshAfterProgress() {
        assertTrue(retries.retryDelay(lostServer).isPresent());
        now.addAndGet(Duration.ofSeconds(61).toNanos());
        assertEquals(Optional.empty(), retries.retryDelay(lostServer));
        assertEquals(61, retries.outage().toSeconds());
        retries.progressed();
        assertEquals(Optional.of(Duration.ofSeconds(1)), retries.retryDelay(lostServer));
    }

    @Test
    void onlyLostConnectionsAreRetried() {
        assertTrue(ConnectionRetries.isConnectivity(new SQLException("Communications link failure", "08S01")));
        assertTrue(ConnectionRetries.isConnectivity(new RuntimeException(new EOFException())));
        assertFalse(ConnectionRetries.isConnectivity(new SQLException("Access denied for user 'x'", "28000", 1045)));
        assertFalse(ConnectionRetries.isConnectivity(new IllegalStateException("schema mismatch")));
        assertEquals(Optional.empty(), retries.retryDelay(new SQLException("Access denied", "28000", 1045)));
    }
}
