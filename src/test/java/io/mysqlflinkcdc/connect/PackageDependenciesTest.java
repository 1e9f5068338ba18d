package io.mysqlflinkcdc.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** Dependency arrows between the connector's packages point one way: no package cycle. */
class PackageDependenciesTest {

    private static final Path SOURCES = Path.of("src", "main", "java");
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?([\\w.]+)\\.[A-Z]\\w*(?:\\.\\w+)*;",
            Pattern.MULTILINE);

    /** Our packages (and ours inside Flink CDC's) → the packages of ours they import. */
    private static Map<String, Set<String>> dependencies() throws IOException {
        Map<String, Set<String>> graph = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(SOURCES)) {
            files = walk.filter(file -> file.toString().endsWith(".java")).toList();
        }
        Set<String> ours = new TreeSet<>();
        List<String[]> edges = new ArrayList<>();
        for (Path file : files) {
            String source = Files.readString(file);
            Matcher pkg = PACKAGE.matcher(source);
            assertTrue(pkg.find(), file + " has a package");
            ours.add(pkg.group(1));
            Matcher imports = IMPORT.matcher(source);
            while (imports.find()) {
                edges.add(new String[] {pkg.group(1), imports.group(1)});
            }
        }
        ours.forEach(pkg -> graph.put(pkg, new TreeSet<>()));
        for (String[] edge : edges) {
            if (ours.contains(edge[1]) && !edge[0].equals(edge[1])) {
                graph.get(edge[0]).add(edge[1]);
            }
        }
        return graph;
    }

    @Test
    void noPackageCycles() throws IOException {
        Map<String, Set<String>> graph = dependencies();
        assertTrue(graph.size() > 10, "packages found: " + graph.keySet());
        List<String> cycles = new ArrayList<>();
        for (String start : graph.keySet()) {
            findCycle(graph, start, new ArrayList<>(List.of(start)), cycles);
        }
        assertEquals(List.of(), cycles, "package cycles; dependencies: " + graph);
    }

    @Test
    void subpackagesNeverReachBackIntoTheTaskPackage() throws IOException {
        Map<String, Set<String>> graph = dependencies();
        graph.forEach((pkg, imported) -> {
            if (!pkg.equals("io.mysqlflinkcdc.connect")) {
                assertTrue(!imported.contains("io.mysqlflinkcdc.connect"), pkg + " imports the task package");
            }
        });
    }

    private static void findCycle(Map<String, Set<String>> graph, String start, List<String> path,
                                  List<String> cycles) {
        for (String next : graph.get(path.get(path.size() - 1))) {
            if (next.equals(start)) {
                cycles.add(String.join(" -> ", path) + " -> " + start);
            } else if (!path.contains(next) && next.compareTo(start) > 0) {
                path.add(next);
                findCycle(graph, start, path, cycles);
                path.remove(path.size() - 1);
            }
        }
    }
}
