package io.mysqlflinkcdc.connect.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A DECIMAL's text is kept only where it is exactly what the BigDecimal path writes: Debezium's value
 * (the text's number, raised to the column's scale) printed with toPlainString.
 */
class DecimalTextTest {

    /** What the connector wrote before: Connector/J's BigDecimal, Debezium's scale, toPlainString. */
    private static String throughBigDecimal(String text, int scale) {
        BigDecimal value = new BigDecimal(text);
        return (value.scale() < scale ? value.setScale(scale) : value).toPlainString();
    }

    private static String plain(String text, int scale) {
        return DecimalText.plain(text.getBytes(StandardCharsets.US_ASCII), scale);
    }

    @ParameterizedTest
    @CsvSource({"12.34,2", "-12.34,2", "0.00,2", "-0.01,2", "0,0", "-7,0", "123456789012345678901234567890,0",
            "0.000000000000000000000000000001,30", "99999999999999999999999999999999999.999999999999999999999999999999,30"})
    void textAsTheServerSendsItIsKept(String text, int scale) {
        assertEquals(text, plain(text, scale));
        assertEquals(throughBigDecimal(text, scale), plain(text, scale));
    }

    /** ZEROFILL padding, a negative zero, too few or too many fraction digits, not a plain number. */
    @ParameterizedTest
    @CsvSource({"0012.50,2", "00,0", "-0.00,2", "-0,0", "12.5,2", "12.345,2", "12,2", "12.00,0", "+1.00,2",
            "1E+5,0", ".50,2", "-.50,2", "1.,0", "-,0", "'',0", "1 2,0", "12.3a,2"})
    void anyOtherTextGoesThroughBigDecimal(String text, int scale) {
        assertNull(plain(text, scale), text);
    }

    @Test
    void whatItKeepsIsWhatTheBigDecimalPathWrites() {
        Random random = new Random(20261207);
        for (int i = 0; i < 100_000; i++) {
            int scale = random.nextInt(12);
            BigDecimal value = new BigDecimal(new BigInteger(random.nextInt(80) + 1, random), scale);
            if (random.nextBoolean()) {
                value = value.negate();
            }
            // As the server prints a DECIMAL(p, scale): every fraction digit, no exponent.
            String text = value.setScale(scale, RoundingMode.UNNECESSARY).toPlainString();
            String kept = plain(text, scale);
            assertNotNull(kept, text);
            assertEquals(throughBigDecimal(text, scale), kept, text);
        }
    }
}
