package io.mysqlflinkcdc.connect.offset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class OffsetCodecTest {

    private static StoredOffset roundTrip(StoredOffset offset) {
        return OffsetCodec.decode(OffsetCodec.encode(offset));
    }

    private static String decodeError(Map<String, ?> map) {
        return assertThrows(IllegalArgumentException.class, () -> OffsetCodec.decode(map)).getMessage();
    }

    @Test
    void snapshotMarkersRoundTrip() {
        assertEquals(new StoredOffset.SnapshotRunning(), roundTrip(new StoredOffset.SnapshotRunning()));
        assertEquals(new StoredOffset.SnapshotOnlyCompleted(), roundTrip(new StoredOffset.SnapshotOnlyCompleted()));
    }

    @Test
    void snapshotRunningIsEncodedAsSnapshotNotCompleted() {
        Map<String, Object> map = OffsetCodec.encode(new StoredOffset.SnapshotRunning());
        assertEquals(true, map.get(OffsetCodec.SNAPSHOT));
        assertEquals(false, map.get(OffsetCodec.SNAPSHOT_COMPLETED));
        assertEquals(2L, map.get(OffsetCodec.VERSION_KEY));
        assertFalse(map.containsKey(OffsetCodec.FILE));
    }

    @Test
    void streamingWithGtidsAndServerIdRoundTrips() {
        BinlogPosition position = new BinlogPosition("mysql-bin.000007", 4242, 3, 2,
                "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5", 1_700_000_123L, 223344L);
        StoredOffset decoded = roundTrip(new StoredOffset.Streaming(position));
        assertEquals(new StoredOffset.Streaming(position), decoded);
    }

    @Test
    void streamingWithoutGtidsAndServerIdRoundTripsAndOmitsThem() {
        BinlogPosition position = new BinlogPosition("mysql-bin.000001", 154, 0, 0, null, 0, null);
        Map<String, Object> map = OffsetCodec.encode(new StoredOffset.Streaming(position));
        assertFalse(map.containsKey(OffsetCodec.GTIDS));
        assertFalse(map.containsKey(OffsetCodec.SERVER_ID));
        assertEquals(true, map.get(OffsetCodec.SNAPSHOT_COMPLETED));
        assertEquals(154L, map.get(OffsetCodec.POS));
        assertEquals(new StoredOffset.Streaming(position), OffsetCodec.decode(map));
    }

    @Test
    void numbersAreReadFromIntegerLongAndString() {
        Map<String, Object> map = new HashMap<>();
        map.put("file", "mysql-bin.000002");
        map.put("pos", 154);            // Integer
        map.put("event", 2L);           // Long
        map.put("row", " 1 ");          // String, padded
        map.put("ts_sec", "1700000000");
        map.put("server_id", 7);
        BinlogPosition position = ((StoredOffset.Streaming) OffsetCodec.decode(map)).position();
        assertEquals(new BinlogPosition("mysql-bin.000002", 154, 2, 1, null, 1_700_000_000L, 7L), position);
    }

    @Test
    void debeziumMySqlConnectorOffsetIsReadAsStreaming() {
        Map<String, Object> debezium = Map.of("file", "mysql-bin.000003", "pos", 154, "row", 1, "event", 2,
                "ts_sec", 1_700_000_000, "server_id", 223344);
        StoredOffset decoded = OffsetCodec.decode(debezium);
        StoredOffset.Streaming streaming = assertInstanceOf(StoredOffset.Streaming.class, decoded);
        assertEquals(new BinlogPosition("mysql-bin.000003", 154, 2, 1, null, 1_700_000_000L, 223344L),
                streaming.position());
    }

    @Test
    void debeziumOffsetWrittenDuringItsSnapshotIsNotAResumablePosition() {
        assertEquals(new StoredOffset.SnapshotRunning(),
                OffsetCodec.decode(Map.of("file", "mysql-bin.000003", "pos", 154L, "snapshot", true)));
    }

    @Test
    void mapWithoutFileDecodesToSnapshotMarker() {
        assertEquals(new StoredOffset.SnapshotRunning(), OffsetCodec.decode(Map.of()));
        assertEquals(new StoredOffset.SnapshotOnlyCompleted(),
                OffsetCodec.decode(Map.of("snapshot_completed", "true")));
    }

    @Test
    void posWithoutFileIsRejected() {
        String message = decodeError(Map.of("pos", 154L));
        assertTrue(message.contains("'file'"), message);
    }

    @Test
    void fileWithoutPosIsRejected() {
        String message = decodeError(Map.of("file", "mysql-bin.000003"));
        assertTrue(message.contains("mysql-bin.000003") && message.contains("'pos'"), message);
    }

    @Test
    void nonNumericPosIsRejected() {
        String message = decodeError(Map.of("file", "mysql-bin.000003", "pos", "abc"));
        assertTrue(message.contains("'pos'") && message.contains("whole number") && message.contains("abc"), message);
    }

    @Test
    void negativePosIsRejected() {
        String message = decodeError(Map.of("file", "mysql-bin.000003", "pos", -1L));
        assertTrue(message.contains("'pos'") && message.contains("negative") && message.contains("-1"), message);
    }

    @Test
    void nonStringGtidsAreRejected() {
        String message = decodeError(Map.of("file", "mysql-bin.000003", "pos", 4L, "gtids", 12L));
        assertTrue(message.contains("'gtids'") && message.contains("string"), message);
    }

    @Test
    void newerOffsetVersionIsRejected() {
        String message = decodeError(Map.of("offset.version", 3L, "file", "mysql-bin.000003", "pos", 4L));
        assertTrue(message.contains("offset.version 3") && message.contains("newer"), message);
    }

    @Test
    void versionOneOffsetsStillDecode() {
        assertEquals(new StoredOffset.Streaming(new BinlogPosition("mysql-bin.000003", 4, 0, 0, null, 0, null)),
                OffsetCodec.decode(Map.of("offset.version", 1L, "file", "mysql-bin.000003", "pos", 4L)));
    }

    @Test
    void eachTableHasItsPartitionBesideTheLegacyOne() {
        assertEquals(Map.of("server", "inventory", "table", "shop.orders"),
                OffsetCodec.partition("inventory", "shop.orders"));
        assertEquals(Map.of("server", "inventory"), OffsetCodec.legacyPartition("inventory"));
        assertEquals(Optional.of("shop.orders"),
                OffsetCodec.tableOf("inventory", OffsetCodec.partition("inventory", "shop.orders")));
        assertEquals(Optional.empty(), OffsetCodec.tableOf("inventory", Map.of("server", "inventory")));
    }

    /**
     * Connect finds a stored offset by the JSON bytes of its partition, so the key order must not
     * depend on the JVM (Map.of's does): a restarted worker would not find the offsets.
     */
    @Test
    void partitionKeysComeInOneOrderAndTheOtherIsRefused() {
        assertEquals(List.of("server", "table"), List.copyOf(OffsetCodec.partition("inventory", "shop.orders").keySet()));
        Map<String, String> reversed = new java.util.LinkedHashMap<>();
        reversed.put("table", "shop.orders");
        reversed.put("server", "inventory");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> OffsetCodec.tableOf("inventory", reversed));
        assertTrue(error.getMessage().contains("{server=inventory, table=shop.orders}"), error.getMessage());
    }

    @Test
    void partitionsOfOtherConnectorsOrWithoutADottedTableAreRefused() {
        for (Map<String, ?> partition : List.of(Map.of("server", "other"),
                Map.of("server", "other", "table", "shop.orders"), Map.of("server", "inventory", "table", "orders"),
                Map.of("server", "inventory", "table", "shop.orders", "extra", "x"))) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> OffsetCodec.tableOf("inventory", partition), partition::toString);
            assertTrue(error.getMessage().contains("{server=inventory, table=<db>.<table>}"), error.getMessage());
        }
    }

    @Test
    void streamingWithTableSchemasRoundTripsAndLeavesThemOutWhenUnknown() {
        BinlogPosition position = new BinlogPosition("mysql-bin.000007", 4242, 0, 0, null, 0, null);
        StoredOffset.Streaming withSchemas = new StoredOffset.Streaming(position, "eJyrVkpUslIqSS0uUaoFAB9EBEo=");
        assertEquals(withSchemas, roundTrip(withSchemas));
        assertFalse(OffsetCodec.encode(new StoredOffset.Streaming(position)).containsKey(OffsetCodec.TABLE_SCHEMAS));
    }

    @Test
    void nonStringTableSchemasAreRejected() {
        assertTrue(decodeError(Map.of("file", "mysql-bin.000001", "pos", 4L, "table_schemas", 12L))
                .contains("table_schemas"));
    }

    @Test
    void aCheckpointPathFromOlderBuildsIsIgnored() {
        assertEquals(new StoredOffset.SnapshotRunning(), OffsetCodec.decode(Map.of("snapshot", true,
                "snapshot_completed", false, "snapshot_checkpoint", "/data/checkpoints/shop/0a1b/chk-7")));
    }

    @Test
    void snapshotProgressRoundTrips() {
        BinlogPosition watermark = new BinlogPosition("mysql-bin.000007", 4711, 0, 0, "a:1-5", 0, null);
        for (ChunkProgress progress : List.of(new ChunkProgress(12, "aced0005", watermark),
                new ChunkProgress(40, null, watermark))) {
            StoredOffset running = new StoredOffset.SnapshotRunning(progress);
            Map<String, Object> map = OffsetCodec.encode(running);
            assertEquals(false, map.get(OffsetCodec.SNAPSHOT_COMPLETED));
            assertEquals(running, OffsetCodec.decode(map));
        }
    }

    @Test
    void snapshotProgressWithoutWatermarkIsRefused() {
        String message = decodeError(Map.of("snapshot", true, "snapshot_completed", false,
                "snapshot_chunks_done", 3L));
        assertTrue(message.contains("snapshot_hw_file"), message);
    }

    @Test
    void aSnapshotAskedForAgainKeepsWhereItsTablesChangesAreReadFrom() {
        BinlogPosition since = new BinlogPosition("mysql-bin.000004", 1234, 2, 1, "3E11FA47-71CA-11E1-9E33-C80AA9429562:1-5",
                0, null);
        StoredOffset marked = new StoredOffset.SnapshotRunning(null, since);
        assertEquals(marked, roundTrip(marked));
        StoredOffset progressed = new StoredOffset.SnapshotRunning(new ChunkProgress(2, "[100]",
                new BinlogPosition("mysql-bin.000004", 5000, 0, 0, null, 0, null)), since);
        assertEquals(progressed, roundTrip(progressed));
        assertEquals("mysql-bin.000004", OffsetCodec.encode(marked).get("snapshot_since_file"));
    }
}
