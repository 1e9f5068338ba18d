package io.mysqlflinkcdc.connect.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class KeyColumnOverridesTest {

    @Test
    void entriesMatchWholeTableNamesAndTheFirstMatchWins() {
        KeyColumnOverrides overrides = KeyColumnOverrides.parse(
                "shop\\.audit:event_id ; shop\\.orders_.*:order_id, line_no;shop\\..*:id");
        assertEquals(Optional.of(List.of("event_id")), overrides.columnsFor("shop", "audit"));
        assertEquals(Optional.of(List.of("order_id", "line_no")), overrides.columnsFor("shop", "orders_7"));
        assertEquals(Optional.of(List.of("id")), overrides.columnsFor("shop", "audit_archive"));
        assertEquals(Optional.empty(), overrides.columnsFor("other", "audit"));
    }

    @Test
    void emptyMeansNone() {
        assertEquals(Optional.empty(), KeyColumnOverrides.parse("").columnsFor("shop", "audit"));
        assertEquals(Optional.empty(), KeyColumnOverrides.parse(null).columnsFor("shop", "audit"));
    }

    @Test
    void malformedEntriesSayWhatIsWrong() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KeyColumnOverrides.parse("shop\\.audit"))
                .getMessage().contains("<table regex>:<column>"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KeyColumnOverrides.parse("shop\\.audit:,"))
                .getMessage().contains("names no key column"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KeyColumnOverrides.parse("shop(:id"))
                .getMessage().contains("not a valid regular expression"));
    }
}
