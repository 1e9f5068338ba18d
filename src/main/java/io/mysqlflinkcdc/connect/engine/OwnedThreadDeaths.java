package io.mysqlflinkcdc.connect.engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mysqlflinkcdc.connect.errors.EngineFatalError;

/**
 * Fails the embedded job when one of its threads that has no handler of its own dies (docs/design.md,
 * "Fatal errors"). Such threads come from the libraries inside Flink CDC: the binlog client's reader
 * thread, for one, dies of an OutOfMemoryError on an event larger than the heap; its keep-alive
 * thread then reconnects every 20 s and dies again, while the task shows RUNNING and nothing reaches
 * the worker log. Installed as the JVM's default handler, it acts only on threads a job owns and
 * hands every other thread to the handler it replaced (or prints it, as the JVM does).
 */
final class OwnedThreadDeaths implements Thread.UncaughtExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(OwnedThreadDeaths.class);
    private static boolean installed;

    private final Thread.UncaughtExceptionHandler previous;

    private OwnedThreadDeaths(Thread.UncaughtExceptionHandler previous) {
        this.previous = previous;
    }

    /** Once per JVM; later calls do nothing. */
    static synchronized void install() {
        if (!installed) {
            Thread.setDefaultUncaughtExceptionHandler(new OwnedThreadDeaths(Thread.getDefaultUncaughtExceptionHandler()));
            installed = true;
        }
    }

    /** Runs in the dying thread, so the owner's inherited thread-local is readable. */
    @Override
    public void uncaughtException(Thread thread, Throwable error) {
        EngineFatalError failure = new EngineFatalError("Thread '" + thread.getName() + "' of the embedded job died of "
                + error + "; the job fails instead of waiting on a thread that is gone", error);
        if (FatalErrorRouting.failOwner(failure)) {
            LOG.error("{}", failure.getMessage(), error);
        } else if (previous != null) {
            previous.uncaughtException(thread, error);
        } else {
            System.err.print("Exception in thread \"" + thread.getName() + "\" ");
            error.printStackTrace(System.err);
        }
    }
}
