package io.mysqlflinkcdc.connect.engine;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;

import org.apache.flink.util.function.SerializableFunction;

/**
 * Durable checkpoints of the embedded job, so a snapshot resumes where it stopped. Each completed
 * barrier puts {@code marker(checkpointId)} into the hand-over right after the records it covers.
 *
 * @param directory   where checkpoints go: {@code <directory>/<job id>/chk-<n>}
 * @param interval    checkpoint interval
 * @param restoreFrom a retained checkpoint to start from, or {@code null}
 * @param marker      the hand-over element standing for a checkpoint barrier
 */
public record JobCheckpoints<T>(Path directory, Duration interval, String restoreFrom,
                                SerializableFunction<Long, T> marker) implements Serializable {
}
