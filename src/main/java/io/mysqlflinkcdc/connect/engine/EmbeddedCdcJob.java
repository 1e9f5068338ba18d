package io.mysqlflinkcdc.connect.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.util.FileUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;


/**
 * One Flink job in a private in-process mini-cluster ({@link StartedCluster}): {@code source}
 * chained to a sink that fills a {@link RecordHandover}. The job's end (failure, or the natural end of a bounded source) is put
 * into the hand-over so the consumer sees it after the records that preceded it.
 */
public final class EmbeddedCdcJob<T> implements CdcJob<T> {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedCdcJob.class);
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

    EmbeddedCdcJob(String jobName, String handoverId, RecordHandover<T> handover, Path tmpDir, MiniCluster cluster,
                   JobID jobId) {
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
        return StartedCluster.start(jobName, parallelism, handover).run(source, parallelism, checkpointing);
    }

    void watch(CompletableFuture<JobResult> result, ClassLoader classLoader) {
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

    @Override
    public String name() {
        return jobName;
    }

    public JobID jobId() {
        return jobId;
    }

    /** Cancels the job and shuts the mini-cluster down, waiting at most {@code timeout}. */
    @Override
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

    static void deleteRecursively(Path dir) {
        try {
            FileUtils.deleteDirectory(dir.toFile());
        } catch (IOException e) {
            LOG.warn("Could not delete Flink scratch folder {}: {}", dir, e.toString());
        }
    }
}
