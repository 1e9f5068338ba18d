package io.mysqlflinkcdc.connect.record;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import io.mysqlflinkcdc.connect.offset.OffsetCodec;

class SnapshotRowAcksTest {

    private static SourceRecord snapshotRow(int id) {
        return new SourceRecord(Map.of("table", "shop.orders"), Map.of(OffsetCodec.SNAPSHOT_COMPLETED, false),
                "orders", Schema.INT32_SCHEMA, id);
    }

    private static SourceRecord binlogRow(int id) {
        return new SourceRecord(Map.of("table", "shop.orders"), Map.of(OffsetCodec.SNAPSHOT_COMPLETED, true),
                "orders", Schema.INT32_SCHEMA, id);
    }

    @Test
    void snapshotRowsAreAllWrittenOnlyOnceConnectWroteEachHandedOne() {
        SnapshotRowAcks acks = new SnapshotRowAcks();
        assertTrue(acks.allWritten(), "nothing handed over");
        List<SourceRecord> batch = List.of(snapshotRow(1), binlogRow(2), snapshotRow(3));

        acks.handing(batch);
        assertFalse(acks.allWritten());
        acks.written(batch.get(2));
        acks.written(batch.get(1));
        assertFalse(acks.allWritten(), "one snapshot row is still in flight; a binlog row does not count");
        acks.written(batch.get(0));
        assertTrue(acks.allWritten());

        acks.handing(List.of(snapshotRow(4)));
        assertFalse(acks.allWritten(), "a later batch's rows are in flight again");
    }
}
