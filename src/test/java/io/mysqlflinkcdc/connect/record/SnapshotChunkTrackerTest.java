package io.mysqlflinkcdc.connect.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import io.mysqlflinkcdc.connect.event.ChangeEvent;
import io.mysqlflinkcdc.connect.event.ChangeEvent.Kind;
import io.mysqlflinkcdc.connect.offset.BinlogPosition;
import io.mysqlflinkcdc.connect.offset.ChunkProgress;
import io.mysqlflinkcdc.connect.offset.OffsetCodec;
import io.mysqlflinkcdc.connect.offset.StoredOffset;
import io.mysqlflinkcdc.connect.offset.TableResumePoints;

class SnapshotChunkTrackerTest {

    private static final Schema KEY = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).build();
    private static final String ORDERS = "inventory.orders";

    private final SourceRecordFactory factory = new SourceRecordFactory(RecordSettings.defaults("shop", "hb"),
            List.of(ORDERS), TableResumePoints.none());

    private static BinlogPosition at(long pos) {
        return new BinlogPosition("mysql-bin.000002", pos, 0, 0, null, 0, null);
    }

    /** Chunk {@code id} covers keys [id * 10, id * 10 + 10); the last (id 3) is unbounded. */
    private static SnapshotChunk chunk(int id, long watermark) {
        return new SnapshotChunk(ORDERS, id, id == 0 ? null : "k" + id * 10, id == 3 ? null : "k" + (id + 1) * 10,
                at(watermark));
    }

    private SourceRecord row(int id) {
        List<SourceRecord> out = new ArrayList<>();
        factory.toRecords(new ChangeEvent(Kind.SNAPSHOT_READ, "inventory", "orders", new Struct(KEY).put("id", id),
                new Struct(KEY).put("id", id), null, null, 0L), out::add);
        return out.get(0);
    }

    private SourceRecord done(SnapshotChunk chunk) {
        return factory.snapshotChunkCompleted(chunk);
    }

    private static ChunkProgress progress(SourceRecord record) {
        return ((StoredOffset.SnapshotRunning) OffsetCodec.decode(record.sourceOffset())).progress();
    }

    /**
     * Rows of one progress share its offset map instead of each copying it (a per-row cost of the
     * snapshot the profile showed); the rows' placeholder offset is never changed under them.
     */
    @Test
    void rowsOfOneProgressShareItsOffsetAndThePlaceholderStaysAsItWas() {
        SnapshotChunkTracker tracker = new SnapshotChunkTracker(Map.of());
        SourceRecord first = row(1);
        Map<String, ?> placeholder = first.sourceOffset();
        Map<String, Object> before = new java.util.HashMap<>(placeholder);
        SourceRecord second = row(2);
        SourceRecord marker = done(chunk(0, 100));
        SourceRecord third = row(11);
        tracker.apply(List.of(first, second, marker, third));
        assertEquals(before, placeholder, "the shared placeholder is unchanged");
        assertEquals(before, first.sourceOffset(), "no progress yet before the first chunk's marker");
        assertSame(marker.sourceOffset(), third.sourceOffset(), "the marker and the rows after it share one map");
        assertEquals(new ChunkProgress(1, "k10", at(100)), progress(third));
        assertThrows(UnsupportedOperationException.class, () -> ((Map<String, Object>) third.sourceOffset()).clear(),
                "a shared offset cannot be changed");
    }

    @Test
    void chunksDoneInOrderGrowTheProgressUntilTheTableIsDone() {
        SnapshotChunkTracker tracker = new SnapshotChunkTracker(Map.of());
        List<SourceRecord> batch = List.of(row(1), done(chunk(0, 500)), row(11), done(chunk(1, 400)), row(21));
        tracker.apply(batch);
        assertNull(progress(batch.get(0)), "nothing done before the first chunk's marker");
        assertEquals(new ChunkProgress(1, "k10", at(500)), progress(batch.get(1)));
        assertEquals(new ChunkProgress(1, "k10", at(500)), progress(batch.get(2)), "rows carry the progress so far");
        assertEquals(new ChunkProgress(2, "k20", at(400)), progress(batch.get(3)), "the earliest watermark");
        List<SourceRecord> rest = List.of(done(chunk(2, 600)), done(chunk(3, 700)));
        tracker.apply(rest);
        assertEquals(new ChunkProgress(4, null, at(400)), progress(rest.get(1)));
        assertTrue(progress(rest.get(1)).tableDone());
    }

    /**
     * Parallel readers: chunk 1's marker arrives while chunk 0's rows are still coming. The offsets
     * must not claim chunk 1 (nor anything after chunk 0) before chunk 0's marker has passed.
     */
    @Test
    void aChunkFinishedAheadCountsOnlyOnceTheChunksBeforeItAreDone() {
        SnapshotChunkTracker tracker = new SnapshotChunkTracker(Map.of());
        List<SourceRecord> batch = List.of(row(11), row(1), done(chunk(1, 300)), row(2), done(chunk(0, 350)),
                row(21));
        tracker.apply(batch);
        assertNull(progress(batch.get(2)), "chunk 1 alone proves nothing about chunk 0's rows");
        assertNull(progress(batch.get(3)), "a row of chunk 0 after chunk 1's marker");
        assertEquals(new ChunkProgress(2, "k20", at(300)), progress(batch.get(4)), "0 and 1 together");
        assertEquals(new ChunkProgress(2, "k20", at(300)), progress(batch.get(5)));
    }

    @Test
    void aTableSnapshottedAgainKeepsItsSinceInEveryOffsetAndIsDoneOnlyWithItsLastChunk() {
        SnapshotChunkTracker tracker = new SnapshotChunkTracker(Map.of(), Map.of(ORDERS, at(100)));
        List<SourceRecord> batch = List.of(row(1), done(chunk(0, 500)), row(11), done(chunk(1, 400)),
                done(chunk(2, 450)));
        tracker.apply(batch);
        StoredOffset first = OffsetCodec.decode(batch.get(0).sourceOffset());
        assertEquals(new StoredOffset.SnapshotRunning(null, at(100)), first, "before its first chunk, too");
        assertEquals(new StoredOffset.SnapshotRunning(new ChunkProgress(2, "k20", at(400)), at(100)),
                OffsetCodec.decode(batch.get(3).sourceOffset()));
        assertFalse(tracker.allDone(List.of(ORDERS)));
        tracker.apply(List.of(done(chunk(3, 700))));
        assertTrue(tracker.allDone(List.of(ORDERS)));
        assertFalse(tracker.allDone(List.of(ORDERS, "inventory.items")), "a table with no chunk done");
    }

    @Test
    void onlySnapshotsAskedForBySignalAndNotDoneAreOnDemandUntilForgotten() {
        SnapshotChunkTracker tracker = new SnapshotChunkTracker(Map.of("inventory.items",
                new ChunkProgress(1, "k10", at(50))), Map.of(ORDERS, at(100)));
        tracker.snapshotAgain("inventory.lines", at(120));
        assertEquals(Map.of(ORDERS, at(100), "inventory.lines", at(120)), tracker.onDemand(),
                "items continues an initial snapshot: no signal asked for it");
        tracker.apply(List.of(done(chunk(0, 500)), done(chunk(1, 400)), done(chunk(2, 450)), done(chunk(3, 700))));
        assertEquals(Map.of("inventory.lines", at(120)), tracker.onDemand(), "orders is done");
        tracker.forget("inventory.lines");
        assertEquals(Map.of(), tracker.onDemand());
    }

    @Test
    void aResumedSnapshotContinuesFromItsStoredProgress() {
        SnapshotChunkTracker tracker = new SnapshotChunkTracker(Map.of(ORDERS, new ChunkProgress(2, "k20", at(100))));
        List<SourceRecord> batch = List.of(row(25), done(chunk(2, 900)));
        tracker.apply(batch);
        assertEquals(new ChunkProgress(2, "k20", at(100)), progress(batch.get(0)));
        assertEquals(new ChunkProgress(3, "k30", at(100)), progress(batch.get(1)));
    }

    @Test
    void binlogRecordsAreLeftAlone() {
        SnapshotChunkTracker tracker = new SnapshotChunkTracker(Map.of(ORDERS, new ChunkProgress(2, "k20", at(100))));
        List<SourceRecord> out = new ArrayList<>();
        factory.toRecords(ChangeEvent.heartbeat(at(5000)), out::add);
        tracker.apply(out);
        assertEquals(new StoredOffset.Streaming(at(5000)), OffsetCodec.decode(out.get(0).sourceOffset()));
    }
}
