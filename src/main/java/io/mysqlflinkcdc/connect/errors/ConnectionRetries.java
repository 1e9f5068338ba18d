package io.mysqlflinkcdc.connect.errors;

import java.io.EOFException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * When the embedded job loses the server, restart it after a growing pause (1 s, 2 s, 4 s ... up
 * to the maximum backoff), until the outage has lasted longer than the retry timeout.
 */
public final class ConnectionRetries {

    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

    private final Duration timeout;
    private final Duration maxBackoff;
    private final LongSupplier nanoClock;
    /** When the current outage began (nanoTime), or -1 when there is none. */
    private long outageStartedNanos = -1;
    private int attempts;

    public ConnectionRetries(Duration timeout, Duration maxBackoff, LongSupplier nanoClock) {
        this.timeout = timeout;
        this.maxBackoff = maxBackoff;
        this.nanoClock = nanoClock;
    }

    /** Records arrived: the outage, if any, is over. */
    public void progressed() {
        outageStartedNanos = -1;
        attempts = 0;
    }

    /** The pause before restarting after {@code failure}, or empty when the task must fail. */
    public Optional<Duration> retryDelay(Throwable failure) {
        if (!isConnectivity(failure)) {
            return Optional.empty();
        }
        long now = nanoClock.getAsLong();
        if (outageStartedNanos < 0) {
            outageStartedNanos = now;
        }
        if (now - outageStartedNanos > timeout.toNanos()) {
            return Optional.empty();
        }
        long backoff = Math.min(maxBackoff.toMillis(), FIRST_BACKOFF.toMillis() << Math.min(attempts, 20));
        attempts++;
        return Optional.of(Duration.ofMillis(backoff));
    }

    public int attempts() {
        return attempts;
    }

    /** How long the current outage has lasted (zero when there is none). */
    public Duration outage() {
        return outageStartedNanos < 0 ? Duration.ZERO : Duration.ofNanos(nanoClock.getAsLong() - outageStartedNanos);
    }

    public Duration timeout() {
        return timeout;
    }

    /** Network and server-gone failures anywhere in the chain: worth a restart once the server is back. */
    public static boolean isConnectivity(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SocketException || t instanceof SocketTimeoutException || t instanceof EOFException
                    || t instanceof UnknownHostException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
            String text = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (t.getClass().getSimpleName().contains("CommunicationsException")
                    || text.contains("communications link failure") || text.contains("connection refused")
                    || text.contains("server shutdown in progress") || text.contains("connection reset")) {
                return true;
            }
        }
        return false;
    }
}
