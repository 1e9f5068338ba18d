package io.mysqlflinkcdc.connect.errors;

/**
 * A fatal error inside the embedded Flink job (an OutOfMemoryError in one of Flink's own threads,
 * say) after which Flink would have ended the JVM; the connector fails the job with this instead.
 */
public final class EngineFatalError extends RuntimeException {

    public EngineFatalError(String message) {
        super(message);
    }
}
