package io.mysqlflinkcdc.connect.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServerIdRangeTest {

    @Test
    void singleIdIsARangeOfOne() {
        ServerIdRange range = ServerIdRange.parse("database.server.id", " 5400 ");
        assertEquals(new ServerIdRange(5400, 5400), range);
        assertEquals(1, range.size());
        assertEquals("5400", range.toFlinkCdcString());
    }

    @Test
    void inclusiveRangeIsParsed() {
        ServerIdRange range = ServerIdRange.parse("database.server.id", "5400 - 5404");
        assertEquals(new ServerIdRange(5400, 5404), range);
        assertEquals(5, range.size());
        assertEquals("5400-5404", range.toFlinkCdcString());
        assertEquals("5400-5404", range.toString());
    }

    @Test
    void largestUnsignedIntIsAllowed() {
        assertEquals(4294967295L, ServerIdRange.parse("k", "4294967295").last());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "0", "-5", "5404-5400", "4294967296", "1-2-3", "5400-"})
    void invalidTextIsAConfigExceptionNamingTheKey(String text) {
        ConfigException e = assertThrows(ConfigException.class, () -> ServerIdRange.parse("database.server.id", text));
        assertTrue(e.getMessage().contains("database.server.id"), e.getMessage());
        assertTrue(e.getMessage().contains("5400-5404"), e.getMessage());
    }

    @Test
    void constructorRejectsReversedRange() {
        assertThrows(IllegalArgumentException.class, () -> new ServerIdRange(10, 9));
    }

    @Test
    void eachTaskGetsItsOwnSlice() {
        ServerIdRange range = new ServerIdRange(5400, 5405);
        assertEquals(new ServerIdRange(5400, 5401), range.slice(0, 2));
        assertEquals(new ServerIdRange(5404, 5405), range.slice(2, 2));
        IllegalArgumentException tooFew = assertThrows(IllegalArgumentException.class, () -> range.slice(3, 2));
        assertTrue(tooFew.getMessage().contains("5400-5405"), tooFew.getMessage());
    }
}
