package io.mysqlflinkcdc.connect;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.flink.api.common.JobID;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mysqlflinkcdc.connect.engine.JobCheckpoints;
import io.mysqlflinkcdc.connect.offset.OffsetCodec;
import io.mysqlflinkcdc.connect.offset.StoredOffset;
import io.mysqlflinkcdc.connect.record.CheckpointMarker;

/**
 * Resumable snapshots (snapshot.checkpoint.dir): the embedded job checkpoints into a folder, and
 * every snapshot record handed to Connect names in its offset the last checkpoint taken before it.
 * Once Connect has committed such a record, everything that checkpoint covers is in Kafka, so a
 * restarted task restores the job from it and reads only the chunks after it.
 */
final class SnapshotCheckpoints {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotCheckpoints.class);

    private final Path directory;
    private final Duration interval;
    private JobID jobId;
    /** The checkpoint covering every record handed over so far (null: none yet). */
    private String current;

    SnapshotCheckpoints(Path directory, Duration interval) {
        this.directory = directory;
        this.interval = interval;
    }

    /** Checkpoint settings for a job that snapshots, restoring the stored checkpoint when it is still there. */
    JobCheckpoints<SourceRecord> forSnapshotJob(StoredOffset stored, String topicPrefix) {
        String restore = null;
        if (stored instanceof StoredOffset.SnapshotRunning running && running.checkpoint() != null) {
            if (Files.exists(Path.of(running.checkpoint(), "_metadata"))) {
                restore = running.checkpoint();
                LOG.info("Resuming the snapshot of '{}' from checkpoint {}", topicPrefix, restore);
            } else {
                LOG.warn("The snapshot of '{}' stopped after checkpoint {}, which is gone (or never completed); "
                        + "taking the snapshot from the start", topicPrefix, running.checkpoint());
            }
        }
        if (restore == null) {
            deleteAll();
        }
        current = restore;
        return new JobCheckpoints<>(directory, interval, restore, CheckpointMarker::of);
    }

    void jobStarted(JobID id) {
        this.jobId = id;
    }

    /** Takes the markers out of a batch and names the current checkpoint in the snapshot records' offsets. */
    List<SourceRecord> process(List<SourceRecord> batch) {
        List<SourceRecord> records = new ArrayList<>(batch.size());
        for (SourceRecord record : batch) {
            if (record instanceof CheckpointMarker marker) {
                current = directory.resolve(jobId.toString()).resolve("chk-" + marker.checkpointId()).toString();
                LOG.debug("Snapshot records from here on are covered by checkpoint {}", current);
                continue;
            }
            if (current != null && Boolean.FALSE.equals(record.sourceOffset().get(OffsetCodec.SNAPSHOT_COMPLETED))) {
                @SuppressWarnings("unchecked")
                Map<String, Object> offset = (Map<String, Object>) record.sourceOffset();
                offset.put(OffsetCodec.SNAPSHOT_CHECKPOINT, current);
            }
            records.add(record);
        }
        return records;
    }

    /** The snapshot is over (or restarts from scratch): its checkpoints are of no further use. */
    void deleteAll() {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (Exception e) {
            LOG.warn("Could not delete the snapshot checkpoints in {}: {}", directory, e.toString());
        }
    }
}
