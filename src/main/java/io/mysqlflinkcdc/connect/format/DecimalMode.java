package io.mysqlflinkcdc.connect.format;

/** How DECIMAL/NUMERIC (and BIGINT UNSIGNED in precise mode) columns are written. */
public enum DecimalMode {
    /** A JSON string with every digit, e.g. "12345.67": exact for any reader, parsed by Flink's DECIMAL. */
    STRING,
    /** Connect's Decimal logical type: a JSON number only with the converter's decimal.format=NUMERIC. */
    PRECISE,
    /** A double: readable as a number everywhere, but rounds beyond ~15 significant digits. */
    DOUBLE;

    public String value() {
        return EnumValues.value(this);
    }

    public static DecimalMode parse(String text) {
        return EnumValues.parse(DecimalMode.class, text);
    }

    public static String[] names() {
        return EnumValues.values(DecimalMode.class);
    }
}
