package io.mysqlflinkcdc.connect.format;

import java.util.Arrays;
import java.util.Locale;

/** Enum-valued settings: written lower-case in configs, read case-insensitively. */
public final class EnumValues {

    private EnumValues() {
    }

    public static String value(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    public static <E extends Enum<E>> E parse(Class<E> type, String text) {
        return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT));
    }

    public static String[] values(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(EnumValues::value).toArray(String[]::new);
    }
}
