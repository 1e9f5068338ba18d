package io.mysqlflinkcdc.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.junit.jupiter.api.Test;

import io.mysqlflinkcdc.connect.offset.BinlogPosition;
import io.mysqlflinkcdc.connect.offset.ChunkProgress;
import io.mysqlflinkcdc.connect.offset.OffsetCodec;
import io.mysqlflinkcdc.connect.offset.StoredOffset;

/** Where a table's changes are delivered up to, for a signal from the kafka channel. */
class TableOffsetsTest {

    private static final List<String> TABLES = List.of("shop.orders", "shop.lines", "shop.users");

    private static BinlogPosition at(long pos) {
        return new BinlogPosition("mysql-bin.000002", pos, 0, 0, null, 0, null);
    }

    private static OffsetStorageReader storing(Map<String, StoredOffset> byTable) {
        Map<Map<String, String>, Map<String, Object>> stored = new HashMap<>();
        byTable.forEach((table, offset) -> stored.put(OffsetCodec.partition("shop", table),
                new HashMap<>(OffsetCodec.encode(offset))));
        return new OffsetStorageReader() {
            @Override
            public <T> Map<String, Object> offset(Map<String, T> partition) {
                return stored.get(partition);
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
                Map<Map<String, T>, Map<String, Object>> found = new HashMap<>();
                partitions.forEach(partition -> found.put(partition, stored.get(partition)));
                return found;
            }
        };
    }

    @Test
    void aStreamingTableIsAtItsPositionAndOneJustSnapshottedWhereItWouldResume() {
        TableOffsets offsets = TableOffsets.read(storing(Map.of(
                "shop.orders", new StoredOffset.Streaming(at(500)),
                "shop.lines", new StoredOffset.SnapshotRunning(new ChunkProgress(3, null, at(300)), at(200)),
                "shop.users", new StoredOffset.SnapshotRunning(new ChunkProgress(1, "k10", at(300))))), "shop", TABLES);
        assertEquals(Optional.of(at(500)), offsets.deliveredAt("shop.orders"));
        assertEquals(Optional.of(at(200)), offsets.deliveredAt("shop.lines"), "since is before the watermark");
        assertEquals(Optional.empty(), offsets.deliveredAt("shop.users"), "its snapshot is under way");
        offsets.polled(List.of(new SourceRecord(OffsetCodec.partition("shop", "shop.users"),
                OffsetCodec.encode(new StoredOffset.SnapshotRunning(new ChunkProgress(2, null, at(350)))), "t",
                null, null, null, null)));
        assertEquals(Optional.of(at(350)), offsets.deliveredAt("shop.users"), "the last chunk was handed over");
        assertEquals(Map.of("shop.lines", at(200), "shop.users", at(350)), offsets.finishedSnapshots());
    }
}
