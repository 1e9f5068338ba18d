package io.mysqlflinkcdc.bench;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One profiled span of a workload (bench.profile): a JFR recording of the worker and its threads'
 * CPU time, from {@link #start} to {@link #tables}, turned into the per-row tables of PROFILE.md.
 */
final class ProfileSpan {

    private final long pid;
    private final ThreadCpu before;

    private ProfileSpan(long pid, ThreadCpu before) {
        this.pid = pid;
        this.before = before;
    }

    static ProfileSpan start(long pid) throws IOException, InterruptedException {
        ThreadCpu before = ThreadCpu.of(pid);
        JfrProfile.start(pid);
        return new ProfileSpan(pid, before);
    }

    /** Stops the recording (kept as {@code name}.jfr for a closer look) and gives the tables per row. */
    String tables(String column, long rows, String name) throws IOException, InterruptedException {
        Path recording = Path.of(System.getProperty("it.work.dir"), "profile-" + name + ".jfr");
        JfrProfile.stop(pid, recording);
        return JfrProfile.table(column, JfrProfile.samplesByPart(recording), rows)
                + "\nRecording: `" + recording + "`\n\n"
                + ThreadCpu.table(column, ThreadCpu.of(pid).since(before), rows);
    }
}
