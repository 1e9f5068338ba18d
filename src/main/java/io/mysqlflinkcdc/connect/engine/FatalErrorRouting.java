package io.mysqlflinkcdc.connect.engine;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import io.mysqlflinkcdc.connect.errors.EngineFatalError;

/**
 * Tells the embedded job that owns a thread about a fatal error in it (see {@link FlinkExitGuard}
 * and {@link OwnedThreadDeaths}). Every thread a job's mini-cluster creates inherits the job's name, since
 * the cluster is started with it set in an inheritable thread-local; a thread without a live owner
 * (a pool shared by several jobs) fails every job of this JVM, which share the heap that ran out.
 */
final class FatalErrorRouting {

    private static final InheritableThreadLocal<String> OWNER = new InheritableThreadLocal<>();
    private static final Map<String, Consumer<EngineFatalError>> JOBS = new ConcurrentHashMap<>();

    private FatalErrorRouting() {
    }

    /** Marks the threads the current thread creates from now on as {@code jobKey}'s, until the returned scope closes. */
    static Scope ownedBy(String jobKey, Consumer<EngineFatalError> onFatalError) {
        JOBS.put(jobKey, onFatalError);
        OWNER.set(jobKey);
        return OWNER::remove;
    }

    static void forget(String jobKey) {
        JOBS.remove(jobKey);
    }

    /** Fails the job that owns the current thread, or every job when none does; returns how many were told. */
    static int failOwnerOrAll(EngineFatalError error) {
        Consumer<EngineFatalError> owner = owner();
        List<Consumer<EngineFatalError>> told = owner != null ? List.of(owner) : List.copyOf(JOBS.values());
        told.forEach(job -> job.accept(error));
        return told.size();
    }

    /** Fails the job that owns the current thread; false when no live job does. */
    static boolean failOwner(EngineFatalError error) {
        Consumer<EngineFatalError> owner = owner();
        if (owner != null) {
            owner.accept(error);
        }
        return owner != null;
    }

    /** Inheritable thread-locals can only be read by their own thread. */
    private static Consumer<EngineFatalError> owner() {
        String key = OWNER.get();
        return key == null ? null : JOBS.get(key);
    }

    /** Ends the marking of new threads. */
    interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
