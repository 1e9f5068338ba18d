package io.mysqlflinkcdc.connect.record;

import io.mysqlflinkcdc.connect.format.EnumValues;

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
        return EnumValues.value(this);
    }

    public static MetadataLocation parse(String text) {
        return EnumValues.parse(MetadataLocation.class, text);
    }

    public static String[] names() {
        return EnumValues.values(MetadataLocation.class);
    }
}
