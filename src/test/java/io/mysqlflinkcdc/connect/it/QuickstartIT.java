package io.mysqlflinkcdc.connect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** Runs the README's quickstart for a bounded time and checks what it showed and what it left behind. */
class QuickstartIT {

    @Test
    void showsSnapshotAndChangesThenLeavesNothingRunning() throws Exception {
        long childrenBefore = ProcessHandle.current().children().count();
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(new Tee(original, captured), true, StandardCharsets.UTF_8));
        System.setProperty("quickstart.seconds", "60");
        // As on a fresh machine without the mariadb-server package: MariaDB from the Maven artifact.
        System.setProperty("it.mariadb", "embedded");
        try {
            QuickstartMain.main(new String[0]);
        } finally {
            System.setOut(original);
            System.clearProperty("quickstart.seconds");
            System.clearProperty("it.mariadb");
        }
        String output = captured.toString(StandardCharsets.UTF_8);

        assertTrue(output.contains("MariaDB 11.4.5-MariaDB-log is up"), "ran on the Maven-provided MariaDB: " + output);
        assertTrue(output.contains("snapshot: 2500/2500 rows (100%)"), output);
        assertTrue(output.contains("[change] UPSERT             mysql.tpcds.store_sales key={\"ss_item_sk\":42,\"ss_ticket_number\":9000001}"), output);
        assertTrue(output.contains("\"ss_quantity\":4"), "the update arrived: " + output);
        assertTrue(output.contains("[change] DELETE (tombstone) mysql.tpcds.store_sales key={\"ss_item_sk\":42,\"ss_ticket_number\":9000001}"), output);
        assertTrue(output.contains("Stopped; nothing left running."), output);

        for (int port : portsIn(output)) {
            assertFalse(listening(port), "port " + port + " still listening after the quickstart stopped");
        }
        assertEquals(childrenBefore, ProcessHandle.current().children().count(), "child processes left running");
    }

    private static List<Integer> portsIn(String output) {
        List<Integer> ports = new ArrayList<>();
        Matcher matcher = Pattern.compile("(?:port |127\\.0\\.0\\.1:)(\\d{2,5})").matcher(output);
        while (matcher.find()) {
            ports.add(Integer.parseInt(matcher.group(1)));
        }
        assertTrue(ports.size() >= 3, "the quickstart names its MariaDB, Kafka and Connect ports: " + ports);
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

    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }
    }
}
