package io.mysqlflinkcdc.connect.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Signal rows as Debezium's documentation writes them are read the same way here. */
class SignalParserTest {

    @Test
    void debeziumsIncrementalSnapshotSignalNamesRegexesMatchedAgainstTheWholeName() {
        Signal signal = SignalParser.parse("ad-hoc-1", "execute-snapshot",
                "{\"data-collections\": [\"inventory\\\\.orders\", \"inventory\\\\.line_.*\"], \"type\": \"incremental\"}");
        Signal.ExecuteSnapshot snapshot = assertInstanceOf(Signal.ExecuteSnapshot.class, signal);
        assertEquals("ad-hoc-1", snapshot.id());
        assertTrue(snapshot.matches("inventory.orders"));
        assertTrue(snapshot.matches("inventory.line_items"));
        assertFalse(snapshot.matches("inventory.orders_archive"), "a whole-name match, as Debezium's");
        assertFalse(snapshot.matches("inventoryXorders"), "an escaped dot is a dot");
    }

    @Test
    void theSnapshotTypeDefaultsToIncrementalAndBlockingIsAccepted() {
        assertInstanceOf(Signal.ExecuteSnapshot.class,
                SignalParser.parse("1", "execute-snapshot", "{\"data-collections\": [\"db.t\"]}"));
        assertInstanceOf(Signal.ExecuteSnapshot.class,
                SignalParser.parse("2", " Execute-Snapshot ", "{\"data-collections\": [\"db.t\"], \"type\": \"BLOCKING\"}"));
        assertUnusable(SignalParser.parse("3", "execute-snapshot",
                "{\"data-collections\": [\"db.t\"], \"type\": \"parallel\"}"), "'parallel' is unknown");
    }

    @Test
    void emptyAdditionalConditionsAreNoConditions() {
        assertInstanceOf(Signal.ExecuteSnapshot.class, SignalParser.parse("1", "execute-snapshot",
                "{\"data-collections\": [\"db.t\"], \"additional-conditions\": []}"));
        assertInstanceOf(Signal.ExecuteSnapshot.class, SignalParser.parse("2", "execute-snapshot",
                "{\"data-collections\": [\"db.t\"], \"additional-condition\": \"\"}"));
    }

    @Test
    void aSignalThisConnectorCannotHonourIsRefusedRatherThanDoneDifferently() {
        assertUnusable(SignalParser.parse("3", "pause-snapshot", "{}"), "'pause-snapshot' is not supported");
    }

    @Test
    void additionalConditionsFilterTheTablesTheirDataCollectionMatches() {
        Signal.ExecuteSnapshot signal = assertInstanceOf(Signal.ExecuteSnapshot.class, SignalParser.parse("1",
                "execute-snapshot", "{\"data-collections\": [\"db\\\\.(orders|items)\"], \"additional-conditions\": "
                        + "[{\"data-collection\": \"db\\\\.orders\", \"filter\": \" color = 'blue' \"}]}"));
        assertEquals(Optional.of("color = 'blue'"), signal.filterFor("db.orders"));
        assertEquals(Optional.empty(), signal.filterFor("db.items"), "no condition: the whole table");
        // Debezium's older single condition applies to every table of the signal.
        Signal.ExecuteSnapshot older = assertInstanceOf(Signal.ExecuteSnapshot.class, SignalParser.parse("2",
                "execute-snapshot", "{\"data-collections\": [\"db.t\"], \"additional-condition\": \"id > 10\"}"));
        assertEquals(Optional.of("id > 10"), older.filterFor("db.t"));
    }

    @Test
    void malformedAdditionalConditionsAreRefusedWithTheirShape() {
        assertUnusable(SignalParser.parse("1", "execute-snapshot", "{\"data-collections\": [\"db.t\"], "
                + "\"additional-conditions\": {\"data-collection\": \"db.t\"}}"), "must be a list of");
        assertUnusable(SignalParser.parse("2", "execute-snapshot", "{\"data-collections\": [\"db.t\"], "
                + "\"additional-conditions\": [{\"data-collection\": \"db.t\"}]}"), "needs a data-collection and a filter");
        assertUnusable(SignalParser.parse("3", "execute-snapshot", "{\"data-collections\": [\"db.t\"], "
                + "\"additional-conditions\": [{\"data-collection\": \"db.(\", \"filter\": \"a=1\"}]}"),
                "is not a regular expression");
        assertUnusable(SignalParser.parse("4", "execute-snapshot", "{\"data-collections\": [\"db.t\"], "
                + "\"additional-condition\": [\"a=1\"]}"), "must be a SQL condition");
    }

    @Test
    void stopSnapshotNamesItsTablesOrStopsEveryOnDemandSnapshot() {
        Signal.StopSnapshot named = assertInstanceOf(Signal.StopSnapshot.class, SignalParser.parse("s",
                "stop-snapshot", "{\"data-collections\": [\"db\\\\.orders\"], \"type\": \"incremental\"}"));
        assertTrue(named.matches("db.orders"));
        assertFalse(named.matches("db.customers"));
        for (String data : new String[] {"{\"type\": \"INCREMENTAL\"}", "{\"data-collections\": []}", null}) {
            Signal.StopSnapshot all = assertInstanceOf(Signal.StopSnapshot.class,
                    SignalParser.parse("all", "stop-snapshot", data), String.valueOf(data));
            assertTrue(all.matches("db.anything"), "no data-collections: every table");
        }
        assertUnusable(SignalParser.parse("1", "stop-snapshot", "{\"data-collections\": \"db.t\"}"),
                "must be a list");
        assertUnusable(SignalParser.parse("2", "stop-snapshot", "{\"data-collections\": [\"db.(\"]}"),
                "not a regular expression");
        assertUnusable(SignalParser.parse("3", "stop-snapshot", "{\"type\": \"parallel\"}"), "'parallel' is unknown");
    }

    @Test
    void malformedSignalsSayWhatIsWrong() {
        assertUnusable(SignalParser.parse("1", "execute-snapshot", "{\"data-collections\": [\"db.t\""),
                "not JSON");
        assertUnusable(SignalParser.parse("2", "execute-snapshot", "[\"db.t\"]"), "must be a JSON object");
        assertUnusable(SignalParser.parse("3", "execute-snapshot", "{}"), "needs data {\"data-collections\"");
        assertUnusable(SignalParser.parse("4", "execute-snapshot", "{\"data-collections\": \"db.t\"}"),
                "needs data {\"data-collections\"");
        assertUnusable(SignalParser.parse("5", "execute-snapshot", "{\"data-collections\": [\"db.(t\"]}"),
                "not a regular expression");
        assertUnusable(SignalParser.parse("6", "execute-snapshot", "{\"data-collections\": [42]}"),
                "must hold table names");
        assertUnusable(SignalParser.parse("7", "snapshot-now", "{}"), "unknown signal type 'snapshot-now'");
        assertUnusable(SignalParser.parse("8", null, null), "unknown signal type");
        assertUnusable(SignalParser.parse("9", "log", "{\"msg\": \"x\"}"), "needs data {\"message\"");
    }

    @Test
    void aLogSignalCarriesItsMessage() {
        Signal.Log log = assertInstanceOf(Signal.Log.class,
                SignalParser.parse("l1", "log", "{\"message\": \"hello from the signal table\"}"));
        assertEquals("hello from the signal table", log.message());
    }

    private static void assertUnusable(Signal signal, String expected) {
        Signal.Unusable unusable = assertInstanceOf(Signal.Unusable.class, signal);
        assertTrue(unusable.problem().contains(expected), unusable.problem());
    }
}
