package io.mysqlflinkcdc.connect.engine;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mysqlflinkcdc.connect.errors.EngineFatalError;

/**
 * One Flink job in a private in-process mini-cluster: {@code source} chained to a sink that fills a
 * {@link RecordHandover}. The job's end (failure, or the natural end of a bounded source) is put
 * into the hand-over so the consumer sees it after the records that preceded it.
 */
public final class EmbeddedCdcJob<T> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedCdcJob.class);
    /** Longest a job waits for the previous cluster of its task to be gone (see ClusterShutdowns). */
    private static final Duration PREVIOUS_STOP_WAIT = Duration.ofMinutes(2);

    private final String jobName;
    private final String handoverId;
    private final RecordHandover<T> handover;
    private final Path tmpDir;
    private final MiniCluster cluster;
    private final JobID jobId;
    private volatile boolean closing;

    /**
     * Checkpoints of a parallel job: Flink CDC moves from a parallel snapshot to the binlog only
     * after a completed checkpoint. Their state stays in memory and is never restored (progress
     * lives in Connect's offsets), so a checkpoint that times out is harmless.
     */
    public record Checkpointing(Duration interval, Duration timeout) {

        /** Flink's default timeout (10 minutes). */
        public static Checkpointing every(Duration interval) {
            return new Checkpointing(interval, Duration.ofMinutes(10));
        }
    }

    private EmbeddedCdcJob(String jobName, String handoverId, RecordHandover<T> handover, Path tmpDir,
                           MiniCluster cluster, JobID jobId) {
        this.jobName = jobName;
        this.handoverId = handoverId;
        this.handover = handover;
        this.tmpDir = tmpDir;
        this.cluster = cluster;
        this.jobId = jobId;
    }

    /**
     * Starts the mini-cluster and submits the job.
     *
     * @param checkpointing used when parallelism &gt; 1
     */
    public static <T> EmbeddedCdcJob<T> start(String jobName, Source<T, ?, ?> source, int parallelism,
                                              Checkpointing checkpointing, RecordHandover<T> handover)
            throws Exception {
        ClusterShutdowns.awaitStopped(jobName, PREVIOUS_STOP_WAIT);
        String handoverId = jobName + "/" + UUID.randomUUID();
        Path tmpDir = Files.createTempDirectory("mysql-flink-cdc-");
        ClassLoader classLoader = EmbeddedCdcJob.class.getClassLoader();
        URL connectorJar = EmbeddedCdcJob.class.getProtectionDomain().getCodeSource().getLocation();
        Configuration conf = FlinkConfigurations.miniCluster(parallelism, tmpDir, connectorJar);
        HandoverRegistry.register(handoverId, handover);
        FlinkExitGuard.install();
        OwnedThreadDeaths.install();
        MiniCluster cluster = null;
        // Every thread of the cluster, made now or later by its threads, belongs to this job.
        try (FatalErrorRouting.Scope owned = FatalErrorRouting.ownedBy(handoverId, error -> failFatally(handover, error))) {
            JobGraph jobGraph = jobGraph(jobName, source, parallelism, checkpointing, handoverId, conf,
                    classLoader, connectorJar);
            cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                    .setConfiguration(conf)
                    .setNumTaskManagers(1)
                    .setNumSlotsPerTaskManager(parallelism)
                    .build());
            cluster.start();
            cluster.submitJob(jobGraph).get(60, TimeUnit.SECONDS);
            EmbeddedCdcJob<T> job = new EmbeddedCdcJob<>(jobName, handoverId, handover, tmpDir, cluster,
                    jobGraph.getJobID());
            job.watch(cluster.requestJobResult(jobGraph.getJobID()), classLoader);
            LOG.info("Started embedded Flink job '{}' ({}), parallelism {}", jobName, jobGraph.getJobID(), parallelism);
            return job;
        } catch (Exception | Error e) {
            HandoverRegistry.unregister(handoverId);
            FatalErrorRouting.forget(handoverId);
            if (cluster != null) {
                closeQuietly(cluster, e);
            }
            deleteRecursively(tmpDir);
            throw e;
        }
    }

    private static <T> JobGraph jobGraph(String jobName, Source<T, ?, ?> source, int parallelism,
                                         Checkpointing checkpointing, String handoverId, Configuration conf,
                                         ClassLoader classLoader, URL connectorJar) {
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
        jobGraph.setClasspaths(List.of(connectorJar));
        return jobGraph;
    }

    /**
     * Fails the job at once: the queued records are dropped (their offsets were never handed to
     * Connect) so the task sees the failure on its next poll, and the sink's next put fails the job.
     */
    private static void failFatally(RecordHandover<?> handover, EngineFatalError error) {
        handover.end(new RecordHandover.End.Failed(error));
        handover.close();
    }

    private void watch(CompletableFuture<JobResult> result, ClassLoader classLoader) {
        result.whenComplete((jobResult, error) -> {
            if (closing) {
                return;
            }
            if (error != null) {
                handover.end(new RecordHandover.End.Failed(error));
            } else if (jobResult.isSuccess()) {
                handover.end(new RecordHandover.End.Finished());
            } else {
                Throwable cause = jobResult.getSerializedThrowable()
                        .map(t -> t.deserializeError(classLoader))
                        .orElseGet(() -> new IllegalStateException("Flink job ended as " + jobResult.getApplicationStatus()));
                handover.end(new RecordHandover.End.Failed(cause));
            }
        });
    }

    public String name() {
        return jobName;
    }

    public JobID jobId() {
        return jobId;
    }

    /** Cancels the job and shuts the mini-cluster down, waiting at most {@code timeout}. */
    public void close(Duration timeout) {
        closing = true;
        // Threads that die while the cluster shuts down are no reason to fail a job being stopped.
        FatalErrorRouting.forget(handoverId);
        CompletableFuture<Void> stopped = ClusterShutdowns.begin(jobName);
        long deadline = System.nanoTime() + timeout.toNanos();
        handover.close();
        try {
            cluster.cancelJob(jobId).get(remainingMs(deadline), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // A job that already ended cannot be cancelled; shutting the cluster down covers the rest.
            LOG.debug("Cancelling Flink job {}: {}", jobId, e.toString());
        }
        CompletableFuture<Void> terminated = cluster.closeAsync();
        terminated.whenComplete((ignored, error) -> stopped.complete(null));
        try {
            terminated.get(remainingMs(deadline), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("Interrupted while shutting down the embedded Flink cluster of job {}", jobId);
        } catch (Exception e) {
            LOG.warn("Embedded Flink cluster of job {} did not shut down within {} ms", jobId, timeout.toMillis(), e);
        } finally {
            HandoverRegistry.unregister(handoverId);
            deleteRecursively(tmpDir);
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    private static long remainingMs(long deadlineNanos) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }

    private static void closeQuietly(MiniCluster cluster, Throwable primary) {
        try {
            cluster.closeAsync().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            primary.addSuppressed(e);
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    LOG.warn("Could not delete {}: {}", path, e.toString());
                }
            });
        } catch (IOException e) {
            LOG.warn("Could not delete Flink scratch folder {}: {}", dir, e.toString());
        }
    }
}
