package io.mysqlflinkcdc.connect.it;

import org.junit.jupiter.api.Tag;

/**
 * Slow: {@link CrashRecoveryIT}'s three kill -9 of the worker during binlog streaming, on a worker
 * with exactly.once.source.support=enabled and the connector created with exactly.once.support=required:
 * a read_committed consumer must see every change exactly once (no gap, no duplicate).
 */
@Tag("slow")
class ExactlyOnceCrashIT extends CrashRecoveryIT {

    @Override
    boolean exactlyOnce() {
        return true;
    }
}
