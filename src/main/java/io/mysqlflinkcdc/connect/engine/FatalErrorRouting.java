package io.mysqlflinkcdc.connect.engine;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Tells the embedded job that owns a thread about a fatal error Flink met in it (see
 * {@link FlinkExitGuard}). Every thread a job's mini-cluster creates inherits the job's name, since
 * the cluster is started with it set in an inheritable thread-local; a thread without a live owner
 * (a pool shared by several jobs) fails every job of this JVM, which share the heap that ran out.
 */
final class FatalErrorRouting {

    private static final InheritableThreadLocal<String> OWNER = new InheritableThreadLocal<>();
    private static final Map<String, Consumer<String>> JOBS = new ConcurrentHashMap<>();

    private FatalErrorRouting() {
    }

    /** Marks the threads the current thread creates from now on as {@code jobKey}'s, until the returned scope closes. */
    static Scope ownedBy(String jobKey, Consumer<String> onFatalError) {
        JOBS.put(jobKey, onFatalError);
        OWNER.set(jobKey);
        return OWNER::remove;
    }

    static void forget(String jobKey) {
        JOBS.remove(jobKey);
    }

    /** Fails the job that owns {@code thread}, or every job when none does; returns how many were told. */
    static int report(Thread thread, String message) {
        Consumer<String> owner = owner(thread);
        List<Consumer<String>> told = owner != null ? List.of(owner) : List.copyOf(JOBS.values());
        told.forEach(job -> job.accept(message));
        return told.size();
    }

    /** Only for the current thread: inheritable thread-locals cannot be read across threads. */
    private static Consumer<String> owner(Thread thread) {
        String key = thread == Thread.currentThread() ? OWNER.get() : null;
        return key == null ? null : JOBS.get(key);
    }

    /** Ends the marking of new threads. */
    interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
