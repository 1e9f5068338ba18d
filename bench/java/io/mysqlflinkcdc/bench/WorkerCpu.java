package io.mysqlflinkcdc.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU time a process has used, from /proc: what a snapshot costs the worker, counted on all
 * its threads (the JIT compilers and GC too), less moved by a busy machine than the wall-clock rate.
 */
final class WorkerCpu {

    /** Linux's USER_HZ, the unit of /proc/<pid>/stat's times, 100 on every common architecture. */
    private static final double TICKS_PER_SECOND = 100;

    private WorkerCpu() {
    }

    /** User + system CPU seconds of the process so far. */
    static double seconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // Fields after the command name, which is in parentheses and may hold spaces: state is field 3,
        // utime field 14, stime field 15.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    }
}
