package io.mysqlflinkcdc.connect.format;

/** How DATE, TIME, DATETIME and TIMESTAMP columns are written. */
public enum TemporalMode {
    /**
     * ISO-8601 strings: DATE 2024-02-29, TIME 13:14:15.123, DATETIME 2024-02-29T13:14:15.123 (no zone),
     * TIMESTAMP 2024-02-29T12:14:15.123Z (an instant, in UTC). Fraction digits = the column's precision.
     */
    ISO,
    /** As ISO but with a space between date and time: Flink's json format default (SQL standard). */
    SQL,
    /** Debezium's numbers: epoch days, microseconds of day, epoch milli/microseconds; TIMESTAMP as ISO UTC. */
    DEBEZIUM;

    public String value() {
        return EnumValues.value(this);
    }

    public static TemporalMode parse(String text) {
        return EnumValues.parse(TemporalMode.class, text);
    }

    public static String[] names() {
        return EnumValues.values(TemporalMode.class);
    }
}
