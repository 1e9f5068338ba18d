package io.mysqlflinkcdc.connect.metrics;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import javax.management.MBeanServer;

import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mysqlflinkcdc.connect.config.ConnectorConfig;
import io.mysqlflinkcdc.connect.config.StartupMode;
import io.mysqlflinkcdc.connect.offset.StoredOffset;

/**
 * A task's metrics, for the task to wire in: the snapshot and streaming MBeans, fed from every
 * {@code poll()} batch, and the snapshot progress log. Created in {@code start()}, closed in
 * {@code stop()} (or when {@code start()} fails, since Connect then calls no {@code stop()}).
 * Every method runs on the task thread, unless it says otherwise.
 */
public final class TaskMetrics implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TaskMetrics.class);

    private final SnapshotMetrics snapshot;
    private final StreamingMetrics streaming;
    private final OnDemandSnapshotMetrics onDemand;
    private final PolledRecordCounter counter;
    private final SnapshotProgressLog progressLog;
    private final MetricsRegistration registration;
    /** The server's row estimates of the captured tables, read when an on-demand snapshot starts. */
    private final Supplier<Map<String, Long>> tableSizes;
    /** On-demand snapshots that ended in the batch being prepared, applied once it is counted. */
    private final List<Runnable> onDemandEnds = new java.util.ArrayList<>();
    /** A JMX name was taken at start; retried on each poll until it is free. */
    private boolean registrationPending;

    TaskMetrics(String topicPrefix, int task, String heartbeatTopic, int chunkSize, Supplier<Map<String, Long>> tableSizes,
                Clock clock, int queueCapacity, IntSupplier queueRemaining, MBeanServer server, Consumer<String> log) {
        this.tableSizes = tableSizes;
        snapshot = new SnapshotMetrics(clock);
        streaming = new StreamingMetrics(clock, queueCapacity, queueRemaining);
        onDemand = new OnDemandSnapshotMetrics(chunkSize);
        counter = new PolledRecordCounter(heartbeatTopic, snapshot, streaming, onDemand);
        progressLog = new SnapshotProgressLog(topicPrefix, snapshot, onDemand, clock, log);
        registration = new MetricsRegistration(server);
        registration.add(MetricsRegistration.name("snapshot", topicPrefix, task), snapshot);
        registration.add(MetricsRegistration.name("streaming", topicPrefix, task), streaming);
        registration.add(MetricsRegistration.name("on-demand-snapshot", topicPrefix, task), onDemand);
    }

    /**
     * Sets up and registers the metrics of a task that starts from {@code stored} (null: no stored
     * offset). When a snapshot will run, first asks the server for the captured tables' sizes.
     */
    public static TaskMetrics start(ConnectorConfig config, int task, StoredOffset stored, int queueCapacity,
                                    IntSupplier queueRemaining) {
        TaskMetrics metrics = new TaskMetrics(config.topicPrefix(), task, config.heartbeatTopic(),
                config.snapshotChunkSize(), () -> TableSizeEstimates.read(config).orElse(Map.of()), Clock.systemUTC(),
                queueCapacity, queueRemaining, ManagementFactory.getPlatformMBeanServer(), LOG::info);
        switch (snapshotAtStart(stored, config.startupMode())) {
            case RUNS -> metrics.snapshotStarts(TableSizeEstimates.read(config));
            case COMPLETED -> metrics.snapshot.completedEarlier();
            case NONE -> {
            }
        }
        metrics.register();
        return metrics;
    }

    enum SnapshotAtStart { RUNS, COMPLETED, NONE }

    /**
     * A stored binlog position (or initial_only's end marker) means the snapshot completed
     * earlier: these offsets carry {@code snapshot_completed=true}. Without one, snapshot.mode decides.
     */
    static SnapshotAtStart snapshotAtStart(StoredOffset stored, StartupMode mode) {
        if (stored instanceof StoredOffset.Streaming || stored instanceof StoredOffset.SnapshotOnlyCompleted) {
            return SnapshotAtStart.COMPLETED;
        }
        return mode.snapshotsData() ? SnapshotAtStart.RUNS : SnapshotAtStart.NONE;
    }

    void snapshotStarts(Optional<Map<String, Long>> estimates) {
        snapshot.started(estimates);
    }

    void register() {
        registrationPending = !registration.registerMissing();
    }

    /**
     * On-demand snapshots of {@code tables} start, or resume after {@code chunksDone} of their
     * chunks; asks the server for their sizes (best effort, for the chunk totals), so it is called
     * off the task thread, before the first row of those snapshots.
     */
    public void onDemandSnapshotStarted(Collection<String> tables, Map<String, Integer> chunksDone) {
        Map<String, Long> estimates = tableSizes.get();
        onDemand.started(tables, chunksDone, table -> estimates.getOrDefault(table, -1L));
    }

    /**
     * On-demand snapshots of {@code tables} ended: every chunk is in Kafka ({@code completed}), or a
     * signal stopped them. Told while the batch with their last rows is prepared, so it takes
     * effect once that batch is counted ({@link #polled}).
     */
    public void onDemandSnapshotEnded(Collection<String> tables, boolean completed) {
        OnDemandSnapshotMetrics.Status status = completed ? OnDemandSnapshotMetrics.Status.COMPLETED
                : OnDemandSnapshotMetrics.Status.ABORTED;
        List<String> ended = List.copyOf(tables);
        onDemandEnds.add(() -> onDemand.ended(ended, status));
    }

    /** The embedded Flink job runs (true after its start) or ended (false). */
    public void jobRunning(boolean running) {
        streaming.connected(running);
    }

    /** Counts a batch {@code poll()} returns (also an empty one), and logs the snapshot's progress. */
    public void polled(List<SourceRecord> batch) {
        boolean completed = counter.count(batch);
        onDemandEnds.forEach(Runnable::run);
        onDemandEnds.clear();
        if (completed) {
            progressLog.completed();
        } else {
            progressLog.tick();
        }
        if (registrationPending) {
            register();
        }
    }

    /** Unregisters the beans; idempotent. */
    @Override
    public void close() {
        streaming.connected(false);
        registrationPending = false;
        registration.unregisterAll();
    }

    SnapshotMetrics snapshot() {
        return snapshot;
    }

    StreamingMetrics streaming() {
        return streaming;
    }

    OnDemandSnapshotMetrics onDemand() {
        return onDemand;
    }
}
