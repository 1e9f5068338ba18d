package io.mysqlflinkcdc.connect.format;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Text forms of MySQL's temporal values, with exactly the column's fractional digits. */
final class Temporals {

    private static final long MICROS_PER_SECOND = 1_000_000L;

    private Temporals() {
    }

    /** yyyy-MM-dd from days since the epoch. */
    static String date(int epochDay) {
        return LocalDate.ofEpochDay(epochDay).toString();
    }

    /** [-]HH:mm:ss[.fff] from microseconds; MySQL's TIME spans -838:59:59 to 838:59:59. */
    static String time(long micros, int precision) {
        StringBuilder text = new StringBuilder(16);
        long magnitude = Math.abs(micros);
        if (micros < 0) {
            text.append('-');
        }
        long seconds = magnitude / MICROS_PER_SECOND;
        long hours = seconds / 3600;
        if (hours < 10) {
            text.append('0');
        }
        text.append(hours).append(':');
        twoDigits(text, (int) (seconds / 60 % 60)).append(':');
        twoDigits(text, (int) (seconds % 60));
        return fraction(text, magnitude % MICROS_PER_SECOND * 1000, precision).toString();
    }

    /** yyyy-MM-dd{separator}HH:mm:ss[.fff] from microseconds since the epoch, read as wall-clock time. */
    static String dateTime(long epochMicros, int precision, char separator) {
        long seconds = Math.floorDiv(epochMicros, MICROS_PER_SECOND);
        int nanos = (int) Math.floorMod(epochMicros, MICROS_PER_SECOND) * 1000;
        return wallClock(LocalDateTime.ofEpochSecond(seconds, nanos, ZoneOffset.UTC), precision, separator)
                .toString();
    }

    /** An instant as UTC wall-clock time with a trailing Z. */
    static String instant(Instant instant, int precision, char separator) {
        return wallClock(LocalDateTime.ofInstant(instant, ZoneOffset.UTC), precision, separator).append('Z')
                .toString();
    }

    private static StringBuilder wallClock(LocalDateTime time, int precision, char separator) {
        StringBuilder text = new StringBuilder(32).append(time.toLocalDate()).append(separator);
        twoDigits(text, time.getHour()).append(':');
        twoDigits(text, time.getMinute()).append(':');
        twoDigits(text, time.getSecond());
        return fraction(text, time.getNano(), precision);
    }

    private static StringBuilder fraction(StringBuilder text, long nanos, int precision) {
        if (precision > 0) {
            String nine = Long.toString(1_000_000_000L + nanos).substring(1);
            text.append('.').append(nine, 0, precision);
        }
        return text;
    }

    private static StringBuilder twoDigits(StringBuilder text, int value) {
        return value < 10 ? text.append('0').append(value) : text.append(value);
    }
}
