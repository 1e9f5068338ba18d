package io.mysqlflinkcdc.connect.engine;

import java.time.Duration;

/**
 * A running Flink CDC job that feeds a Connect task's {@link RecordHandover}: on a mini-cluster
 * ({@link EmbeddedCdcJob}) or driven directly ({@link DirectCdcJob}). Its end (failure, or the
 * natural end of a bounded source) is put into the hand-over after the records that preceded it.
 */
public interface CdcJob<T> extends AutoCloseable {

    String name();

    /** Stops the job and releases its threads and connections, waiting at most {@code timeout}. */
    void close(Duration timeout);

    @Override
    default void close() {
        close(Duration.ofSeconds(30));
    }
}
