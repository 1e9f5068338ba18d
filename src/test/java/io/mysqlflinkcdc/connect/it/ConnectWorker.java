package io.mysqlflinkcdc.connect.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One distributed Connect worker process of a {@link KafkaStack}: the group's properties plus its
 * own REST port (its worker_id in connector status is {@code 127.0.0.1:<restPort>}), JMX port,
 * java.io.tmpdir and log file, all named after it (worker.log, worker-tmp, ...). Ports and folders
 * stay the same across restarts, so a restarted worker rejoins its group as the same worker.
 */
public final class ConnectWorker implements AutoCloseable {

    private final String name;
    private final String version;
    private final Path dir;
    private final String heap;
    private final Map<String, String> groupProperties;
    private final int restPort = Ports.free();
    private final int jmxPort = Ports.free();
    private final ConnectRest rest;
    private JavaProcess process;

    ConnectWorker(String name, String version, Path dir, String heap, Map<String, String> groupProperties) {
        this.name = name;
        this.version = version;
        this.dir = dir;
        this.heap = heap;
        this.groupProperties = Map.copyOf(groupProperties);
        this.rest = new ConnectRest("http://127.0.0.1:" + restPort);
    }

    /** (Re)starts the process and waits until its REST API lists the plugin; state lives in Kafka topics. */
    public void start() throws Exception {
        launch();
        awaitReady();
    }

    /** Starts the process without waiting for it (to start several workers at once). */
    void launch() throws Exception {
        Files.createDirectories(tmpDir());
        Path properties = dir.resolve(name + ".properties");
        Map<String, String> values = new HashMap<>(groupProperties);
        values.put("listeners", "http://127.0.0.1:" + restPort);
        KafkaStack.store(properties, values);
        process = JavaProcess.start("Kafka " + version + " Connect " + name, ItSettings.kafkaDistribution(version),
                KafkaStack.concat(List.of("-Xms256m", "-Xmx" + heap, "-Djava.io.tmpdir=" + tmpDir(),
                        // JMX on loopback only, so tests can read the connector's MBeans as an operator would.
                        "-Dcom.sun.management.jmxremote.port=" + jmxPort,
                        "-Dcom.sun.management.jmxremote.rmi.port=" + jmxPort,
                        "-Dcom.sun.management.jmxremote.host=127.0.0.1",
                        "-Djava.rmi.server.hostname=127.0.0.1",
                        "-Dcom.sun.management.jmxremote.authenticate=false",
                        "-Dcom.sun.management.jmxremote.ssl=false"),
                        KafkaStack.concat(KafkaStack.logOptions(dir, name), ItSettings.workerJvmOptions())),
                "org.apache.kafka.connect.cli.ConnectDistributed", List.of(properties.toString()),
                dir.resolve(name + ".out"));
    }

    /** Waits until the REST API of the process {@link #launch()} started lists the plugin. */
    void awaitReady() throws Exception {
        rest.awaitReady(Duration.ofSeconds(120), process);
    }

    /** kill -9: no shutdown hook, no final offset commit, no leaving the group. */
    public void kill() throws InterruptedException {
        process.killHard();
    }

    /** SIGTERM without waiting, so that several workers stop at once; {@link #close()} then waits. */
    void requestStop() {
        if (process != null) {
            process.requestStop();
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The worker_id that connector status gives for connectors and tasks this worker runs. */
    public String id() {
        return "127.0.0.1:" + restPort;
    }

    public ConnectRest rest() {
        return rest;
    }

    /** JMX service URL of the worker (loopback, no auth). */
    public String jmxUrl() {
        return "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi";
    }

    public long pid() {
        return process.pid();
    }

    /** Folder the worker uses as java.io.tmpdir (where the embedded Flink puts its scratch files). */
    public Path tmpDir() {
        return dir.resolve(name + "-tmp");
    }

    public Path log() {
        return dir.resolve(name + ".log");
    }

    /** Stops the process (SIGTERM, then forcibly); a no-op when it is not running. */
    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }

    @Override
    public String toString() {
        return name + " (" + id() + ")";
    }
}
