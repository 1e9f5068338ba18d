package io.mysqlflinkcdc.connect.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Reads a process's thread count and listening TCP sockets from /proc (Linux). */
final class WorkerProcessProbe {

    /** A listening socket; {@code address} is /proc's hex form of the bound address. */
    record Listener(String address, int port) {
        boolean loopback() {
            return address.equals("0100007F") || address.equals("00000000000000000000000001000000")
                    || address.equals("0000000000000000FFFF00000100007F");
        }
    }

    private WorkerProcessProbe() {
    }

    /**
     * Threads of the process, less the worker's start/stop pool: Connect's herder grows that fixed
     * pool lazily, one thread per concurrent connector start or stop, and never shrinks it.
     */
    static int threads(long pid) throws IOException {
        return (int) threadNames(pid).stream().filter(name -> !name.startsWith("StartAndStopExe")).count();
    }

    /** Thread names (as the kernel keeps them: the first 15 characters), for diagnosing a leak. */
    static List<String> threadNames(long pid) throws IOException {
        List<String> names = new java.util.ArrayList<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    names.add(Files.readString(task.resolve("comm")).strip());
                } catch (IOException exited) {
                    // the thread ended while listing
                }
            }
        }
        java.util.Collections.sort(names);
        return names;
    }

    static Set<Integer> listeningPorts(long pid) throws IOException {
        return listeners(pid).stream().map(Listener::port).collect(Collectors.toCollection(TreeSet::new));
    }

    static Set<Listener> listeners(long pid) throws IOException {
        Set<String> inodes = socketInodes(pid);
        Set<Listener> listeners = new HashSet<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path path = Path.of(table);
            if (!Files.exists(path)) {
                continue;
            }
            List<String> lines = Files.readAllLines(path);
            for (String line : lines.subList(1, lines.size())) {
                // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ...
                String[] cols = line.trim().split("\\s+");
                if (cols.length > 9 && "0A".equals(cols[3]) && inodes.contains(cols[9])) {
                    int colon = cols[1].indexOf(':');
                    listeners.add(new Listener(cols[1].substring(0, colon),
                            Integer.parseInt(cols[1].substring(colon + 1), 16)));
                }
            }
        }
        return listeners;
    }

    private static Set<String> socketInodes(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String link = Files.readSymbolicLink(fd).toString();
                    if (link.startsWith("socket:[")) {
                        inodes.add(link.substring(8, link.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor went away while listing
                }
            }
        }
        return inodes;
    }
}
