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
    private final OnDemandSnapshotMetrics onDemand;
    private final Clock clock;
    private final Consumer<String> out;
    private long lastLineMs;

    SnapshotProgressLog(String server, SnapshotMetrics snapshot, OnDemandSnapshotMetrics onDemand, Clock clock,
                        Consumer<String> out) {
        this.server = server;
        this.snapshot = snapshot;
        this.onDemand = onDemand;
        this.clock = clock;
        this.out = out;
        this.lastLineMs = clock.millis();
    }

    /**
     * Writes a progress line if the snapshot (or an on-demand snapshot) runs and the last line is
     * {@link #INTERVAL} old.
     */
    void tick() {
        boolean initial = snapshot.getSnapshotRunning();
        if (!initial && !onDemand.running()) {
            return;
        }
        long now = clock.millis();
        if (now - lastLineMs >= INTERVAL.toMillis()) {
            lastLineMs = now;
            if (initial) {
                out.accept(snapshot.progress().runningLine(server));
            } else {
                onDemand.runningLines(server).forEach(out);
            }
        }
    }

    void completed() {
        out.accept(snapshot.progress().completedLine(server));
    }
}
