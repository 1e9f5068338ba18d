package io.mysqlflinkcdc.connect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.apache.flink.cdc.connectors.mysql.table.StartupOptions;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mysqlflinkcdc.connect.config.ConnectorConfig;
import io.mysqlflinkcdc.connect.config.TableSelection;
import io.mysqlflinkcdc.connect.engine.EmbeddedCdcJob;
import io.mysqlflinkcdc.connect.engine.MySqlSourceFactory;
import io.mysqlflinkcdc.connect.engine.RecordHandover;
import io.mysqlflinkcdc.connect.offset.BinlogPosition;
import io.mysqlflinkcdc.connect.offset.StoredOffset;
import io.mysqlflinkcdc.connect.offset.TableResumePoints;
import io.mysqlflinkcdc.connect.record.SnapshotChunkTracker;
import io.mysqlflinkcdc.connect.record.SourceRecordDeserializer;
import io.mysqlflinkcdc.connect.record.SourceRecordFactory;
import io.mysqlflinkcdc.connect.record.TableRecord;

/**
 * Starts a task's embedded Flink CDC job where its tables' delivered records end: turns the
 * {@link StartPlan} of their offsets into Flink CDC's start, and keeps what the task thread needs
 * for that job's records (the tables' offsets, the snapshot progress tracker).
 */
final class JobLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(JobLauncher.class);
    private static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(2);

    private final ConnectorConfig config;
    private final String name;
    private final Supplier<List<String>> tables;
    private final OffsetStorageReader offsetReader;
    /** The tables' stored offsets and those of the records handed to Connect since; null until read. */
    private TableOffsets offsets;
    private SnapshotChunkTracker chunkTracker = new SnapshotChunkTracker(Map.of());
    private List<String> jobTables = List.of();
    /** The plan the task computed at start, for the first launch (spares a second purge check). */
    private StartPlan pendingPlan;
    private final SnapshotSignals signals;
    /** A signal asked for a new snapshot: the job must restart once the delivered records are polled. */
    private boolean restartRequested;

    /**
     * @param tables lists the task's tables; may throw a {@link org.apache.kafka.connect.errors.RetriableException}
     *               while the server is unreachable
     */
    JobLauncher(ConnectorConfig config, int taskIndex, Supplier<List<String>> tables,
                OffsetStorageReader offsetReader) {
        this.config = config;
        this.name = config.topicPrefix() + "#" + taskIndex;
        this.tables = tables;
        this.offsetReader = offsetReader;
        this.signals = new SnapshotSignals(config.signalTable().orElse(null), () -> StartChecks.capturedTables(config));
    }

    /** The plan from the tables' offsets, unless the binlog it would start at was purged. */
    StartPlan plan() {
        if (offsets == null) {
            offsets = TableOffsets.read(offsetReader, config.topicPrefix(), tables.get());
        }
        StartPlan plan = offsets.plan(config.startupMode());
        Optional<BinlogPosition> earliest = Optional.empty();
        if (plan instanceof StartPlan.Resume resume) {
            earliest = Optional.of(resume.from());
        } else if (plan instanceof StartPlan.SnapshotAndResume mixed) {
            earliest = mixed.points().points().values().stream().min(BinlogPosition::compareTo);
        }
        if (earliest.isPresent()
                && StartChecks.unlessPurged(config, new StoredOffset.Streaming(earliest.get())) == null) {
            offsets.forget();
            plan = offsets.plan(config.startupMode());
        }
        jobTables = plan.jobTables();
        pendingPlan = plan;
        return plan;
    }

    /** What the snapshot metrics show at start: a plan without snapshot shows the snapshot as completed. */
    static StoredOffset snapshotAtStart(StartPlan plan) {
        if (plan instanceof StartPlan.Idle) {
            return new StoredOffset.SnapshotOnlyCompleted();
        }
        return plan instanceof StartPlan.Resume resume ? new StoredOffset.Streaming(resume.from()) : null;
    }

    /** Starts the job from where the delivered records end. */
    EmbeddedCdcJob<SourceRecord> launch(RecordHandover<SourceRecord> handover) {
        // A restart needs a fresh plan: records delivered since have moved the tables' offsets.
        StartPlan plan = pendingPlan != null ? pendingPlan : plan();
        pendingPlan = null;
        int snapshotParallelism = config.startupMode().snapshotsData() ? config.snapshotParallelism() : 1;
        JobStart start;
        if (plan instanceof StartPlan.Resume resume) {
            LOG.info("Resuming the binlog of '{}' at {} for {} table(s), each after its own delivered position, "
                    + "with {}", name, resume.from(), resume.jobTables().size(), resume.tableSchemas() == null
                    ? "the tables' current schemas (none stored with the offsets)"
                    : "the table schemas stored with the offsets");
            start = new JobStart(MySqlSourceFactory.startupFromPosition(resume.from()), 1, resume.points(),
                    resume.tableSchemas(), Map.of(), null);
        } else if (plan instanceof StartPlan.SnapshotAndResume mixed) {
            StartPlan.PartialSnapshot partial = mixed.partial();
            LOG.info("Snapshotting {} of '{}'{} while {} resume at their binlog positions", mixed.snapshotTables(),
                    name, partial == null ? "" : ", continuing " + partial.table() + " after its "
                            + partial.progress().chunksDone() + " chunks in Kafka,", mixed.points().points().keySet());
            start = new JobStart(StartupOptions.initial(), snapshotParallelism, mixed.points(),
                    mixed.tableSchemas(), mixed.points().points(), partial);
        } else if (plan instanceof StartPlan.FromMode) {
            LOG.info("No binlog position stored for the {} table(s) of '{}'; starting with snapshot.mode={}",
                    plan.jobTables().size(), name, config.startupMode());
            start = new JobStart(MySqlSourceFactory.startupFromMode(config), snapshotParallelism,
                    TableResumePoints.none(), null, Map.of(), null);
        } else {
            throw new IllegalStateException("nothing left to read for '" + name + "': no job to start");
        }
        var deserializer = new SourceRecordDeserializer(config.recordSettings(), plan.jobTables(), start.points());
        StartPlan.PartialSnapshot partial = start.partial();
        var source = MySqlSourceFactory.create(config, TableSelection.exactly(plan.jobTables()), config.serverIds(),
                start.startup(), deserializer, StartChecks.keylessTableChunkColumns(config), start.tableSchemas(),
                start.resumed(), partial == null ? null : partial.table(), partial == null ? null : partial.progress(),
                StartChecks.bufferSizing(config, plan.jobTables()));
        chunkTracker = new SnapshotChunkTracker(partial == null ? Map.of() : Map.of(partial.table(),
                partial.progress()));
        try {
            return EmbeddedCdcJob.start("mysql-flink-cdc[" + name + "]", source, start.parallelism(),
                    EmbeddedCdcJob.Checkpointing.every(CHECKPOINT_INTERVAL), handover);
        } catch (Exception e) {
            throw new ConnectException("Could not start the embedded Flink CDC job: " + e.getMessage(), e);
        }
    }

    /**
     * The records to give Connect for a batch of the hand-over (key changes unfolded into tombstone
     * and row), with the current job's snapshot progress in their offsets; remembers each table's
     * offset, for a restart of the job.
     */
    List<SourceRecord> delivering(List<SourceRecord> batch) {
        List<SourceRecord> delivered = TableRecord.inDeliveryOrder(batch);
        chunkTracker.apply(delivered);
        if (offsets != null) {
            offsets.polled(delivered);
        }
        List<String> again = signals.snapshotsRequested(delivered, jobTables);
        if (again.isEmpty()) {
            return delivered;
        }
        // After the batch, each table's offset says its snapshot is under way: the restarted job
        // (and any after a crash, once Connect committed the marker) snapshots it again.
        List<SourceRecord> markers = new SourceRecordFactory(config.recordSettings(), again,
                TableResumePoints.none()).snapshotRequested();
        offsets.polled(markers);
        restartRequested = true;
        List<SourceRecord> withMarkers = new ArrayList<>(delivered);
        withMarkers.addAll(markers);
        return withMarkers;
    }

    /** Whether a signal asked for a new snapshot since the last call: the job must restart. */
    boolean takeRestartRequest() {
        boolean requested = restartRequested;
        restartRequested = false;
        return requested;
    }

    /** Whether the job reads the binlog. */
    boolean inBinlog() {
        return offsets != null && offsets.inBinlog();
    }

    /** Where a restarted job would begin, for messages. */
    String resumesAt() {
        return offsets == null ? "the stored offsets of its tables" : offsets.describe(config.startupMode());
    }

    /** The records marking, per table of the job, that its initial_only snapshot completed. */
    List<SourceRecord> snapshotOnlyCompleted() {
        return new SourceRecordFactory(config.recordSettings(), jobTables, TableResumePoints.none())
                .snapshotOnlyCompleted();
    }

    String name() {
        return name;
    }

    /** How the job starts: Flink CDC's startup, its parallelism, and the per-table resume points. */
    private record JobStart(StartupOptions startup, int parallelism, TableResumePoints points, String tableSchemas,
                            Map<String, BinlogPosition> resumed, StartPlan.PartialSnapshot partial) {
    }
}
