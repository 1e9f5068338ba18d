package io.mysqlflinkcdc.connect.metrics;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Writes a progress line at most every {@link #INTERVAL} while the snapshot runs, and a summary
 * when it completes. Called from {@code poll()}, so the lines come from the task thread and carry
 * Connect's connector context (MDC), like {@code [name|task-0]}.
 */
final class SnapshotProgressLog {

    static final Duration INTERVAL = Duration.ofSeconds(10);

    private final String server;
    private final SnapshotMetrics snapshot;
    private final Clock clock;
    private final Consumer<String> out;
    private long lastLineMs;

    SnapshotProgressLog(String server, SnapshotMetrics snapshot, Clock clock, Consumer<String> out) {
        this.server = server;
        this.snapshot = snapshot;
        this.clock = clock;
        this.out = out;
        this.lastLineMs = clock.millis();
    }

    /** Writes a progress line if the snapshot runs and the last line is {@link #INTERVAL} old. */
    void tick() {
        if (!snapshot.getSnapshotRunning()) {
            return;
        }
        long now = clock.millis();
        if (now - lastLineMs >= INTERVAL.toMillis()) {
            lastLineMs = now;
            out.accept(snapshot.progress().runningLine(server));
        }
    }

    void completed() {
        out.accept(snapshot.progress().completedLine(server));
    }
}
