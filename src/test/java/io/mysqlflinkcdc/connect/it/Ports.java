package io.mysqlflinkcdc.connect.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Free loopback ports for the servers the tests start, taken below the kernel's ephemeral range: a
 * port from that range (what binding port 0 returns) can be handed to any outgoing connection in
 * the seconds before a Connect worker or broker binds it, and the server then fails with "Address
 * already in use" (seen once in CI).
 */
final class Ports {

    private static final int FIRST = 15_000;
    private static final int END = ephemeralRangeStart();
    private static final AtomicInteger NEXT = new AtomicInteger(FIRST + ThreadLocalRandom.current().nextInt(END - FIRST));

    private Ports() {
    }

    static int free() {
        for (int attempt = 0; attempt < END - FIRST; attempt++) {
            int port = NEXT.getAndUpdate(p -> p + 1 >= END ? FIRST : p + 1);
            if (isFree(port)) {
                return port;
            }
        }
        throw new IllegalStateException("No free port between " + FIRST + " and " + END);
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The first port the kernel hands to outgoing connections (Linux; 32768 elsewhere). */
    private static int ephemeralRangeStart() {
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        try {
            int start = Files.exists(range) ? Integer.parseInt(Files.readString(range).trim().split("\\s+")[0]) : 32_768;
            return Math.max(start, FIRST + 1_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
