package io.mysqlflinkcdc.connect.engine;

import java.util.Map;

/**
 * Row counts that keep each buffering stage of a job within max.queue.size.in.bytes for its widest
 * rows: a snapshot chunk (the MySQL driver holds a chunk's whole result), the embedded Debezium
 * queue and its batches (a binlog change carries its row twice, before and after). For narrow
 * rows these are the configured chunk size and Debezium's defaults.
 *
 * @param widestTable    the table with the widest rows, or null when none is known
 * @param widestRowBytes its bytes per row (0 when unknown)
 */
public record BufferSizing(int chunkRows, int queueRecords, int batchRecords, String widestTable,
                           long widestRowBytes) {

    /** Debezium's defaults, which Flink CDC's binlog reader uses. */
    static final int DEBEZIUM_QUEUE = 8192;
    static final int DEBEZIUM_BATCH = 2048;

    /** @param rowBytes bytes per row of each table the job reads (tables may be missing) */
    public static BufferSizing of(long budgetBytes, int chunkSize, Map<String, Long> rowBytes) {
        Map.Entry<String, Long> widest = rowBytes.entrySet().stream().filter(e -> e.getValue() > 0)
                .max(Map.Entry.comparingByValue()).orElse(null);
        if (widest == null) {
            return new BufferSizing(chunkSize, DEBEZIUM_QUEUE, DEBEZIUM_BATCH, null, 0);
        }
        long width = widest.getValue();
        int chunkRows = (int) Math.max(1, Math.min(chunkSize, budgetBytes / width));
        int queue = (int) Math.max(2, Math.min(DEBEZIUM_QUEUE, budgetBytes / (2 * width)));
        int batch = Math.max(1, Math.min(DEBEZIUM_BATCH, queue / 2));
        return new BufferSizing(chunkRows, queue, batch, widest.getKey(), width);
    }

    /** Whether wide rows made any stage smaller than configured. */
    public boolean narrowed(int chunkSize) {
        return chunkRows < chunkSize || queueRecords < DEBEZIUM_QUEUE;
    }
}
