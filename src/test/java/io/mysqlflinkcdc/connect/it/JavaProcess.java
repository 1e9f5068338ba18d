package io.mysqlflinkcdc.connect.it;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A child JVM with its output in a log file; stopped gracefully, then forcibly. */
final class JavaProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;

    private JavaProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static JavaProcess start(String name, Path classpathDir, List<String> jvmOptions, String mainClass,
                             List<String> args, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpathDir.toAbsolutePath() + "/*");
        command.add(mainClass);
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return new JavaProcess(name, process, log);
    }

    /** Runs to completion; fails with the log's location when the exit code is not 0. */
    static void run(String name, Path classpathDir, List<String> jvmOptions, String mainClass, List<String> args,
                    Path log) throws Exception {
        JavaProcess p = start(name, classpathDir, jvmOptions, mainClass, args, log);
        if (!p.process.waitFor(120, TimeUnit.SECONDS) || p.process.exitValue() != 0) {
            p.close();
            throw new IllegalStateException(name + " failed; see " + log);
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    void killHard() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM without waiting; {@link #close()} waits. */
    void requestStop() {
        process.destroy();
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                dumpThreads();
            }
            if (!process.waitFor(45, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** A process slow to stop leaves its threads next to its log, to show what it waits for. */
    private void dumpThreads() {
        Path dump = log.resolveSibling(log.getFileName() + ".threads-at-stop.txt");
        try {
            new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jstack").toString(), "-l",
                    Long.toString(process.pid())).redirectErrorStream(true)
                    .redirectOutput(dump.toFile()).start().waitFor(20, TimeUnit.SECONDS);
            System.out.println(name + " still running 15 s after SIGTERM; its threads: " + dump);
        } catch (IOException e) {
            System.out.println(name + " still running 15 s after SIGTERM; no thread dump: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ", log " + log + ")";
    }
}
