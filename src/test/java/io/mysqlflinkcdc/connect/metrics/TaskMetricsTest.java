package io.mysqlflinkcdc.connect.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import javax.management.MBeanServerFactory;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import io.mysqlflinkcdc.connect.config.StartupMode;
import io.mysqlflinkcdc.connect.event.ChangeEvent;
import io.mysqlflinkcdc.connect.event.ChangeEvent.Kind;
import io.mysqlflinkcdc.connect.metrics.TaskMetrics.SnapshotAtStart;
import io.mysqlflinkcdc.connect.offset.BinlogPosition;
import io.mysqlflinkcdc.connect.offset.OffsetCodec;
import io.mysqlflinkcdc.connect.offset.StoredOffset;
import io.mysqlflinkcdc.connect.offset.TableResumePoints;
import io.mysqlflinkcdc.connect.record.RecordSettings;
import io.mysqlflinkcdc.connect.record.SnapshotChunk;
import io.mysqlflinkcdc.connect.record.SourceRecordFactory;
import io.mysqlflinkcdc.connect.record.TableRecord;

/** Feeds the metrics the records the task's poll() returns, built by the real record factory. */
class TaskMetricsTest {

    private static final Schema KEY = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).build();
    private static final Schema VALUE = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA)
            .field("qty", Schema.INT32_SCHEMA).build();
    private static final long NOW_MS = 1_700_000_100_000L;

    private final SourceRecordFactory factory = new SourceRecordFactory(
            RecordSettings.defaults("shop", "__debezium-heartbeat.shop"), List.of("inventory.orders"),
            TableResumePoints.none());
    private final MutableClock clock = new MutableClock(NOW_MS);
    private final AtomicInteger queueRemaining = new AtomicInteger(8000);
    private final List<String> log = new ArrayList<>();
    private final TaskMetrics metrics = new TaskMetrics("shop", 0, "__debezium-heartbeat.shop", 100, java.util.Map::of, clock, 8192,
            queueRemaining::get, MBeanServerFactory.newMBeanServer(), log::add);
    private final SnapshotMetrics snapshot = metrics.snapshot();
    private final StreamingMetrics streaming = metrics.streaming();

    private static Struct key(int id) {
        return new Struct(KEY).put("id", id);
    }

    private static Struct row(int id) {
        return new Struct(VALUE).put("id", id).put("qty", 1);
    }

    private static BinlogPosition at(long pos, long tsSec) {
        return new BinlogPosition("mysql-bin.000004", pos, 0, 0, null, tsSec, 1L);
    }

    private List<SourceRecord> records(ChangeEvent... events) {
        List<SourceRecord> out = new ArrayList<>();
        for (ChangeEvent event : events) {
            factory.toRecords(event, out::add);
        }
        // As the task's poll() hands them to Connect: key changes unfolded into tombstone and row.
        return TableRecord.inDeliveryOrder(out);
    }

    private List<SourceRecord> snapshotRows(String table, int firstId, int count) {
        List<ChangeEvent> events = new ArrayList<>();
        for (int id = firstId; id < firstId + count; id++) {
            events.add(new ChangeEvent(Kind.SNAPSHOT_READ, "inventory", table, key(id), row(id), null, null, 0L));
        }
        return records(events.toArray(ChangeEvent[]::new));
    }

    private static ChangeEvent change(Kind kind, int id, long pos, long tsSec) {
        return new ChangeEvent(kind, "inventory", "orders", key(id), kind == Kind.DELETE ? null : row(id),
                kind == Kind.INSERT ? null : row(id), at(pos, tsSec), tsSec * 1000);
    }

    @Test
    void onDemandSnapshotsShowChunksAndRowsPerTableUntilTheyEnd() {
        TaskMetrics sized = new TaskMetrics("shop", 0, "__debezium-heartbeat.shop", 2,
                () -> Map.of("inventory.orders", 5L), clock, 8192, queueRemaining::get,
                MBeanServerFactory.newMBeanServer(), log::add);
        OnDemandSnapshotMetrics onDemand = sized.onDemand();
        // Rows of a snapshot nobody asked for on demand (the initial one) are not counted here.
        sized.polled(snapshotRows("orders", 1, 2));
        assertEquals(Map.of(), onDemand.getRowsRead());

        sized.onDemandSnapshotStarted(List.of("inventory.orders", "inventory.items"), Map.of("inventory.items", 4));
        assertEquals(Map.of("inventory.orders", "RUNNING", "inventory.items", "RUNNING"), onDemand.getStatus());
        // orders: ~5 rows in chunks of 2; items: no estimate, 4 chunks done before a restart.
        assertEquals(Map.of("inventory.orders", 3, "inventory.items", -1), onDemand.getChunksTotal());
        assertEquals(Map.of("inventory.orders", 0, "inventory.items", 4), onDemand.getChunksDone());

        List<SourceRecord> batch = new ArrayList<>(snapshotRows("orders", 1, 2));
        batch.add(marker("inventory.orders", 0, null, "[3]"));
        batch.addAll(snapshotRows("items", 1, 1));
        sized.polled(batch);
        assertEquals(Map.of("inventory.orders", 2L, "inventory.items", 1L), onDemand.getRowsRead());
        assertEquals(Map.of("inventory.orders", 1, "inventory.items", 4), onDemand.getChunksDone());
        // Like the initial snapshot's, a progress line per table every 10 s.
        clock.advance(10_000);
        sized.polled(List.of());
        assertEquals(List.of("On-demand snapshot of 'shop': inventory.items 1 rows, 4 chunks",
                "On-demand snapshot of 'shop': inventory.orders 2 rows, 1 of ~3 chunks (33%)"), log);

        // The estimate was low: the total grows with the chunks done until the last one says it.
        batch = new ArrayList<>(snapshotRows("orders", 3, 4));
        batch.add(marker("inventory.orders", 1, "[3]", "[5]"));
        batch.add(marker("inventory.orders", 2, "[5]", "[7]"));
        sized.polled(batch);
        assertEquals(4, onDemand.getChunksTotal().get("inventory.orders"));
        // As the task does it: the end is told while the batch with the last chunk is prepared.
        sized.onDemandSnapshotEnded(List.of("inventory.orders"), true);
        sized.onDemandSnapshotEnded(List.of("inventory.items"), false);
        assertEquals("RUNNING", onDemand.getStatus().get("inventory.orders"), "until that batch is counted");
        batch = new ArrayList<>(snapshotRows("orders", 7, 1));
        batch.add(marker("inventory.orders", 3, "[7]", null));
        sized.polled(batch);
        assertEquals(4, onDemand.getChunksTotal().get("inventory.orders"));
        assertEquals(4, onDemand.getChunksDone().get("inventory.orders"));
        assertEquals(Map.of("inventory.orders", "COMPLETED", "inventory.items", "ABORTED"), onDemand.getStatus());
        // Ended snapshots keep their numbers; later rows of those tables do not change them.
        sized.polled(snapshotRows("orders", 9, 1));
        assertEquals(Map.of("inventory.orders", 7L, "inventory.items", 1L), onDemand.getRowsRead());
        sized.close();
    }

    private SourceRecord marker(String table, int id, String start, String end) {
        SourceRecord marker = factory.snapshotChunkCompleted(new SnapshotChunk(table, id, start, end, at(100, 0)));
        @SuppressWarnings("unchecked")
        Map<String, Object> offset = (Map<String, Object>) marker.sourceOffset();
        // As SnapshotChunkTracker leaves it: the table's progress, a snapshot under way.
        offset.putAll(OffsetCodec.encode(new StoredOffset.SnapshotRunning(null, at(50, 0))));
        return marker;
    }

    @Test
    void snapshotRowsCountPerTableAgainstTheEstimates() {
        metrics.snapshotStarts(Optional.of(Map.of("inventory.orders", 5L, "inventory.items", 2L,
                "inventory.empty", 0L)));
        assertTrue(snapshot.getSnapshotRunning());
        assertEquals(3, snapshot.getRemainingTableCount());

        metrics.polled(snapshotRows("orders", 1, 3));
        metrics.polled(snapshotRows("items", 1, 2));
        metrics.polled(snapshotRows("extra", 1, 1));

        assertEquals(Map.of("inventory.orders", 3L, "inventory.items", 2L, "inventory.empty", 0L,
                "inventory.extra", 1L), snapshot.getRowsScanned());
        assertEquals(4, snapshot.getTotalTableCount(), "listed tables plus the one that showed up");
        // orders is below its estimate; an empty-looking table counts as remaining until a row arrives.
        assertEquals(2, snapshot.getRemainingTableCount());
        assertFalse(snapshot.getSnapshotCompleted());
        assertEquals(-1, streaming.getMilliSecondsBehindSource());
        assertEquals(0, streaming.getTotalNumberOfEventsSeen());
        assertNull(streaming.getBinlogFilename());
    }

    @Test
    void theFirstRecordWithACompletedSnapshotEndsTheSnapshotAndLogsItOnce() {
        metrics.snapshotStarts(Optional.of(Map.of("inventory.orders", 3L)));
        metrics.polled(snapshotRows("orders", 1, 3));
        clock.advance(2_500);
        List<SourceRecord> batch = new ArrayList<>(snapshotRows("orders", 4, 1));
        batch.addAll(records(ChangeEvent.heartbeat(at(400, 0))));
        metrics.polled(batch);

        assertTrue(snapshot.getSnapshotCompleted());
        assertFalse(snapshot.getSnapshotRunning());
        assertEquals(0, snapshot.getRemainingTableCount());
        assertEquals(Map.of("inventory.orders", 4L), snapshot.getRowsScanned());
        assertEquals(List.of("Snapshot of 'shop' completed: 4 rows from 1 table in 2.5 s"), log);
        assertEquals("mysql-bin.000004", streaming.getBinlogFilename());
        assertEquals(400, streaming.getBinlogPosition());
        assertEquals(0, streaming.getTotalNumberOfEventsSeen(), "heartbeats are no events");

        metrics.polled(records(change(Kind.INSERT, 9, 500, 1_700_000_000L)));
        assertEquals(1, log.size(), "the summary is logged once");
    }

    @Test
    void binlogChangesCountRecordsAndPublishTheLastPositionEventAndLag() {
        metrics.polled(records(
                change(Kind.INSERT, 1, 500, 1_700_000_000L),
                change(Kind.UPDATE, 1, 600, 1_700_000_000L),
                // an update that moves the row to a new key: tombstone + new row
                new ChangeEvent(Kind.UPDATE, "inventory", "orders", key(2), row(2), row(1), at(700, 1_700_000_090L),
                        1_700_000_090_000L),
                change(Kind.DELETE, 2, 800, 1_700_000_095L)));

        assertEquals(5, streaming.getTotalNumberOfEventsSeen());
        assertEquals("mysql-bin.000004", streaming.getBinlogFilename());
        assertEquals(800, streaming.getBinlogPosition());
        assertEquals("inventory.orders delete at mysql-bin.000004:800", streaming.getLastEvent());
        assertEquals(5_000, streaming.getMilliSecondsBehindSource());

        metrics.polled(records(ChangeEvent.heartbeat(at(900, 0))));
        assertEquals(5, streaming.getTotalNumberOfEventsSeen());
        assertEquals(900, streaming.getBinlogPosition(), "heartbeats move the position");
        assertEquals("inventory.orders delete at mysql-bin.000004:800", streaming.getLastEvent());

        metrics.polled(records(change(Kind.INSERT, 3, 1000, NOW_MS / 1000 + 2)));
        assertEquals(0, streaming.getMilliSecondsBehindSource(), "a server clock ahead of ours is no negative lag");
        assertEquals("inventory.orders upsert at mysql-bin.000004:1000", streaming.getLastEvent());
        assertTrue(snapshot.getSnapshotCompleted(), "binlog offsets carry snapshot_completed=true");
        assertEquals(List.of(), log, "no snapshot ran in this task: no summary");
    }

    @Test
    void theInitialOnlyEndMarkerCompletesTheSnapshot() {
        metrics.snapshotStarts(Optional.empty());
        metrics.polled(snapshotRows("orders", 1, 2));
        metrics.polled(factory.snapshotOnlyCompleted());
        assertTrue(snapshot.getSnapshotCompleted());
        assertNull(streaming.getBinlogFilename(), "the marker holds no binlog position");
        assertEquals(List.of("Snapshot of 'shop' completed: 2 rows from 1 table in 0.0 s"), log);
    }

    @Test
    void progressIsLoggedEveryTenSecondsWhileTheSnapshotRuns() {
        metrics.snapshotStarts(Optional.of(Map.of("inventory.orders", 100L)));
        metrics.polled(List.of());
        clock.advance(1_000);
        metrics.polled(snapshotRows("orders", 1, 40));
        clock.advance(8_999);
        metrics.polled(List.of());
        assertEquals(List.of(), log);
        clock.advance(1);
        metrics.polled(List.of());
        clock.advance(4_000);
        metrics.polled(snapshotRows("orders", 41, 20));
        clock.advance(6_000);
        metrics.polled(List.of());
        // 40 rows from the start to the latest row (1 s): 40 rows/s, 60 rows left by the estimate: 1.5 s.
        // Then 60 rows in 14 s: 4.3 rows/s, 40 rows left: 9.3 s. Idle time after the latest row does not count.
        assertEquals(List.of(
                "Snapshot of 'shop': inventory.orders 40/~100 rows (40%), 1 of 1 table remaining, 40 rows/s, ETA 2 s",
                "Snapshot of 'shop': inventory.orders 60/~100 rows (60%), 1 of 1 table remaining, 4 rows/s, ETA 10 s"),
                log);
    }

    @Test
    void queueGaugesReadTheHandover() {
        assertEquals(8192, streaming.getQueueTotalCapacity());
        assertEquals(8000, streaming.getQueueRemainingCapacity());
        queueRemaining.set(0);
        assertEquals(0, streaming.getQueueRemainingCapacity());
        assertFalse(streaming.isConnected());
        metrics.jobRunning(true);
        assertTrue(streaming.isConnected());
        metrics.close();
        assertFalse(streaming.isConnected());
    }

    @Test
    void aStoredBinlogPositionMeansTheSnapshotCompletedEarlier() {
        var position = new StoredOffset.Streaming(at(4, 0));
        assertEquals(SnapshotAtStart.COMPLETED, TaskMetrics.snapshotAtStart(position, StartupMode.INITIAL));
        assertEquals(SnapshotAtStart.COMPLETED,
                TaskMetrics.snapshotAtStart(new StoredOffset.SnapshotOnlyCompleted(), StartupMode.INITIAL_ONLY));
        assertEquals(SnapshotAtStart.RUNS, TaskMetrics.snapshotAtStart(null, StartupMode.INITIAL));
        assertEquals(SnapshotAtStart.RUNS,
                TaskMetrics.snapshotAtStart(new StoredOffset.SnapshotRunning(), StartupMode.INITIAL_ONLY));
        assertEquals(SnapshotAtStart.NONE, TaskMetrics.snapshotAtStart(null, StartupMode.NO_DATA));
    }
}
