package io.mysqlflinkcdc.connect.engine;

import java.security.Permission;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mysqlflinkcdc.connect.errors.EngineFatalError;

/**
 * Keeps Flink from ending the Connect worker's JVM (docs/design.md, "Fatal errors"). Flink assumes
 * it owns its process: an uncaught error in any thread of its pools goes to
 * {@code FatalExitExceptionHandler}, which calls {@code FlinkSecurityManager.forceProcessExit}
 * ({@code System.setSecurityManager(null)}, then {@code System.exit(-17)}); a task halts the JVM on
 * an {@code InternalError}. Inside a worker that would take every other connector down with the one
 * whose job failed. No Flink option turns these off, so a security manager refuses exactly those
 * requests (an exit or a security-manager change asked from a Flink or Pekko frame) and fails the
 * job that owns the thread instead; every other permission is granted without a check.
 */
final class FlinkExitGuard extends SecurityManager {

    private static final Logger LOG = LoggerFactory.getLogger(FlinkExitGuard.class);
    /** Java 24 removed the security manager; there, Flink's forceProcessExit throws before exiting. */
    private static final int JAVA_WITHOUT_SECURITY_MANAGER = 24;

    /** What {@link #install()} found. */
    enum State {
        /** This guard refuses Flink's exits. */
        GUARDING,
        /** The JVM cannot exit through Flink's handler (Java 24+). */
        NOT_NEEDED,
        /** Java 18 to 23 started without {@code -Djava.security.manager=allow}: Flink could end the JVM. */
        NOT_ALLOWED,
        /** Another security manager is installed; it decides. */
        OTHER_SECURITY_MANAGER
    }

    private static State state;

    private FlinkExitGuard() {
    }

    /** Installs the guard once per JVM; later calls return what the first found. */
    @SuppressWarnings("removal")
    static synchronized State install() {
        if (state != null) {
            return state;
        }
        SecurityManager current = System.getSecurityManager();
        if (current != null) {
            // Another copy of this plugin (another class loader) may have installed its guard already.
            state = current.getClass().getName().equals(FlinkExitGuard.class.getName())
                    ? State.GUARDING : State.OTHER_SECURITY_MANAGER;
        } else {
            state = trySetGuard();
        }
        switch (state) {
            case GUARDING -> LOG.info("Flink's fatal-error handlers cannot end this worker's JVM: a fatal error "
                    + "fails the embedded job and its task instead");
            case NOT_NEEDED -> LOG.debug("Java {} has no security manager; Flink's fatal-error exit fails by itself",
                    Runtime.version().feature());
            case NOT_ALLOWED -> LOG.warn("A fatal error inside the embedded Flink job (e.g. an OutOfMemoryError in a "
                    + "Flink thread) can end this worker's JVM: on Java {} the connector can refuse that only if the "
                    + "worker runs with -Djava.security.manager=allow (add it to KAFKA_OPTS)", Runtime.version().feature());
            case OTHER_SECURITY_MANAGER -> LOG.warn("A security manager ({}) is installed in this worker; it decides "
                    + "whether Flink's fatal-error handler may end the JVM", current.getClass().getName());
        }
        return state;
    }

    @SuppressWarnings("removal")
    private static State trySetGuard() {
        try {
            System.setSecurityManager(new FlinkExitGuard());
            return State.GUARDING;
        } catch (UnsupportedOperationException e) {
            if (Runtime.version().feature() >= JAVA_WITHOUT_SECURITY_MANAGER) {
                return State.NOT_NEEDED;
            }
            LOG.debug("Security manager not allowed in this JVM", e);
            return State.NOT_ALLOWED;
        }
    }

    @Override
    public void checkPermission(Permission perm) {
        if (isExitRequest(perm) && askedByFlink()) {
            refuse(perm);
        }
    }

    @Override
    public void checkPermission(Permission perm, Object context) {
        checkPermission(perm);
    }

    static boolean isExitRequest(Permission perm) {
        if (!(perm instanceof RuntimePermission)) {
            return false;
        }
        String name = perm.getName();
        return name.startsWith("exitVM") || name.equals("setSecurityManager");
    }

    private static boolean askedByFlink() {
        return StackWalker.getInstance().walk(frames -> frames.anyMatch(frame -> {
            String className = frame.getClassName();
            return className.startsWith("org.apache.flink.") || className.startsWith("org.apache.pekko.");
        }));
    }

    /** Any exception thrown here, even an OutOfMemoryError while logging, stops the exit. */
    private static void refuse(Permission perm) {
        Thread thread = Thread.currentThread();
        String message = "Flink met a fatal error in thread '" + thread.getName() + "' of the embedded job and asked "
                + "to end the worker's JVM (" + perm.getName() + "), which the connector refused; the job fails "
                + "instead (the worker log's FATAL line before this one has the error)";
        int jobs = FatalErrorRouting.failOwnerOrAll(new EngineFatalError(message, null));
        LOG.error("{}; {} embedded job(s) failed, the worker and its other connectors keep running", message, jobs);
        throw new SecurityException("mysql-flink-cdc does not let Flink end the Connect worker's JVM");
    }
}
