package io.mysqlflinkcdc.connect.engine;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.runtime.rpc.RpcSystem;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.util.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mysqlflinkcdc.connect.errors.EngineFatalError;

/**
 * A private in-process mini-cluster, started before its one job is submitted. Starting a cluster
 * takes about a second; a task that knows it will need a new job soon (the hand-back after a
 * backfill) starts the cluster while the running job still delivers, so the swap costs only the
 * job's submission (docs/design.md, "Backfill beside the binlog").
 */
public final class StartedCluster<T> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StartedCluster.class);
    /** Longest a job waits for the previous cluster of its task to be gone (see ClusterShutdowns). */
    private static final Duration PREVIOUS_STOP_WAIT = Duration.ofMinutes(2);

    private final String jobName;
    private final String handoverId;
    private final RecordHandover<T> handover;
    private final Path tmpDir;
    private final Configuration conf;
    private final int slots;
    private final MiniCluster cluster;
    private boolean used;

    private StartedCluster(String jobName, String handoverId, RecordHandover<T> handover, Path tmpDir,
                           Configuration conf, int slots, MiniCluster cluster) {
        this.jobName = jobName;
        this.handoverId = handoverId;
        this.handover = handover;
        this.tmpDir = tmpDir;
        this.conf = conf;
        this.slots = slots;
        this.cluster = cluster;
    }

    /**
     * Starts a cluster for a job named {@code jobName} with up to {@code slots} parallel readers,
     * feeding {@code handover}. Reads no binlog until a job is submitted, so it may start while the
     * previous cluster of the same task still runs.
     */
    public static <T> StartedCluster<T> start(String jobName, int slots, RecordHandover<T> handover) throws Exception {
        long started = System.nanoTime();
        String handoverId = jobName + "/" + UUID.randomUUID();
        Path tmpDir = Files.createTempDirectory("mysql-flink-cdc-");
        Configuration conf = FlinkConfigurations.miniCluster(slots, tmpDir, connectorJar());
        HandoverRegistry.register(handoverId, handover);
        FlinkExitGuard.install();
        OwnedThreadDeaths.install();
        MiniCluster cluster = null;
        // Every thread of the cluster, made now or later by its threads, belongs to this job.
        try (FatalErrorRouting.Scope owned = ownedBy(handoverId, handover)) {
            Reference<RpcSystem> rpcSystem = SharedRpcSystem.borrow();
            cluster = new MiniClusterWithoutRestHandlers(new MiniClusterConfiguration.Builder()
                    .setConfiguration(conf)
                    .setNumTaskManagers(1)
                    .setNumSlotsPerTaskManager(slots)
                    .build(), () -> rpcSystem);
            cluster.start();
            LOG.debug("Started the embedded Flink cluster of '{}' in {} ms", jobName,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return new StartedCluster<>(jobName, handoverId, handover, tmpDir, conf, slots, cluster);
        } catch (Exception | Error e) {
            discard(handoverId, cluster, tmpDir, e);
            throw e;
        }
    }

    /** Whether a job of {@code parallelism} readers fits. */
    public boolean fits(int parallelism) {
        return parallelism <= slots;
    }

    /**
     * Submits the job ({@code source} chained to the hand-over sink), once the previous cluster of
     * the task is gone; the returned job owns this cluster. On failure the cluster is shut down.
     *
     * @param checkpointing used when parallelism &gt; 1
     */
    public EmbeddedCdcJob<T> run(Source<T, ?, ?> source, int parallelism, EmbeddedCdcJob.Checkpointing checkpointing)
            throws Exception {
        if (used || !fits(parallelism)) {
            throw new IllegalStateException("cluster of '" + jobName + "' is used or too small (" + slots
                    + " slots) for a job of parallelism " + parallelism);
        }
        used = true;
        try (FatalErrorRouting.Scope owned = ownedBy(handoverId, handover)) {
            ClusterShutdowns.awaitStopped(jobName, PREVIOUS_STOP_WAIT);
            ClassLoader classLoader = StartedCluster.class.getClassLoader();
            JobGraph jobGraph = jobGraph(source, parallelism, checkpointing, classLoader);
            cluster.submitJob(jobGraph).get(60, TimeUnit.SECONDS);
            EmbeddedCdcJob<T> job = new EmbeddedCdcJob<>(jobName, handoverId, handover, tmpDir, cluster,
                    jobGraph.getJobID());
            job.watch(cluster.requestJobResult(jobGraph.getJobID()), classLoader);
            LOG.info("Started embedded Flink job '{}' ({}), parallelism {}", jobName, jobGraph.getJobID(), parallelism);
            return job;
        } catch (Exception | Error e) {
            discard(e);
            throw e;
        }
    }

    private JobGraph jobGraph(Source<T, ?, ?> source, int parallelism, EmbeddedCdcJob.Checkpointing checkpointing,
                              ClassLoader classLoader) {
        StreamExecutionEnvironment env = new StreamExecutionEnvironment(conf, classLoader);
        env.setParallelism(parallelism);
        // Source and sink are chained: without object reuse Flink would deep-copy every record.
        env.getConfig().enableObjectReuse();
        if (parallelism > 1) {
            env.enableCheckpointing(checkpointing.interval().toMillis());
            env.getCheckpointConfig().setCheckpointTimeout(checkpointing.timeout().toMillis());
            // While Connect is paused or its producer waits on Kafka, the job's task blocks on the
            // full hand-over and no checkpoint completes; Flink fails a job at its first expired
            // checkpoint unless told otherwise. Nothing is ever restored from these checkpoints.
            env.getCheckpointConfig().setTolerableCheckpointFailureNumber(Integer.MAX_VALUE);
        }
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "MySQL CDC source").uid("mysql-cdc-source")
                .sinkTo(new HandoverSink<>(handoverId)).name("Connect hand-over").uid("connect-hand-over");
        StreamGraph streamGraph = env.getStreamGraph();
        streamGraph.setJobName(jobName);
        JobGraph jobGraph = streamGraph.getJobGraph(classLoader, null);
        jobGraph.setClasspaths(List.of(connectorJar()));
        return jobGraph;
    }

    /** Shuts the cluster down when no job was submitted to it (a submitted job's close does that). */
    @Override
    public void close() {
        if (!used) {
            used = true;
            discard(null);
        }
    }

    private void discard(Throwable primary) {
        discard(handoverId, cluster, tmpDir, primary);
    }

    /** Undoes a start: the hand-over's registration, the fatal-error route, the cluster (if made) and its folder. */
    private static void discard(String handoverId, MiniCluster cluster, Path tmpDir, Throwable primary) {
        HandoverRegistry.unregister(handoverId);
        FatalErrorRouting.forget(handoverId);
        if (cluster != null) {
            closeQuietly(cluster, primary);
        }
        EmbeddedCdcJob.deleteRecursively(tmpDir);
    }

    private static FatalErrorRouting.Scope ownedBy(String handoverId, RecordHandover<?> handover) {
        return FatalErrorRouting.ownedBy(handoverId, error -> failFatally(handover, error));
    }

    /**
     * Fails the job at once: the queued records are dropped (their offsets were never handed to
     * Connect) so the task sees the failure on its next poll, and the sink's next put fails the job.
     */
    private static void failFatally(RecordHandover<?> handover, EngineFatalError error) {
        handover.end(new RecordHandover.End.Failed(error));
        handover.close();
    }

    private static URL connectorJar() {
        return StartedCluster.class.getProtectionDomain().getCodeSource().getLocation();
    }

    private static void closeQuietly(MiniCluster cluster, Throwable primary) {
        try {
            cluster.closeAsync().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (primary != null) {
                primary.addSuppressed(e);
            } else {
                LOG.warn("The unused embedded Flink cluster did not shut down within 30 s: {}", e.toString());
            }
        }
    }
}
