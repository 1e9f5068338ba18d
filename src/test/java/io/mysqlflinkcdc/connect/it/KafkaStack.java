package io.mysqlflinkcdc.connect.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.apache.kafka.common.Uuid;

/**
 * A real KRaft broker and a real distributed Connect worker of one Kafka version, as separate
 * processes on loopback ports, with the connector installed the way users install it: the built
 * plugin archive unzipped into a folder on the worker's plugin.path. {@link #addWorker()} grows
 * the Connect cluster: more workers in the same group (same group.id and storage topics).
 */
public final class KafkaStack implements AutoCloseable {

    private static final java.util.concurrent.atomic.AtomicInteger STACKS = new java.util.concurrent.atomic.AtomicInteger();

    private final String version;
    private final Path dir;
    private final int brokerPort;
    private final JavaProcess broker;
    /** Worker plugin.path: our unpacked archive, then any other plugin folders. */
    private final String pluginPath;
    private final String workerHeap;
    private final Map<String, String> extraWorkerProperties;
    /** The Connect cluster; the first is "the worker" of the single-worker methods. */
    private final List<ConnectWorker> workers = new ArrayList<>();

    private KafkaStack(String version, Path dir, int brokerPort, JavaProcess broker, String pluginPath,
                       String workerHeap, Map<String, String> extraWorkerProperties) {
        this.workerHeap = workerHeap;
        this.extraWorkerProperties = extraWorkerProperties;
        this.version = version;
        this.dir = dir;
        this.brokerPort = brokerPort;
        this.broker = broker;
        this.pluginPath = pluginPath;
    }

    public static KafkaStack start(String version) throws Exception {
        return start(version, "1g");
    }

    public static KafkaStack start(String version, String workerHeap) throws Exception {
        return start(version, workerHeap, Map.of());
    }

    /**
     * @param workerHeap            the worker's -Xmx (e.g. 512m)
     * @param extraWorkerProperties added to (or replacing) the worker's properties
     */
    public static KafkaStack start(String version, String workerHeap, Map<String, String> extraWorkerProperties)
            throws Exception {
        return start(version, workerHeap, extraWorkerProperties, List.of());
    }

    /** @param otherPluginPaths more plugin.path entries after ours: folders holding plugin folders (e.g. a peer's) */
    public static KafkaStack start(String version, String workerHeap, Map<String, String> extraWorkerProperties,
                                   List<Path> otherPluginPaths) throws Exception {
        Path dir = ItSettings.workDir().resolve("kafka-" + version + "-" + ProcessHandle.current().pid() + "-"
                + STACKS.incrementAndGet());
        MariaDbServer.deleteRecursively(dir);
        Files.createDirectories(dir);
        Path dist = ItSettings.kafkaDistribution(version);
        writeLogConfigs(dir);
        int brokerPort = Ports.free();
        int controllerPort = Ports.free();
        Path brokerProps = dir.resolve("server.properties");
        store(brokerProps, Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
                Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort),
                Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("log.dirs", dir.resolve("kafka-logs").toString()),
                Map.entry("num.partitions", "1"),
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                // Transactions past their timeout are aborted within 1 s instead of 10 s (exactly-once crash tests).
                Map.entry("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000"),
                Map.entry("auto.create.topics.enable", "false"),
                Map.entry("log.cleaner.backoff.ms", "1000")));
        List<String> logOptions = logOptions(dir, "broker");
        JavaProcess.run("kafka-storage format", dist, logOptions, "kafka.tools.StorageTool",
                List.of("format", "-t", Uuid.randomUuid().toString(), "-c", brokerProps.toString(), "--ignore-formatted"),
                dir.resolve("storage-format.log"));
        JavaProcess broker = JavaProcess.start("Kafka " + version + " broker", dist,
                concat(List.of("-Xms256m", "-Xmx512m"), logOptions), "kafka.Kafka", List.of(brokerProps.toString()),
                dir.resolve("broker.out"));
        List<String> pluginPath = new ArrayList<>(List.of(installPlugin(dir.resolve("plugins")).toString()));
        otherPluginPaths.forEach(other -> pluginPath.add(other.toAbsolutePath().toString()));
        KafkaStack stack = new KafkaStack(version, dir, brokerPort, broker, String.join(",", pluginPath), workerHeap,
                extraWorkerProperties);
        try {
            stack.addWorker();
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    /** Unzips the plugin archive, as a user would, into a folder that becomes plugin.path. */
    private static Path installPlugin(Path pluginPath) throws IOException {
        Files.createDirectories(pluginPath);
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(ItSettings.pluginArchive()))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                Path target = pluginPath.resolve(entry.getName()).normalize();
                if (!target.startsWith(pluginPath)) {
                    throw new IOException("archive entry outside the plugin folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(zip, target);
                }
            }
        }
        return pluginPath;
    }

    /**
     * Starts one more worker in the group (same group.id and storage topics) with its own REST and
     * JMX ports, tmp dir and log, and waits until its REST API is up. The first is named "worker",
     * the next "worker-2", "worker-3"... (their files in the stack's folder carry that name).
     */
    public ConnectWorker addWorker() throws Exception {
        return addWorkers(1).get(0);
    }

    /** Starts {@code count} more workers at once (see {@link #addWorker()}) and waits until all are up. */
    public List<ConnectWorker> addWorkers(int count) throws Exception {
        List<ConnectWorker> added = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = workers.isEmpty() ? "worker" : "worker-" + (workers.size() + 1);
            ConnectWorker worker = new ConnectWorker(name, version, dir, workerHeap, groupProperties());
            workers.add(worker);
            added.add(worker);
        }
        startAtOnce(added);
        return added;
    }

    private static void startAtOnce(List<ConnectWorker> workers) throws Exception {
        for (ConnectWorker worker : workers) {
            worker.launch();
        }
        for (ConnectWorker worker : workers) {
            worker.awaitReady();
        }
    }

    private Map<String, String> groupProperties() {
        Map<String, String> properties = new java.util.HashMap<>(Map.ofEntries(
                Map.entry("bootstrap.servers", bootstrapServers()),
                Map.entry("group.id", "mysql-flink-cdc-it"),
                Map.entry("config.storage.topic", "connect-configs"),
                Map.entry("offset.storage.topic", "connect-offsets"),
                Map.entry("status.storage.topic", "connect-status"),
                Map.entry("config.storage.replication.factor", "1"),
                Map.entry("offset.storage.replication.factor", "1"),
                Map.entry("status.storage.replication.factor", "1"),
                Map.entry("key.converter", "org.apache.kafka.connect.json.JsonConverter"),
                Map.entry("value.converter", "org.apache.kafka.connect.json.JsonConverter"),
                Map.entry("key.converter.schemas.enable", "false"),
                Map.entry("value.converter.schemas.enable", "false"),
                Map.entry("rest.advertised.host.name", "127.0.0.1"),
                Map.entry("plugin.path", pluginPath),
                Map.entry("offset.flush.interval.ms", "1000"),
                // ${file:/path:key} in connector configs, for secrets kept out of the config.
                Map.entry("config.providers", "file"),
                Map.entry("config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider"),
                Map.entry("scheduled.rebalance.max.delay.ms", "0"),
                Map.entry("task.shutdown.graceful.timeout.ms", "30000")));
        properties.putAll(extraWorkerProperties);
        return properties;
    }

    /** The workers of the Connect cluster, in the order they were added. */
    public List<ConnectWorker> workers() {
        return List.copyOf(workers);
    }

    /** The worker a connector status names by its worker_id ("127.0.0.1:<restPort>"). */
    public ConnectWorker worker(String workerId) {
        return workers.stream().filter(w -> w.id().equals(workerId)).findFirst()
                .orElseThrow(() -> new AssertionError("no worker " + workerId + " in " + workers));
    }

    /** The worker that the connector's status says runs task {@code task}. */
    public ConnectWorker workerRunning(String connector, int task) throws Exception {
        for (var status : rest().status(connector).path("tasks")) {
            if (status.path("id").asInt() == task) {
                return worker(status.path("worker_id").asText());
            }
        }
        throw new AssertionError("no status for task " + task + " of " + connector);
    }

    /** Starts every worker that is not running (e.g. after {@link ConnectWorker#kill()}), all at once. */
    public void startStoppedWorkers() throws Exception {
        startAtOnce(workers.stream().filter(worker -> !worker.isAlive()).toList());
    }

    /** (Re)starts the first Connect worker process; state lives in Kafka topics, so it survives a restart. */
    public void startWorker() throws Exception {
        workers.get(0).start();
    }

    /** kill -9 of the first worker process: no shutdown hook, no final offset commit. */
    public void killWorker() throws InterruptedException {
        workers.get(0).kill();
    }

    public void stopWorker() {
        workers.get(0).close();
    }

    public String version() {
        return version;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    /** The REST API of the first running worker (any worker serves the whole cluster). */
    public ConnectRest rest() {
        return workers.stream().filter(ConnectWorker::isAlive).findFirst().orElse(workers.get(0)).rest();
    }

    /** JMX service URL of the first worker (loopback, no auth). */
    public String workerJmxUrl() {
        return workers.get(0).jmxUrl();
    }

    public long workerPid() {
        return workers.get(0).pid();
    }

    /** Folder the first worker uses as java.io.tmpdir (where the embedded Flink puts its scratch files). */
    public Path workerTmpDir() {
        return workers.get(0).tmpDir();
    }

    public Path workerLog() {
        return workers.get(0).log();
    }

    /** Stops the workers (all at once: a Kafka 4.4 worker can take a minute on SIGTERM), then the broker. */
    @Override
    public void close() {
        workers.forEach(ConnectWorker::requestStop);
        workers.forEach(ConnectWorker::close);
        broker.close();
    }

    private static void writeLogConfigs(Path dir) throws IOException {
        // Kafka 3.x reads log4j 1 properties, 4.x reads log4j2 properties; give both, each logs to a file.
        Files.writeString(dir.resolve("log4j.properties"), String.join("\n",
                "log4j.rootLogger=INFO, file",
                "log4j.appender.file=org.apache.log4j.FileAppender",
                "log4j.appender.file.File=${kafka.log.file}",
                "log4j.appender.file.layout=org.apache.log4j.PatternLayout",
                "log4j.appender.file.layout.ConversionPattern=[%d] %p %X{connector.context}%m (%c)%n",
                "log4j.logger.org.apache.kafka.clients=WARN",
                "log4j.logger.org.apache.flink=WARN",
                "log4j.logger.org.apache.flink.cdc=INFO",
                "log4j.logger.org.reflections=ERROR", ""));
        Files.writeString(dir.resolve("log4j2.properties"), String.join("\n",
                "rootLogger.level=INFO",
                "rootLogger.appenderRef.file.ref=file",
                "appender.file.type=File",
                "appender.file.name=file",
                "appender.file.fileName=${sys:kafka.log.file}",
                "appender.file.layout.type=PatternLayout",
                "appender.file.layout.pattern=[%d] %p %X{connector.context}%m (%c)%n",
                "logger.clients.name=org.apache.kafka.clients",
                "logger.clients.level=WARN",
                "logger.flink.name=org.apache.flink",
                "logger.flink.level=WARN",
                "logger.cdc.name=org.apache.flink.cdc",
                "logger.cdc.level=INFO",
                "logger.reflections.name=org.reflections",
                "logger.reflections.level=ERROR", ""));
    }

    static List<String> logOptions(Path dir, String name) {
        return List.of("-Dkafka.log.file=" + dir.resolve(name + ".log"),
                "-Dlog4j.configuration=file:" + dir.resolve("log4j.properties"),
                "-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties"));
    }

    static void store(Path file, Map<String, String> values) throws IOException {
        Properties props = new Properties();
        props.putAll(values);
        try (var out = Files.newOutputStream(file)) {
            props.store(out, null);
        }
    }

    static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

}
