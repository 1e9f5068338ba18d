package io.mysqlflinkcdc.connect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import org.apache.flink.cdc.connectors.mysql.table.StartupOptions;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mysqlflinkcdc.connect.config.ConnectorConfig;
import io.mysqlflinkcdc.connect.config.TableSelection;
import io.mysqlflinkcdc.connect.engine.CdcJob;
import io.mysqlflinkcdc.connect.engine.DirectCdcJob;
import io.mysqlflinkcdc.connect.engine.EmbeddedCdcJob;
import io.mysqlflinkcdc.connect.engine.JobSupervisor;
import io.mysqlflinkcdc.connect.engine.MySqlSourceFactory;
import io.mysqlflinkcdc.connect.engine.RecordHandover;
import io.mysqlflinkcdc.connect.engine.StartedCluster;
import io.mysqlflinkcdc.connect.metrics.TaskMetrics;
import io.mysqlflinkcdc.connect.offset.BinlogPosition;
import io.mysqlflinkcdc.connect.offset.OffsetCodec;
import io.mysqlflinkcdc.connect.offset.StoredOffset;
import io.mysqlflinkcdc.connect.offset.TableResumePoints;
import io.mysqlflinkcdc.connect.record.SnapshotChunkTracker;
import io.mysqlflinkcdc.connect.record.SnapshotRowAcks;
import io.mysqlflinkcdc.connect.record.SourceRecordDeserializer;
import io.mysqlflinkcdc.connect.record.SourceRecordFactory;
import io.mysqlflinkcdc.connect.record.TableRecord;
import io.mysqlflinkcdc.connect.signal.Signal;

/**
 * Starts a task's embedded Flink CDC job where its tables' delivered records end: turns the
 * {@link StartPlan} of their offsets into Flink CDC's start, and keeps what the task thread needs
 * for that job's records (the tables' offsets, the snapshot progress tracker).
 */
final class JobLauncher implements JobSupervisor.Launcher<SourceRecord> {

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
    private final SnapshotNotifications notifications;
    /** A signal asked for a new snapshot: the jobs restart once the delivered records are polled. */
    private boolean restartRequested;
    /** The running backfill is done: its tables go back to the main job (JobSupervisor.handBack). */
    private boolean handBackRequested;
    /**
     * The running backfill's chunks are all handed to Connect; its tables' binlog records are still
     * dropped until the swap.
     */
    private boolean backfillDone;
    /** The backfill the last launch planned beside its main job, until launched; else null. */
    private StartPlan.SnapshotAndResume pendingBackfill;
    /** The tables the running backfill job snapshots; empty when none runs. */
    private List<String> backfillTables = List.of();
    /** A signal asked for a backfill that can start beside the running main job. */
    private boolean backfillRequested;
    /**
     * Tables whose on-demand snapshot has an additional-condition: the SQL condition its rows must
     * match, until that snapshot ends. Kept in memory only: a snapshot resumed after a task restart
     * reads its table's remaining rows whole (more rows than asked, never fewer).
     */
    private final Map<String, String> snapshotFilters = new LinkedHashMap<>();
    /** The task's metrics, told when on-demand snapshots start and end; null until set. */
    private TaskMetrics metrics;
    /** Tables the last launch resumes after a finished snapshot: their offsets become binlog positions at once. */
    private Map<String, BinlogPosition> handedBack = Map.of();
    /** Counts the snapshot records handed to Connect against those written to Kafka. */
    private final SnapshotRowAcks acks = new SnapshotRowAcks();
    /** Tables whose on-demand snapshot is all handed to Connect: COMPLETED once its rows are in Kafka. */
    private List<String> completing = List.of();
    /** The last record handed to Connect: a COMPLETED notice reuses its partition and offset. */
    private SourceRecord lastHanded;

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
        this.notifications = new SnapshotNotifications(config.topicPrefix(), config.notifiesLog(),
                config.notificationTopic().orElse(null));
    }

    /** Has the task's metrics told when on-demand snapshots start and end. */
    void reportTo(TaskMetrics taskMetrics) {
        this.metrics = taskMetrics;
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
    @Override
    public CdcJob<SourceRecord> launch(RecordHandover<SourceRecord> handover,
                                               StartedCluster<SourceRecord> cluster) {
        // A restart needs a fresh plan: records delivered since have moved the tables' offsets.
        StartPlan plan = pendingPlan != null ? pendingPlan : plan();
        pendingPlan = null;
        pendingBackfill = null;
        backfillTables = List.of();
        backfillDone = false;
        handBackRequested = false;
        int snapshotParallelism = snapshotParallelism();
        List<String> mainTables = plan.jobTables();
        StartPlan.PartialSnapshot tracked = null;
        JobStart start;
        if (plan instanceof StartPlan.Resume resume) {
            LOG.info("Resuming the binlog of '{}' at {} for {} table(s), each after its own delivered position, "
                    + "with {}", name, resume.from(), resume.jobTables().size(), resume.tableSchemas() == null
                    ? "the tables' current schemas (none stored with the offsets)"
                    : "the table schemas stored with the offsets");
            start = new JobStart(MySqlSourceFactory.startupFromPosition(resume.from()), 1, resume.points(),
                    resume.tableSchemas(), Map.of(), null);
        } else if (plan instanceof StartPlan.SnapshotAndResume mixed && backfillsBeside(mixed)) {
            // The resuming tables keep streaming while a second job snapshots the others.
            BinlogPosition from = mixed.points().points().values().stream().min(BinlogPosition::compareTo)
                    .orElseThrow();
            mainTables = List.copyOf(mixed.points().points().keySet());
            LOG.info("Resuming the binlog of '{}' at {} for {} table(s) while a backfill job snapshots {}{}", name,
                    from, mainTables.size(), mixed.snapshotTables(), mixed.partial() == null ? ""
                            : " and continues " + mixed.partial().table() + " after its "
                            + mixed.partial().progress().chunksDone() + " chunks in Kafka");
            start = new JobStart(MySqlSourceFactory.startupFromPosition(from), 1, mixed.points(),
                    mixed.tableSchemas(), Map.of(), null);
            pendingBackfill = mixed;
            tracked = mixed.partial();
        } else if (plan instanceof StartPlan.SnapshotAndResume mixed) {
            StartPlan.PartialSnapshot partial = mixed.partial();
            tracked = partial;
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
        // An idle table would otherwise keep its snapshot offset until a change or heartbeat passes its watermark.
        handedBack = new LinkedHashMap<>(offsets == null ? Map.of() : offsets.finishedSnapshots());
        handedBack.keySet().retainAll(mainTables);
        chunkTracker = new SnapshotChunkTracker(tracked == null ? Map.of() : Map.of(tracked.table(),
                tracked.progress()), plan instanceof StartPlan.SnapshotAndResume mixed ? mixed.since() : Map.of());
        return startJob(mainJobName(), mainTables, start, false, filtersOf(mainTables), handover, cluster);
    }

    /** Starts the next main job's cluster, with room for a parallel snapshot; touches no state of this launcher. */
    @Override
    public StartedCluster<SourceRecord> startCluster(RecordHandover<SourceRecord> handover) throws Exception {
        if (config.directRuntime() && snapshotParallelism() == 1) {
            // The next job runs without a cluster: nothing to start ahead.
            return null;
        }
        return StartedCluster.start(mainJobName(), Math.max(1, config.snapshotParallelism()), handover);
    }

    private String mainJobName() {
        return "mysql-flink-cdc[" + name + "]";
    }

    /**
     * Prepares the backfill the last {@link #launch} planned: a job that snapshots its tables and
     * reads no binlog, beside the main job; once its chunks are all in Kafka, {@link #delivering}
     * asks for a restart, and the next plan resumes those tables at their chunks' watermark. The
     * returned start touches none of this launcher's state: it may run on any thread.
     */
    @Override
    public Callable<CdcJob<SourceRecord>> prepareBackfill(RecordHandover<SourceRecord> handover) {
        StartPlan.SnapshotAndResume backfill = pendingBackfill;
        pendingBackfill = null;
        if (backfill == null) {
            return null;
        }
        List<String> tables = new ArrayList<>(backfill.snapshotTables());
        StartPlan.PartialSnapshot partial = backfill.partial();
        if (partial != null) {
            tables.add(partial.table());
        }
        List<String> snapshotted = List.copyOf(tables);
        backfillTables = snapshotted;
        JobStart start = new JobStart(StartupOptions.initial(), snapshotParallelism(), TableResumePoints.none(), null,
                Map.of(), partial);
        TaskMetrics reporting = metrics;
        Map<String, String> filters = filtersOf(snapshotted);
        Map<String, Integer> chunksDone = partial == null ? Map.of()
                : Map.of(partial.table(), partial.progress().chunksDone());
        return () -> {
            if (reporting != null) {
                // Here, off the task thread: it asks the server for the tables' sizes.
                reporting.onDemandSnapshotStarted(snapshotted, chunksDone);
            }
            return startJob("mysql-flink-cdc[" + name + " backfill]", snapshotted, start, true, filters, handover,
                    null);
        };
    }

    /**
     * Whether the tables to snapshot are read by a second job while the others stream: whenever there
     * are others. That job skips Flink CDC's per-chunk backfill whatever snapshot.backfill.skip says
     * (it would read the binlog under the server id the main job's binlog reader holds); its tables'
     * changes during the read follow from the binlog afterwards.
     */
    private boolean backfillsBeside(StartPlan.SnapshotAndResume mixed) {
        return !mixed.points().isEmpty();
    }

    private int snapshotParallelism() {
        return config.startupMode().snapshotsData() ? config.snapshotParallelism() : 1;
    }

    private CdcJob<SourceRecord> startJob(String jobName, List<String> tables, JobStart start,
                                                  boolean snapshotSplitsOnly, Map<String, String> filters,
                                                  RecordHandover<SourceRecord> handover,
                                                  StartedCluster<SourceRecord> cluster) {
        var deserializer = new SourceRecordDeserializer(config.recordSettings(), tables, start.points());
        StartPlan.PartialSnapshot partial = start.partial();
        var source = MySqlSourceFactory.create(config, TableSelection.exactly(tables), config.serverIds(),
                start.startup(), deserializer, StartChecks.keylessTableChunkColumns(config), start.tableSchemas(),
                start.resumed(), partial == null ? null : partial.table(), partial == null ? null : partial.progress(),
                StartChecks.bufferSizing(config, tables), snapshotSplitsOnly, filters);
        var checkpointing = EmbeddedCdcJob.Checkpointing.every(CHECKPOINT_INTERVAL);
        try {
            if (config.directRuntime() && start.parallelism() == 1) {
                if (cluster != null) {
                    cluster.close();
                }
                return DirectCdcJob.start(jobName, source, handover);
            }
            if (cluster != null && cluster.fits(start.parallelism())) {
                return cluster.run(source, start.parallelism(), checkpointing);
            }
            if (cluster != null) {
                cluster.close();
            }
            return EmbeddedCdcJob.start(jobName, source, start.parallelism(), checkpointing, handover);
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
        if (!handedBack.isEmpty()) {
            // The position each now resumes at, before anything the new job read after it.
            List<SourceRecord> withPositions = new ArrayList<>(markersFor(handedBack.keySet())
                    .streamingFrom(handedBack));
            withPositions.addAll(delivered);
            delivered = withPositions;
            handedBack = Map.of();
        }
        if (!backfillTables.isEmpty()) {
            delivered = withoutBinlogRecordsOf(backfillTables, delivered);
        }
        chunkTracker.apply(delivered);
        if (offsets != null) {
            offsets.polled(delivered);
        }
        if (!backfillTables.isEmpty() && !backfillDone && chunkTracker.allDone(backfillTables)) {
            LOG.info("The backfill of {} is handed to Connect; '{}' resumes their binlog with the other tables",
                    backfillTables, name);
            List<String> done = new ArrayList<>(completing);
            done.addAll(backfillTables);
            completing = List.copyOf(done);
            backfillTables.forEach(snapshotFilters::remove);
            backfillDone = true;
            handBackRequested = true;
        }
        SnapshotSignals.Requests requests = signals.read(delivered, jobTables);
        if (requests.isEmpty()) {
            return delivered;
        }
        List<SourceRecord> withMarkers = new ArrayList<>(delivered);
        withMarkers.addAll(actOn(requests, signals.table()));
        return withMarkers;
    }

    /**
     * What poll() returns, given the records it is about to hand to Connect (possibly none): those,
     * then the COMPLETED notices of on-demand snapshots whose rows are all in Kafka by now. A
     * snapshot is announced (and its metrics say COMPLETED) only then, not when its last rows are
     * handed over: a worker that died before Connect wrote them would resume the snapshot and
     * announce it a second time.
     */
    List<SourceRecord> handing(List<SourceRecord> batch) {
        acks.handing(batch);
        if (!batch.isEmpty()) {
            lastHanded = batch.get(batch.size() - 1);
        }
        if (completing.isEmpty() || !acks.allWritten()) {
            return batch;
        }
        List<String> tables = completing;
        completing = List.of();
        LOG.info("The on-demand snapshot of {} is in Kafka", tables);
        if (metrics != null) {
            metrics.onDemandSnapshotEnded(tables, true);
        }
        List<SourceRecord> notices = notifications.notify(SnapshotNotifications.Type.COMPLETED, tables, lastHanded);
        acks.handing(notices);
        if (notices.isEmpty()) {
            return batch;
        }
        List<SourceRecord> withNotices = new ArrayList<>(batch);
        withNotices.addAll(notices);
        return withNotices;
    }

    /** Connect wrote {@code record} to Kafka (or dropped it); any thread. */
    void written(SourceRecord record) {
        acks.written(record);
    }

    /**
     * Acts on the signals of the kafka channel, after the records delivered so far; returns the
     * records that say so in the tables' offsets.
     */
    List<SourceRecord> signalled(List<Signal> fromKafka) {
        if (fromKafka.isEmpty() || offsets == null) {
            return List.of();
        }
        return actOn(signals.fromKafka(fromKafka, jobTables, offsets::deliveredAt), "the signal topic");
    }

    private List<SourceRecord> actOn(SnapshotSignals.Requests requests, String channel) {
        List<SourceRecord> markers = new ArrayList<>();
        if (!requests.snapshots().isEmpty()) {
            requests.snapshots().keySet().forEach(snapshotFilters::remove);
            snapshotFilters.putAll(requests.filters());
            markers.addAll(snapshotAgain(requests.snapshots()));
        }
        requests.stops().forEach(stop -> markers.addAll(stop(stop, channel)));
        return markers;
    }

    /**
     * Marks the tables as snapshotted again and starts a backfill job for them beside the main
     * one, or, when one runs already, restarts both jobs; returns the markers.
     */
    private List<SourceRecord> snapshotAgain(Map<String, BinlogPosition> again) {
        // After the batch, each table's offset says its snapshot is under way: a backfill job (or,
        // after a crash, once Connect committed the marker, the next start) snapshots it again.
        List<SourceRecord> markers = markersFor(again.keySet()).snapshotRequested(again);
        offsets.polled(markers);
        if (backfillTables.isEmpty() && !restartRequested && !backfillRequested) {
            // The main job keeps streaming; what it reads of these tables is dropped until they resume.
            again.forEach(chunkTracker::snapshotAgain);
            pendingBackfill = new StartPlan.SnapshotAndResume(jobTables, List.copyOf(again.keySet()), null,
                    TableResumePoints.none(), null, again);
            backfillTables = List.copyOf(again.keySet());
            backfillRequested = true;
        } else {
            restartRequested = true;
        }
        List<SourceRecord> notified = new ArrayList<>(markers);
        notified.addAll(notifications.notify(SnapshotNotifications.Type.STARTED, List.copyOf(again.keySet()),
                markers.get(markers.size() - 1)));
        return notified;
    }

    /**
     * Stops the on-demand snapshots the signal names: those tables stream again from the position
     * of the signal that started their snapshot (the rows read until now stay in their topics),
     * and the jobs restart without them. Returns the markers that say so in their offsets.
     */
    private List<SourceRecord> stop(Signal.StopSnapshot stop, String channel) {
        Map<String, BinlogPosition> running = chunkTracker.onDemand();
        Map<String, BinlogPosition> stopped = new LinkedHashMap<>();
        running.forEach((table, since) -> {
            if (stop.matches(table)) {
                stopped.put(table, since);
            }
        });
        List<String> added = backfillDone ? List.of() : backfillTables.stream().filter(stop::matches)
                .filter(table -> !running.containsKey(table)).toList();
        if (!added.isEmpty()) {
            LOG.warn("Signal '{}' from {}: the snapshot of {} is not stopped: no signal asked for it (the tables were "
                    + "added to the connector or created), so there is no earlier position to stream from; remove "
                    + "them from table.include.list instead", stop.id(), channel, added);
        }
        if (stopped.isEmpty()) {
            LOG.warn("Signal '{}' from {} ignored: no on-demand snapshot of {} is under way{}", stop.id(),
                    channel, stop.dataCollections().isEmpty() ? "any table" : stop.dataCollections(),
                    running.isEmpty() ? "" : " (under way: " + running.keySet() + ")");
            return List.of();
        }
        LOG.info("Signal '{}' from {}: stopped the snapshot of {}; they stream again from where each snapshot was "
                + "asked for, and the rows read so far stay in their topics", stop.id(), channel,
                stopped.keySet());
        List<SourceRecord> markers = markersFor(stopped.keySet()).streamingFrom(stopped);
        offsets.polled(markers);
        stopped.keySet().forEach(chunkTracker::forget);
        stopped.keySet().forEach(snapshotFilters::remove);
        if (metrics != null) {
            metrics.onDemandSnapshotEnded(stopped.keySet(), false);
        }
        restartRequested = true;
        List<SourceRecord> notified = new ArrayList<>(markers);
        notified.addAll(notifications.notify(SnapshotNotifications.Type.ABORTED, List.copyOf(stopped.keySet()),
                markers.get(markers.size() - 1)));
        return notified;
    }

    /** The additional-conditions of {@code tables}' on-demand snapshots. */
    private Map<String, String> filtersOf(List<String> tables) {
        Map<String, String> filters = new LinkedHashMap<>(snapshotFilters);
        filters.keySet().retainAll(tables);
        return filters;
    }

    /** Builds the offset markers (heartbeat-topic records) of {@code tables}. */
    private SourceRecordFactory markersFor(java.util.Collection<String> tables) {
        return new SourceRecordFactory(config.recordSettings(), List.copyOf(tables), TableResumePoints.none());
    }

    /**
     * The records to deliver while {@code tables} are backfilled, without the main job's records of
     * them (their rows and heartbeats): those tables' changes are read again from the binlog after
     * the backfill, and their offsets must keep saying that a snapshot is under way.
     */
    private static List<SourceRecord> withoutBinlogRecordsOf(List<String> tables, List<SourceRecord> records) {
        List<SourceRecord> kept = new ArrayList<>(records.size());
        for (SourceRecord record : records) {
            if (!(record.sourceOffset().get(OffsetCodec.FILE) != null
                    && tables.contains(record.sourcePartition().get(OffsetCodec.TABLE_PARTITION_KEY)))) {
                kept.add(record);
            }
        }
        return kept.size() == records.size() ? records : kept;
    }

    /** Whether a signal asked for a backfill beside the running main job since the last call. */
    boolean takeBackfillRequest() {
        boolean requested = backfillRequested;
        backfillRequested = false;
        return requested;
    }

    /** Whether the running backfill finished since the last call: its tables go back to the main job. */
    boolean takeHandBackRequest() {
        boolean requested = handBackRequested;
        handBackRequested = false;
        return requested;
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
        return markersFor(jobTables).snapshotOnlyCompleted();
    }

    String name() {
        return name;
    }

    /** How the job starts: Flink CDC's startup, its parallelism, and the per-table resume points. */
    private record JobStart(StartupOptions startup, int parallelism, TableResumePoints points, String tableSchemas,
                            Map<String, BinlogPosition> resumed, StartPlan.PartialSnapshot partial) {
    }
}
