package io.mysqlflinkcdc.connect;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The connector version, read from a resource Maven filters at build time. */
public final class Version {

    private static final String VERSION = load();

    private Version() {
    }

    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("/mysql-flink-cdc-version.properties")) {
            Properties props = new Properties();
            if (in != null) {
                props.load(in);
            }
            return props.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
