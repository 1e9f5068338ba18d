package io.mysqlflinkcdc.connect.format;

import java.nio.charset.StandardCharsets;

/**
 * A DECIMAL value as the server sends it in a text result, kept as text when it already reads as
 * the connector writes decimals in string mode: {@code BigDecimal.toPlainString()} of the value
 * Debezium makes of it (the value with its column's scale). Connector/J would otherwise parse the
 * text into a BigDecimal, print it, and parse it again, for Debezium's converter, before the
 * connector prints it once more: a third of the CPU the snapshot's Flink threads spent per row of
 * a table with twelve DECIMAL columns (docs/design.md, "The chunk reader").
 */
public final class DecimalText {

    private DecimalText() {
    }

    /**
     * The text of {@code raw} if it equals {@code toPlainString()} of its value at {@code scale}
     * fraction digits: an optional minus, the integer digits without leading zeros (a lone 0
     * allowed), and then, with a scale above 0, a point and exactly {@code scale} digits; a negative
     * value must not be zero. Otherwise (ZEROFILL padding, {@code -0.00}, fewer fraction digits)
     * null: the caller takes the value through BigDecimal.
     */
    public static String plain(byte[] raw, int scale) {
        int length = raw.length;
        int at = 0;
        boolean negative = length > 0 && raw[0] == '-';
        if (negative) {
            at++;
        }
        int integerStart = at;
        boolean nonZero = false;
        while (at < length && isDigit(raw[at])) {
            nonZero |= raw[at] != '0';
            at++;
        }
        int integerDigits = at - integerStart;
        if (integerDigits == 0 || (integerDigits > 1 && raw[integerStart] == '0')) {
            return null;
        }
        if (scale > 0) {
            if (at >= length || raw[at] != '.' || length - at - 1 != scale) {
                return null;
            }
            for (at++; at < length; at++) {
                if (!isDigit(raw[at])) {
                    return null;
                }
                nonZero |= raw[at] != '0';
            }
        }
        if (at != length || (negative && !nonZero)) {
            return null;
        }
        return new String(raw, StandardCharsets.US_ASCII);
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }
}
