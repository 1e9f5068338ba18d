package io.mysqlflinkcdc.connect.format;

/** BIT(n) values, which Debezium hands over as little-endian bytes. */
final class Bits {

    private Bits() {
    }

    /** The n binary digits, most significant first, as MySQL's BIN() would pad them. */
    static String toBitString(byte[] littleEndian, int length) {
        char[] digits = new char[length];
        for (int bit = 0; bit < length; bit++) {
            int index = bit / 8;
            boolean set = index < littleEndian.length && (littleEndian[index] >> (bit % 8) & 1) == 1;
            digits[length - 1 - bit] = set ? '1' : '0';
        }
        return new String(digits);
    }
}
