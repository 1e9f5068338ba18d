package io.mysqlflinkcdc.connect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Runs the README's quickstart as a user does, in its own JVM, on the MariaDB that Maven provides
 * (as on a machine without the mariadb-server package), waits until the sample changes are shown,
 * presses Ctrl-C (SIGINT) and checks that nothing is left running.
 */
class QuickstartIT {

    /** SIGINT (signal 2) in /proc's SigIgn mask, where signal n is bit n - 1. */
    private static final long SIGINT_MASK = 1L << (2 - 1);

    @Test
    void showsSnapshotAndChangesAndCtrlCLeavesNothingRunning() throws Exception {
        Path log = ItSettings.workDir().resolve("quickstart-it.log");
        Files.deleteIfExists(log);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = withCtrlCAnswered(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dit.plugin.archive=" + ItSettings.pluginArchive(),
                "-Dit.kafka.dist=" + System.getProperty("it.kafka.dist"),
                "-Dit.kafka.versions=" + System.getProperty("it.kafka.versions"),
                "-Dit.work.dir=" + ItSettings.workDir(),
                "-Dit.mariadb=embedded",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                QuickstartMain.class.getName()));
        Process quickstart = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            String output = awaitOutput(log, "[change] DELETE (tombstone)", quickstart);
            List<ProcessHandle> started = quickstart.toHandle().descendants().toList();
            assertTrue(started.size() >= 2, "the quickstart runs MariaDB, Kafka and Connect as processes: " + started);

            assertTrue(output.contains("MariaDB 11.4.5-MariaDB-log is up"), "ran on the Maven-provided MariaDB: " + output);
            assertTrue(output.contains("snapshot: 2500/2500 rows (100%)"), output);
            assertTrue(output.contains("[change] UPSERT             mysql.tpcds.store_sales key={\"ss_item_sk\":42,\"ss_ticket_number\":9000001}"), output);

            new ProcessBuilder("kill", "-INT", Long.toString(quickstart.pid())).start().waitFor();
            assertTrue(quickstart.waitFor(120, TimeUnit.SECONDS), "the quickstart exits on Ctrl-C");
            output = Files.readString(log);
            assertTrue(output.contains("\"ss_quantity\":4"), "the update was shown: " + output);
            assertTrue(output.contains("Stopped; nothing left running."), output);
            for (ProcessHandle child : started) {
                assertFalse(child.isAlive(), "still running after Ctrl-C: " + child.info().command().orElse("?"));
            }
            for (int port : portsIn(output)) {
                assertFalse(listening(port), "port " + port + " still listening after Ctrl-C");
            }
        } finally {
            quickstart.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            quickstart.destroyForcibly();
        }
    }

    private static String awaitOutput(Path log, String expected, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        String output = "";
        while (System.nanoTime() < deadline) {
            output = Files.exists(log) ? Files.readString(log) : "";
            if (output.contains(expected)) {
                return output;
            }
            if (!process.isAlive()) {
                throw new AssertionError("the quickstart exited with " + process.exitValue() + ": " + output);
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the quickstart did not show '" + expected + "' within 300 s: " + output);
    }

    /**
     * The command as a terminal would run it. A process started with SIGINT ignored (a background
     * job without job control, as some CI runners start the build) passes that on, and a JVM then
     * leaves Ctrl-C ignored instead of running its shutdown hooks; {@code env --default-signal}
     * restores the default before the quickstart's JVM starts.
     */
    private static List<String> withCtrlCAnswered(List<String> command) throws IOException {
        long ignored = 0;
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("SigIgn:")) {
                ignored = Long.parseLong(line.substring("SigIgn:".length()).trim(), 16);
            }
        }
        boolean sigintIgnored = (ignored & SIGINT_MASK) != 0;
        if (!sigintIgnored) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("env", "--default-signal=INT"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static List<Integer> portsIn(String output) {
        List<Integer> ports = new ArrayList<>();
        Matcher matcher = Pattern.compile("(?:port |127\\.0\\.0\\.1:)(\\d{2,5})").matcher(output);
        while (matcher.find()) {
            ports.add(Integer.parseInt(matcher.group(1)));
        }
        assertEquals(3, ports.stream().distinct().count(),
                "the quickstart names its MariaDB, Kafka and Connect ports: " + ports);
        return ports;
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
