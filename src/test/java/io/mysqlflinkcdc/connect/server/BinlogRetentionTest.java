package io.mysqlflinkcdc.connect.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class BinlogRetentionTest {

    @Test
    void shortRetentionForABigTableIsWarnedAboutWithTheRetentionNeeded() {
        // 100 M rows at 4,000 rows/s on one reader: ~7 h of snapshot, so 14 h of binlog are asked for.
        String warning = BinlogRetention.warning(Duration.ofHours(6), 100_000_000, 1).orElseThrow();
        assertTrue(warning.contains("21600 s") && warning.contains("25001 s") && warning.contains("50002 s"), warning);
        assertTrue(warning.contains("snapshot.mode=when_needed"), warning);
    }

    @Test
    void enoughRetentionNeverExpiringBinlogsOrNoRowsAreFine() {
        assertEquals(Optional.empty(), BinlogRetention.warning(Duration.ofDays(7), 100_000_000, 1));
        assertEquals(Optional.empty(), BinlogRetention.warning(Duration.ZERO, 100_000_000, 1));
        assertEquals(Optional.empty(), BinlogRetention.warning(Duration.ofMinutes(5), 0, 1));
    }

    @Test
    void evenASmallSnapshotWantsAnHourOfMargin() {
        assertTrue(BinlogRetention.warning(Duration.ofMinutes(30), 1_000, 1).isPresent());
        assertEquals(Optional.empty(), BinlogRetention.warning(Duration.ofHours(2), 1_000, 4));
    }
}
