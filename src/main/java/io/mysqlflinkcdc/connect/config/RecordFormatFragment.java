package io.mysqlflinkcdc.connect.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

import io.mysqlflinkcdc.connect.format.DecimalMode;
import io.mysqlflinkcdc.connect.format.TemporalMode;
import io.mysqlflinkcdc.connect.record.MetadataField;
import io.mysqlflinkcdc.connect.record.MetadataLocation;

/** How column values are written, and which change metadata travels with them. */
public final class RecordFormatFragment {

    public static final String GROUP = "Record format";

    public static final String DECIMAL_HANDLING_MODE = "decimal.handling.mode";
    public static final String TEMPORAL_HANDLING_MODE = "temporal.handling.mode";
    public static final String BINARY_HANDLING_MODE = "binary.handling.mode";
    public static final String BIGINT_UNSIGNED_HANDLING_MODE = "bigint.unsigned.handling.mode";
    public static final String METADATA_FIELDS = "metadata.fields";
    public static final String METADATA_LOCATION = "metadata.location";

    private RecordFormatFragment() {
    }

    static void define(ConfigDef def) {
        int order = 0;
        def.define(DECIMAL_HANDLING_MODE, Type.STRING, DecimalMode.STRING.value(),
                ConfigDef.CaseInsensitiveValidString.in(DecimalMode.names()), Importance.MEDIUM,
                "DECIMAL/NUMERIC columns (and BIGINT UNSIGNED with bigint.unsigned.handling.mode=precise): "
                        + "string writes every digit as a JSON string (\"12345.67\"), which any reader and Flink's "
                        + "DECIMAL(p,s) parse exactly; precise writes Connect's Decimal type, a JSON number only with "
                        + "the converter's decimal.format=NUMERIC (base64 otherwise); double writes a number that "
                        + "rounds beyond ~15 significant digits.",
                GROUP, ++order, Width.SHORT, "Decimals")
           .define(TEMPORAL_HANDLING_MODE, Type.STRING, TemporalMode.ISO.value(),
                ConfigDef.CaseInsensitiveValidString.in(TemporalMode.names()), Importance.MEDIUM,
                "DATE, TIME, DATETIME and TIMESTAMP columns. iso: strings 2024-02-29, 13:14:15.123, "
                        + "2024-02-29T13:14:15.123 (DATETIME: wall-clock time, no zone) and 2024-02-29T12:14:15.123Z "
                        + "(TIMESTAMP: an instant, always UTC), with as many fraction digits as the column's precision "
                        + "(Flink SQL: 'json.timestamp-format.standard' = 'ISO-8601'). sql: the same with a space "
                        + "instead of T (Flink's default SQL format). debezium: Debezium's numbers (epoch days, "
                        + "microseconds of the day, epoch milli/microseconds) and ISO strings for TIMESTAMP.",
                GROUP, ++order, Width.SHORT, "Dates and times")
           .define(BINARY_HANDLING_MODE, Type.STRING, "bytes",
                ConfigDef.CaseInsensitiveValidString.in("bytes", "base64", "hex"), Importance.LOW,
                "BINARY, VARBINARY and BLOB columns: bytes (JsonConverter writes base64; Avro keeps bytes), "
                        + "base64 or hex strings.",
                GROUP, ++order, Width.SHORT, "Binary columns")
           .define(BIGINT_UNSIGNED_HANDLING_MODE, Type.STRING, "precise",
                ConfigDef.CaseInsensitiveValidString.in("precise", "long"), Importance.LOW,
                "BIGINT UNSIGNED columns: precise is a DECIMAL(20,0) written as decimal.handling.mode says, "
                        + "exact up to 18446744073709551615; long is a 64-bit number, wrong above 9223372036854775807.",
                GROUP, ++order, Width.SHORT, "BIGINT UNSIGNED")
           .define(METADATA_FIELDS, Type.LIST, "", ConfigDef.ValidList.in(MetadataField.names()), Importance.MEDIUM,
                "Change metadata to add to each record, as __<name> fields (source.ts_ms becomes "
                        + "__source_ts_ms): op (r snapshot read, c insert, u update, d delete), source.ts_ms "
                        + "(when the change happened on the server, epoch ms; 0 for snapshot reads), db, table, "
                        + "file and pos (binlog position; absent for snapshot reads), snapshot (true for snapshot "
                        + "reads). Empty adds nothing.",
                GROUP, ++order, Width.LONG, "Metadata fields")
           .define(METADATA_LOCATION, Type.STRING, MetadataLocation.VALUE.value(),
                ConfigDef.CaseInsensitiveValidString.in(MetadataLocation.names()), Importance.LOW,
                "Where metadata.fields go: value (extra fields after the row's columns; tombstones have no value, "
                        + "so deletes carry none), header (Kafka headers, also on tombstones) or both.",
                GROUP, ++order, Width.SHORT, "Metadata location");
    }
}
