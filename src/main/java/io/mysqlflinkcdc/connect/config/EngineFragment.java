package io.mysqlflinkcdc.connect.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** Knobs of the embedded Flink CDC job and of the hand-over to Connect. */
public final class EngineFragment {

    public static final String GROUP = "Engine";

    public static final String SNAPSHOT_CHUNK_SIZE = "snapshot.chunk.size";
    public static final String SNAPSHOT_PARALLELISM = "snapshot.parallelism";
    public static final String SNAPSHOT_FETCH_SIZE = "snapshot.fetch.size";
    public static final String SNAPSHOT_BACKFILL_SKIP = "snapshot.backfill.skip";
    public static final String SNAPSHOT_CHUNK_READER = "snapshot.chunk.reader";
    public static final String MAX_QUEUE_SIZE = "max.queue.size";
    public static final String MAX_BATCH_SIZE = "max.batch.size";
    public static final String MAX_QUEUE_SIZE_IN_BYTES = "max.queue.size.in.bytes";
    public static final String POLL_INTERVAL_MS = "poll.interval.ms";
    public static final String SHUTDOWN_TIMEOUT_MS = "engine.shutdown.timeout.ms";
    public static final String RUNTIME = "engine.runtime";

    private EngineFragment() {
    }

    static void define(ConfigDef def) {
        int order = 0;
        def.define(SNAPSHOT_CHUNK_SIZE, Type.INT, 8096, Range.atLeast(1), Importance.MEDIUM,
                "Rows per snapshot chunk (Flink CDC's scan.incremental.snapshot.chunk.size). Each chunk is read "
                        + "without locks and reconciled with the binlog on its own.",
                GROUP, ++order, Width.SHORT, "Snapshot chunk size")
           .define(SNAPSHOT_PARALLELISM, Type.INT, 1, Range.between(1, 64), Importance.MEDIUM,
                "How many readers snapshot chunks in parallel. Needs that many ids in database.server.id.",
                GROUP, ++order, Width.SHORT, "Snapshot parallelism")
           .define(SNAPSHOT_FETCH_SIZE, Type.INT, 1024, Range.atLeast(1), Importance.LOW,
                "Deprecated, no effect: Flink CDC hands it to the MySQL driver as a chunk query's fetch size, "
                        + "which Connector/J ignores without server-side cursors, so a chunk's whole result is read "
                        + "at once. snapshot.chunk.size bounds it, and the task makes chunks of wide rows smaller "
                        + "by itself.",
                GROUP, ++order, Width.SHORT, "Snapshot fetch size")
           .define(SNAPSHOT_BACKFILL_SKIP, Type.BOOLEAN, true, Importance.MEDIUM,
                "true: each chunk's rows are sent as they are read, and changes made to them while the chunk "
                        + "was read arrive from the binlog right after the snapshot (at least once: such a row may "
                        + "briefly show an older value after a newer one; the compacted topic ends equal to the "
                        + "table). false: Flink CDC's backfill merges those changes into the chunk, which is held in "
                        + "memory until the chunk ends (each row once, at one consistent point; about 30% slower).",
                GROUP, ++order, Width.SHORT, "Skip snapshot backfill")
           .define(SNAPSHOT_CHUNK_READER, Type.STRING, "jdbc",
                ConfigDef.CaseInsensitiveValidString.in("jdbc", "debezium"), Importance.LOW,
                "How chunks are read when snapshot.backfill.skip=true. jdbc: one query per chunk on Flink CDC's "
                        + "fetcher thread, each row turned into its key and value by Debezium's table schema, "
                        + "without Debezium's snapshot task, queue and change envelope (faster, same values). "
                        + "debezium: Flink CDC's own chunk reader. With snapshot.backfill.skip=false chunks are "
                        + "always read by Flink CDC's reader.",
                GROUP, ++order, Width.SHORT, "Snapshot chunk reader")
           .define(MAX_QUEUE_SIZE, Type.INT, 2048, Range.atLeast(1), Importance.LOW,
                "Capacity, in records, of the bounded hand-over between the Flink job and Connect; when full, "
                        + "the Flink job waits (backpressure). Larger is not faster: snapshots ran 10% slower "
                        + "with 8192 (bench/README.md).",
                GROUP, ++order, Width.SHORT, "Hand-over capacity")
           .define(MAX_BATCH_SIZE, Type.INT, 2048, Range.atLeast(1), Importance.LOW,
                "Most records returned by one poll().",
                GROUP, ++order, Width.SHORT, "Max batch size")
           .define(MAX_QUEUE_SIZE_IN_BYTES, Type.LONG, 32L * 1024 * 1024, Range.atLeast(1024L * 1024), Importance.LOW,
                "Most bytes of rows each stage holds: a snapshot chunk as read from the server, the embedded "
                        + "Debezium queue, the hand-over to Connect and one poll() batch. For tables whose rows "
                        + "are wide (measured at start: the server's average row length, or a sample of 100 rows), "
                        + "snapshot chunks get fewer rows than snapshot.chunk.size and the queues fewer records, so "
                        + "that rows of hundreds of kilobytes fit a small worker heap; narrow tables are not affected.",
                GROUP, ++order, Width.SHORT, "Buffer bytes per stage")
           .define(POLL_INTERVAL_MS, Type.LONG, 500L, Range.between(1L, 60_000L), Importance.LOW,
                "Longest time poll() waits for a first record before returning an empty batch.",
                GROUP, ++order, Width.SHORT, "Poll wait (ms)")
           .define(SHUTDOWN_TIMEOUT_MS, Type.LONG, 30_000L, Range.atLeast(1_000L), Importance.LOW,
                "Longest time stop() waits for the embedded Flink job and mini-cluster to shut down.",
                GROUP, ++order, Width.SHORT, "Shutdown timeout (ms)")
           .define(RUNTIME, Type.STRING, "direct",
                ConfigDef.CaseInsensitiveValidString.in("direct", "mini-cluster"), Importance.LOW,
                "Where a task's Flink CDC job runs. direct: a job of one reader (snapshot.parallelism=1, and "
                        + "every job that only reads the binlog) runs Flink CDC's split enumerator and reader on "
                        + "threads of its own, without a Flink cluster; a job of more readers runs in an "
                        + "in-process Flink mini-cluster. mini-cluster: every job runs in a mini-cluster, whose "
                        + "start delays a fresh worker's first record by about 1.5 s.",
                GROUP, ++order, Width.SHORT, "Engine runtime");
    }
}
