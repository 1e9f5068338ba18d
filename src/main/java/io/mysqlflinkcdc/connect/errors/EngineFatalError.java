package io.mysqlflinkcdc.connect.errors;

/**
 * A fatal error inside the embedded Flink job that nothing in Flink reports: Flink asked to end the
 * JVM (an OutOfMemoryError in one of its own threads, say), or a thread of the job died of an
 * uncaught error. The connector fails the job with this instead.
 */
public final class EngineFatalError extends RuntimeException {

    /** @param cause what the thread died of, or null when only Flink's log line has it */
    public EngineFatalError(String message, Throwable cause) {
        super(message, cause);
    }
}
