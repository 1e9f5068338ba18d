package io.mysqlflinkcdc.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mysqlflinkcdc.connect.it.KafkaStack;
import io.mysqlflinkcdc.connect.it.TestDatabase;
import io.mysqlflinkcdc.connect.it.TpcdsTables;

/** The five workloads of bench/README.md, each run for one contender and recorded into Samples. */
final class Workloads {

    static final String SNAPSHOT_RATE = "Snapshot rows/s (PUT → last record)";
    static final String SNAPSHOT_WARM_RATE = "Snapshot rows/s, second half (JIT warm: middle → last record)";
    static final String FIRST_RECORD = "PUT → first record (s)";
    static final String BINLOG_RATE = "Binlog events/s (backlog read after a resume, first → last record)";
    static final String BINLOG_RESUME = "Binlog backlog: resume → last record (s)";
    static final String BINLOG_RECORDS = "Binlog backlog: records delivered";
    static final String LATENCY = "Commit → Kafka append at %d rows/s, p%s (ms)";
    static final String SNAPSHOT_CPU = "Worker CPU seconds, PUT → last record (all threads)";
    static final String RSS_IDLE = "Worker RSS before PUT (MB)";
    static final String RSS_PEAK = "Worker RSS peak during snapshot (MB)";
    static final String RSS_STREAMING = "Worker RSS, one task streaming (MB)";
    static final String HEAP_STREAMING = "Worker heap after GC, one task streaming (MB)";
    static final String MULTI_TABLE_RATE = "Multi-table snapshot rows/s (PUT → last record of the last table)";
    /** The tables of workload 6: copies of the first rows of store_sales. */
    static final int MULTI_TABLES = 4;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger RUNS = new AtomicInteger();
    private static final AtomicInteger SERVER_IDS = new AtomicInteger(6400);

    private final BenchSettings settings;
    private final KafkaStack stack;
    private final TestDatabase db;
    private final TopicWatch topics;
    private final Samples samples;
    private final Map<String, String> producerSettings;
    /** With bench.profile: per profiled snapshot or binlog backlog, its per-row cost breakdown (markdown). */
    private final Map<String, String> profiles = new java.util.LinkedHashMap<>();

    Workloads(BenchSettings settings, KafkaStack stack, TestDatabase db, TopicWatch topics, Samples samples,
              Map<String, String> producerSettings) {
        this.settings = settings;
        this.stack = stack;
        this.db = db;
        this.topics = topics;
        this.samples = samples;
        this.producerSettings = producerSettings;
    }

    /** Workload 5's column name for a contender at a snapshot parallelism. */
    static String column(Contender contender, int parallelism) {
        return parallelism == 1 ? contender.label() : contender.label() + " p=" + parallelism;
    }

    /** Workload 1 for the copy limit. */
    void copyLimit() throws Exception {
        String topic = "bench-copy-" + RUNS.incrementAndGet();
        topics.create(topic);
        long start = System.currentTimeMillis();
        long rows = CopyLimit.copy(db, "store_sales", TpcdsTables.SALES_KEY, stack.bootstrapServers(), topic,
                producerSettings);
        recordSnapshot("copy limit", topic, rows, start);
    }

    /** Workloads 1, 4 and 5: snapshot of store_sales on a freshly started worker. */
    void snapshot(Contender contender, int parallelism) throws Exception {
        stack.stopWorker();
        stack.startWorker();
        Thread.sleep(2_000);
        String column = column(contender, parallelism);
        long pid = stack.workerPid();
        if (parallelism == 1) {
            samples.add(RSS_IDLE, column, WorkerMemory.rss(pid) / 1e6);
        }
        String prefix = "snap" + RUNS.incrementAndGet();
        String topic = Contender.topic(prefix, db, "store_sales");
        topics.create(topic);
        topics.create(contender.heartbeatTopic(prefix));
        String name = "bench-" + prefix;
        try (WorkerMemory.PeakRss peak = new WorkerMemory.PeakRss(pid)) {
            ProfileSpan profile = settings.profile() ? ProfileSpan.start(pid) : null;
            double cpuBefore = WorkerCpu.seconds(pid);
            long start = System.currentTimeMillis();
            stack.rest().createConnector(name, contender.config(db, "store_sales", prefix,
                    SERVER_IDS.getAndAdd(parallelism), parallelism, true, stack.bootstrapServers()));
            topics.awaitCount(topic, settings.snapshotRows(), Duration.ofMinutes(30), () -> healthy(name));
            double cpu = WorkerCpu.seconds(pid) - cpuBefore;
            samples.add(SNAPSHOT_CPU, column, cpu);
            System.out.printf("  %-28s worker CPU from the PUT to the last record: %.1f s%n", column, cpu);
            if (profile != null) {
                profiles.put(column, profile.tables(column, settings.snapshotRows(), prefix));
            }
            recordSnapshot(column, topic, settings.snapshotRows(), start);
            if (parallelism == 1) {
                samples.add(RSS_PEAK, column, peak.peak() / 1e6);
                Thread.sleep(5_000);
                samples.add(HEAP_STREAMING, column, WorkerMemory.heapAfterGc(stack.workerJmxUrl()) / 1e6);
                samples.add(RSS_STREAMING, column, WorkerMemory.rss(pid) / 1e6);
            }
        } finally {
            stack.rest().deleteConnector(name);
        }
    }

    /** The breakdowns of the profiled snapshots and backlogs, by column (empty without bench.profile). */
    Map<String, String> profiles() {
        return profiles;
    }

    /** Workload 6's column name for a tasks.max value. */
    static String tasksColumn(int tasks) {
        return "tasks.max=" + tasks;
    }

    /** Creates workload 6's tables (once per run): MULTI_TABLES copies of the first rows of store_sales. */
    void createMultiTables() throws Exception {
        for (int i = 1; i <= MULTI_TABLES; i++) {
            db.execute("DROP TABLE IF EXISTS multi_" + i, "CREATE TABLE multi_" + i + " LIKE store_sales",
                    "INSERT INTO multi_" + i + " SELECT * FROM store_sales WHERE ss_ticket_number <= "
                            + multiTableRows());
        }
    }

    private int multiTableRows() {
        return Math.min(settings.multiTableRows(), settings.snapshotRows());
    }

    /**
     * Workload 6: the snapshot of MULTI_TABLES equal tables by our connector with {@code tasks}
     * tasks (one snapshot reader each) on a freshly started worker; rows/s over all tables.
     */
    void multiTableSnapshot(int tasks) throws Exception {
        stack.stopWorker();
        stack.startWorker();
        Thread.sleep(2_000);
        String prefix = "multi" + RUNS.incrementAndGet();
        List<String> tableTopics = new java.util.ArrayList<>();
        for (int i = 1; i <= MULTI_TABLES; i++) {
            tableTopics.add(Contender.topic(prefix, db, "multi_" + i));
            topics.create(tableTopics.get(i - 1));
        }
        topics.create(Contender.OURS.heartbeatTopic(prefix));
        String name = "bench-" + prefix;
        int firstServerId = SERVER_IDS.getAndAdd(tasks);
        Map<String, String> config = Contender.OURS.config(db, "multi_.*", prefix, firstServerId, 1, true,
                stack.bootstrapServers());
        config.put("tasks.max", Integer.toString(tasks));
        config.put("database.server.id", firstServerId + "-" + (firstServerId + tasks - 1)); // one id per task
        try {
            long start = System.currentTimeMillis();
            stack.rest().createConnector(name, config);
            long last = 0;
            for (String topic : tableTopics) {
                topics.awaitCount(topic, multiTableRows(), Duration.ofMinutes(30), () -> healthy(name));
                last = Math.max(last, topics.recordAt(topic, multiTableRows() - 1).timestamp());
            }
            long rows = (long) MULTI_TABLES * multiTableRows();
            double rate = rows * 1000.0 / Math.max(1, last - start);
            samples.add(MULTI_TABLE_RATE, tasksColumn(tasks), rate);
            System.out.printf("  %-28s snapshot of %d tables x %,d rows: %,.0f rows/s%n", tasksColumn(tasks),
                    MULTI_TABLES, multiTableRows(), rate);
        } finally {
            stack.rest().deleteConnector(name);
        }
    }

    private void recordSnapshot(String column, String topic, long rows, long start) {
        long first = topics.recordAt(topic, 0).timestamp();
        long middle = topics.recordAt(topic, rows / 2).timestamp();
        long last = topics.recordAt(topic, rows - 1).timestamp();
        double rate = rows * 1000.0 / Math.max(1, last - start);
        // A fresh worker compiles the whole path while the snapshot runs (bench/README.md, "JIT"):
        // the second half shows the per-row path once most of it is compiled.
        double warmRate = (rows - 1 - rows / 2) * 1000.0 / Math.max(1, last - middle);
        double firstSeconds = (first - start) / 1000.0;
        samples.add(SNAPSHOT_RATE, column, rate);
        samples.add(SNAPSHOT_WARM_RATE, column, warmRate);
        samples.add(FIRST_RECORD, column, firstSeconds);
        System.out.printf("  %-28s snapshot of %,d rows: %,.0f rows/s (second half %,.0f), first record after %.1f s%n",
                column, rows, rate, warmRate, firstSeconds);
    }

    /**
     * Workload 2: a backlog of mixed changes, written as fast as one connection can while the
     * connector is stopped (so the writer never limits it), then read after a resume.
     */
    void binlog(Contender contender) throws Exception {
        String table = "churn_" + RUNS.incrementAndGet();
        long prefill = 20_000;
        db.execute("CREATE TABLE " + table + " LIKE store_sales",
                "INSERT INTO " + table + " SELECT * FROM store_sales WHERE ss_ticket_number <= " + prefill);
        try (StreamingRun run = new StreamingRun(contender, table)) {
            stack.rest().stopConnector(run.name);
            run.writer.writeMixed(settings.binlogEvents(), prefill, 100_000_000L);
            ProfileSpan profile = settings.profile() ? ProfileSpan.start(stack.workerPid()) : null;
            long resumed = System.currentTimeMillis();
            stack.rest().resumeConnector(run.name);
            ConsumerRecord<byte[], byte[]> last = run.awaitSentinel(settings.binlogEvents());
            if (profile != null) {
                String column = contender.label() + ", binlog backlog";
                profiles.put(column, profile.tables(column, settings.binlogEvents(), table));
            }
            long first = topics.recordAt(run.topic, run.base).timestamp();
            double rate = settings.binlogEvents() * 1000.0 / Math.max(1, last.timestamp() - first);
            samples.add(BINLOG_RATE, contender.label(), rate);
            samples.add(BINLOG_RESUME, contender.label(), (last.timestamp() - resumed) / 1000.0);
            samples.add(BINLOG_RECORDS, contender.label(), last.offset() - run.base);
            System.out.printf("  %-28s binlog: %,d changes → %,d records at %,.0f events/s, resume → last record %.1f s%n",
                    contender.label(), settings.binlogEvents(), last.offset() - run.base, rate,
                    (last.timestamp() - resumed) / 1000.0);
        } finally {
            db.execute("DROP TABLE " + table);
        }
    }

    /** Workload 3: inserts at a fixed rate, 50 rows per transaction; latency from commit to append. */
    void latency(Contender contender) throws Exception {
        String table = "paced_" + RUNS.incrementAndGet();
        db.execute("CREATE TABLE " + table + " LIKE store_sales");
        int perCommit = 50;
        int commits = settings.latencyRowsPerSecond() * settings.latencySeconds() / perCommit;
        long intervalNanos = 1_000_000_000L * perCommit / settings.latencyRowsPerSecond();
        long[] committedAt = new long[commits];
        try (StreamingRun run = new StreamingRun(contender, table)) {
            long start = System.nanoTime();
            for (int i = 0; i < commits; i++) {
                long due = start + i * intervalNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                run.writer.insertCommitted(1L + (long) i * perCommit, perCommit);
                committedAt[i] = System.currentTimeMillis();
            }
            run.awaitSentinel(commits * perCommit);
            long warmUpEnd = committedAt[0] + 5_000;
            List<Long> latencies = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> record : topics.read(run.topic, run.base, Long.MAX_VALUE)) {
                long ticket = ticket(record);
                if (ticket > 0) {
                    int commit = (int) ((ticket - 1) / perCommit);
                    if (committedAt[commit] >= warmUpEnd) {
                        latencies.add(record.timestamp() - committedAt[commit]);
                    }
                }
            }
            recordLatency(contender, latencies);
        } finally {
            db.execute("DROP TABLE " + table);
        }
    }

    private void recordLatency(Contender contender, List<Long> latencies) {
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        for (String p : List.of("50", "95", "99")) {
            samples.add(String.format(LATENCY, settings.latencyRowsPerSecond(), p), contender.label(),
                    Samples.percentile(sorted, Double.parseDouble(p)));
        }
        System.out.printf("  %-28s latency over %,d rows: p50 %.0f ms, p99 %.0f ms%n", contender.label(),
                sorted.length, Samples.percentile(sorted, 50), Samples.percentile(sorted, 99));
    }

    static long ticket(ConsumerRecord<byte[], byte[]> record) {
        try {
            JsonNode key = JSON.readTree(record.key());
            return key.get("ss_item_sk") == null ? Long.MIN_VALUE : key.get("ss_ticket_number").asLong();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable key in " + record.topic() + "@" + record.offset(), e);
        }
    }

    /** Throws with the connector's status when it or its task failed. */
    private Object healthy(String name) throws Exception {
        var response = stack.rest().get("/connectors/" + name + "/status");
        String status = response.text();
        if (response.status() == 200 && status.contains("\"FAILED\"")) {
            throw new IllegalStateException("connector " + name + " failed: " + status);
        }
        return status;
    }

    /**
     * A connector capturing one table from the binlog's end (no snapshot), started and confirmed to
     * stream: marker rows are written until one arrives in the topic.
     */
    private final class StreamingRun implements AutoCloseable {
        final String name;
        final String topic;
        final ChangeWriter writer;
        final long base;

        StreamingRun(Contender contender, String table) throws Exception {
            String prefix = "live" + RUNS.incrementAndGet();
            name = "bench-" + prefix;
            topic = Contender.topic(prefix, db, table);
            topics.create(topic);
            topics.create(contender.heartbeatTopic(prefix));
            stack.rest().createConnector(name, contender.config(db, table, prefix, SERVER_IDS.getAndAdd(1), 1, false,
                    stack.bootstrapServers()));
            writer = new ChangeWriter(db, table);
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            for (long marker = ChangeWriter.MARKER_TICKETS - 1; topics.endOffset(topic) == 0; marker--) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(name + " did not stream a change within 2 minutes: " + healthy(name));
                }
                writer.insertCommitted(marker, 1);
                Thread.sleep(500);
            }
            Thread.sleep(1_000);
            base = topics.endOffset(topic);
        }

        /** Writes the end sentinel after {@code changes} changes and waits until it is in Kafka. */
        ConsumerRecord<byte[], byte[]> awaitSentinel(int changes) throws Exception {
            writer.insertCommitted(ChangeWriter.MARKER_TICKETS, 1);
            // A contender may deliver a few records fewer or more (one per change is the aim); the
            // sentinel, not the count, says when it is done.
            long from = base + changes - changes / 100;
            topics.awaitCount(topic, from, Duration.ofMinutes(20), () -> healthy(name));
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : topics.read(topic, from, Long.MAX_VALUE)) {
                    if (ticket(record) == ChangeWriter.MARKER_TICKETS) {
                        return record;
                    }
                    from = record.offset() + 1;
                }
                Thread.sleep(200);
            }
            throw new IllegalStateException("the end sentinel never reached " + topic);
        }

        @Override
        public void close() throws Exception {
            writer.close();
            stack.rest().deleteConnector(name);
        }
    }
}
