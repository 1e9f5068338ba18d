package io.mysqlflinkcdc.connect.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class BufferSizingTest {

    private static final long BUDGET = 32L * 1024 * 1024;

    @Test
    void narrowRowsKeepTheConfiguredChunkAndDebeziumsQueues() {
        BufferSizing sizing = BufferSizing.of(BUDGET, 8096, Map.of("shop.orders", 180L, "shop.items", 90L));
        assertEquals(new BufferSizing(8096, 8192, 2048, "shop.orders", 180), sizing);
        assertFalse(sizing.narrowed(8096));
    }

    @Test
    void wideRowsGetChunksAndQueuesThatFitTheBudget() {
        BufferSizing sizing = BufferSizing.of(BUDGET, 8096, Map.of("shop.orders", 180L, "shop.blobs", 524_400L));
        assertEquals("shop.blobs", sizing.widestTable());
        assertEquals(63, sizing.chunkRows(), "63 rows of 512 KiB: 31.5 MiB per chunk");
        assertEquals(31, sizing.queueRecords(), "a binlog change holds the row twice");
        assertEquals(15, sizing.batchRecords());
        assertTrue(sizing.narrowed(8096));
    }

    @Test
    void aRowWiderThanTheBudgetStillMovesOneAtATime() {
        BufferSizing sizing = BufferSizing.of(BUDGET, 8096, Map.of("shop.huge", 100L * 1024 * 1024));
        assertEquals(1, sizing.chunkRows());
        assertEquals(2, sizing.queueRecords(), "Debezium needs a queue larger than its batch");
        assertEquals(1, sizing.batchRecords());
    }

    @Test
    void unknownWidthsKeepTheDefaults() {
        assertEquals(new BufferSizing(500, 8192, 2048, null, 0), BufferSizing.of(BUDGET, 500, Map.of("shop.t", 0L)));
    }
}
