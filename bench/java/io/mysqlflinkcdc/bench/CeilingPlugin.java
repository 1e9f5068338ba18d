package io.mysqlflinkcdc.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import io.mysqlflinkcdc.bench.ceiling.CeilingSourceConnector;

/**
 * Installs the Connect ceiling contender as a plugin folder of its own: a jar of the classes of
 * {@code io.mysqlflinkcdc.bench.ceiling} (compiled with the benchmark) beside the MySQL JDBC driver
 * the benchmark itself uses. Never shipped.
 */
final class CeilingPlugin {

    private static final String PACKAGE = "io/mysqlflinkcdc/bench/ceiling";

    private CeilingPlugin() {
    }

    /** Builds the plugin under {@code work}; returns the plugin.path entry that holds its folder. */
    static Path install(Path work) throws IOException, ClassNotFoundException {
        Path pluginPath = work.resolve("ceiling-plugins");
        Path folder = pluginPath.resolve("connect-ceiling");
        Files.createDirectories(folder);
        Path classes = Path.of(codeSource(CeilingSourceConnector.class));
        try (OutputStream file = Files.newOutputStream(folder.resolve("connect-ceiling.jar"));
             JarOutputStream jar = new JarOutputStream(file);
             Stream<Path> listing = Files.list(classes.resolve(PACKAGE))) {
            for (Path clazz : listing.filter(path -> path.toString().endsWith(".class")).toList()) {
                jar.putNextEntry(new JarEntry(PACKAGE + "/" + clazz.getFileName()));
                jar.write(Files.readAllBytes(clazz));
                jar.closeEntry();
            }
            jar.putNextEntry(new JarEntry("META-INF/services/org.apache.kafka.connect.source.SourceConnector"));
            jar.write((CeilingSourceConnector.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        Path driver = Path.of(codeSource(Class.forName("com.mysql.cj.jdbc.Driver")));
        Files.copy(driver, folder.resolve(driver.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        return pluginPath;
    }

    private static java.net.URI codeSource(Class<?> type) {
        try {
            return type.getProtectionDomain().getCodeSource().getLocation().toURI();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
