package io.mysqlflinkcdc.connect.record;

import java.util.Arrays;
import java.util.Locale;

/** Where {@code metadata.fields} go. */
public enum MetadataLocation {
    /** Extra fields at the end of the row value (tombstones have no value, so deletes carry none). */
    VALUE,
    /** Kafka record headers, on every record including tombstones. */
    HEADER,
    BOTH;

    boolean inValue() {
        return this != HEADER;
    }

    boolean inHeaders() {
        return this != VALUE;
    }

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MetadataLocation parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }

    public static String[] names() {
        return Arrays.stream(values()).map(MetadataLocation::value).toArray(String[]::new);
    }
}
