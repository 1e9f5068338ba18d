package io.mysqlflinkcdc.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * One profiled span of a workload (bench.profile): a JFR recording of the worker and its threads'
 * CPU time, from {@link #start} to {@link #tables}, turned into the per-row tables of PROFILE.md.
 */
final class ProfileSpan {

    private final long pid;
    private final ThreadCpu threads;

    private ProfileSpan(long pid, ThreadCpu threads) {
        this.pid = pid;
        this.threads = threads;
    }

    static ProfileSpan start(long pid) throws IOException, InterruptedException {
        ThreadCpu threads = ThreadCpu.watch(pid);
        JfrProfile.start(pid);
        return new ProfileSpan(pid, threads);
    }

    /** Stops the recording (kept as {@code name}.jfr for a closer look) and gives the tables per row. */
    String tables(String column, long rows, String name) throws IOException, InterruptedException {
        Path recording = Path.of(System.getProperty("it.work.dir"), "profile-" + name + ".jfr");
        Map<String, Double> used = threads.used();
        JfrProfile.stop(pid, recording);
        return JfrProfile.table(column, JfrProfile.samplesByPart(recording), rows)
                + "\nRecording: `" + recording + "`\n\n"
                + ThreadCpu.table(column, used, rows);
    }
}
