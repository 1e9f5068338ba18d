package io.mysqlflinkcdc.connect.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

class SnapshotProgressTest {

    @Test
    void runningLineNamesTheCurrentTableWithItsShareAndTheEtaOfAllRowsLeft() {
        // 14000 rows from the start to the latest row, 4 s: 3500 rows/s; 11000 rows left by the estimates: 3.14 s.
        var progress = new SnapshotProgress("tpcds.store_sales", 12_000, 20_000, 14_000, 11_000, 2, 2, 4_000, 9_000);
        assertEquals(3500, progress.rowsPerSecond());
        assertEquals(OptionalLong.of(4), progress.etaSeconds());
        assertEquals("Snapshot of 'shop': tpcds.store_sales 12000/~20000 rows (60%), 2 of 2 tables remaining, "
                + "3500 rows/s, ETA 4 s", progress.runningLine("shop"));
    }

    @Test
    void shareIsCappedAtAHundredPercentWhenTheEstimateWasLow() {
        var progress = new SnapshotProgress("db.t", 1_500, 1_000, 1_500, 0, 1, 1, 1_000, 1_000);
        assertEquals("Snapshot of 'p': db.t 1500/~1000 rows (100%), 1 of 1 table remaining, 1500 rows/s, "
                + "ETA unknown (row estimates reached)",
                progress.runningLine("p"));
    }

    @Test
    void withoutEstimatesTheLineCountsRowsAndTablesSoFarAndHasNoEta() {
        var progress = new SnapshotProgress("db.t", 700, -1, 900, -1, 1, 2, 3_000, 5_000);
        assertEquals(OptionalLong.empty(), progress.etaSeconds());
        assertEquals("Snapshot of 'p': db.t 700 rows, 900 rows from 2 tables so far, 300 rows/s, ETA unknown",
                progress.runningLine("p"));
    }

    @Test
    void beforeTheFirstRowTheLineSaysSo() {
        var progress = new SnapshotProgress(null, 0, -1, 0, 5_000, 3, 3, 0, 10_000);
        assertEquals("Snapshot of 'p': no rows yet, 3 of 3 tables remaining, 0 rows/s, ETA unknown",
                progress.runningLine("p"));
    }

    @Test
    void longEtasReadAsMinutesOrHours() {
        // 100 rows/s, 250000 rows left: 2500 s.
        var progress = new SnapshotProgress("db.t", 1_000, 251_000, 1_000, 250_000, 1, 1, 10_000, 10_000);
        assertTrue(progress.runningLine("p").endsWith("100 rows/s, ETA 41 min 40 s"), progress.runningLine("p"));
        assertEquals("59 s", SnapshotProgress.duration(59));
        assertEquals("1 min 0 s", SnapshotProgress.duration(60));
        assertEquals("2 h 5 min", SnapshotProgress.duration(2 * 3600 + 5 * 60 + 59));
    }

    @Test
    void completedLineSumsUpRowsTablesAndDuration() {
        assertEquals("Snapshot of 'shop' completed: 25000 rows from 2 tables in 7.3 s",
                new SnapshotProgress("db.t", 5_000, 5_000, 25_000, 0, 0, 2, 6_000, 7_340).completedLine("shop"));
        assertEquals("Snapshot of 'shop' completed: 9 rows from 1 table in 2 min 5 s",
                new SnapshotProgress("db.t", 9, -1, 9, -1, 0, 1, 1_000, 125_400).completedLine("shop"));
    }
}
