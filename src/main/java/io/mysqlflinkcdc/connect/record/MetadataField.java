package io.mysqlflinkcdc.connect.record;

import java.util.Arrays;
import java.util.Locale;

import org.apache.kafka.connect.data.Schema;

/** Change metadata a user can ask for ({@code metadata.fields}), named after Debezium's add.fields. */
public enum MetadataField {
    /** Change kind: r (snapshot read), c (insert), u (update), d (delete). */
    OP("op", "__op", Schema.STRING_SCHEMA),
    /** When the change happened on the server, epoch ms (0 for snapshot reads). */
    SOURCE_TS_MS("source.ts_ms", "__source_ts_ms", Schema.INT64_SCHEMA),
    DB("db", "__db", Schema.STRING_SCHEMA),
    TABLE("table", "__table", Schema.STRING_SCHEMA),
    /** Binlog file of the change (absent for snapshot reads). */
    FILE("file", "__file", Schema.OPTIONAL_STRING_SCHEMA),
    /** Binlog position of the change's transaction (absent for snapshot reads). */
    POS("pos", "__pos", Schema.OPTIONAL_INT64_SCHEMA),
    /** true for rows read by the snapshot, false for binlog changes. */
    SNAPSHOT("snapshot", "__snapshot", Schema.BOOLEAN_SCHEMA);

    private final String value;
    private final String fieldName;
    private final Schema schema;

    MetadataField(String value, String fieldName, Schema schema) {
        this.value = value;
        this.fieldName = fieldName;
        this.schema = schema;
    }

    public String value() {
        return value;
    }

    /** Name of the value field and of the header. */
    public String fieldName() {
        return fieldName;
    }

    Schema schema() {
        return schema;
    }

    public static MetadataField parse(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.value.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown metadata field '" + text + "'"));
    }

    public static String[] names() {
        return Arrays.stream(values()).map(MetadataField::value).toArray(String[]::new);
    }
}
