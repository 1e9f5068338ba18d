package io.mysqlflinkcdc.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import io.mysqlflinkcdc.connect.offset.BinlogPosition;
import io.mysqlflinkcdc.connect.offset.OffsetCodec;
import io.mysqlflinkcdc.connect.record.TableRecord;
import io.mysqlflinkcdc.connect.signal.Signal;
import io.mysqlflinkcdc.connect.signal.SignalParser;

/** Which tables the signal table's rows ask to snapshot again. */
class SnapshotSignalsTest {

    private static final String SIGNALS = "shop.debezium_signal";
    private static final Schema VALUE = SchemaBuilder.struct().field("id", Schema.STRING_SCHEMA)
            .field("type", Schema.STRING_SCHEMA).field("data", Schema.OPTIONAL_STRING_SCHEMA).build();
    private static final List<String> JOB_TABLES = List.of("shop.orders", "shop.order_lines", "shop.customers", SIGNALS);

    private final List<String> otherTasksTables = new ArrayList<>();
    private final SnapshotSignals signals = new SnapshotSignals(SIGNALS, () -> {
        List<String> all = new ArrayList<>(JOB_TABLES);
        all.addAll(otherTasksTables);
        return all;
    });

    @Test
    void anInsertReadFromTheBinlogAsksForItsTablesOnceEachInOrder() {
        Map<String, BinlogPosition> requested = signals.read(List.of(
                signal("s1", "execute-snapshot", "{\"data-collections\": [\"shop\\\\.order.*\"]}", true),
                row("shop.orders"),
                signal("s2", "execute-snapshot", "{\"data-collections\": [\"shop.customers\", \"shop.orders\"]}", true)),
                JOB_TABLES).snapshots();
        assertEquals(List.of("shop.orders", "shop.order_lines", "shop.customers"), List.copyOf(requested.keySet()));
        // Each table's changes are read again from the first signal that asked for it.
        assertEquals(1, requested.get("shop.orders").pos());
        assertEquals(3, requested.get("shop.customers").pos());
    }

    @Test
    void rowsOfTheSignalTablesOwnSnapshotAreHistoryNotSignals() {
        assertEquals(Map.of(), signals.read(List.of(
                signal("old", "execute-snapshot", "{\"data-collections\": [\"shop.orders\"]}", false)), JOB_TABLES).snapshots());
    }

    @Test
    void withoutASignalTableNothingIsASignal() {
        SnapshotSignals off = new SnapshotSignals(null, List::of);
        assertEquals(Map.of(), off.read(List.of(
                signal("s1", "execute-snapshot", "{\"data-collections\": [\"shop.orders\"]}", true)), JOB_TABLES).snapshots());
    }

    @Test
    void badSignalsAndOtherTasksTablesAreSkippedWhileTheGoodOnesOfTheBatchAreActedOn() {
        otherTasksTables.add("shop.invoices");
        Map<String, BinlogPosition> requested = signals.read(List.of(
                signal("bad-json", "execute-snapshot", "{\"data-collections\": ", true),
                signal("unknown", "execute-snapshot", "{\"data-collections\": [\"nowhere\\\\..*\"]}", true),
                signal("elsewhere", "execute-snapshot", "{\"data-collections\": [\"shop.invoices\"]}", true),
                signal("log", "log", "{\"message\": \"hi\"}", true),
                tombstone(),
                signal("good", "execute-snapshot", "{\"data-collections\": [\"shop.customers\"]}", true)),
                JOB_TABLES).snapshots();
        assertEquals(List.of("shop.customers"), List.copyOf(requested.keySet()));
    }

    @Test
    void aTableListingThatFailsDoesNotLoseTheTasksOwnTables() {
        SnapshotSignals unlisted = new SnapshotSignals(SIGNALS, () -> {
            throw new IllegalStateException("server down");
        });
        assertEquals(List.of("shop.orders"), List.copyOf(unlisted.read(List.of(
                signal("s1", "execute-snapshot", "{\"data-collections\": [\"shop.orders\"]}", true)), JOB_TABLES).snapshots()
                .keySet()));
    }

    @Test
    void stopSignalsAreReturnedInOrderBesideTheSnapshotsAsked() {
        SnapshotSignals.Requests requests = signals.read(List.of(
                signal("go", "execute-snapshot", "{\"data-collections\": [\"shop.orders\"]}", true),
                signal("halt", "stop-snapshot", "{\"data-collections\": [\"shop.orders\"]}", true),
                signal("halt-all", "stop-snapshot", null, true),
                signal("old-halt", "stop-snapshot", null, false)), JOB_TABLES);
        assertEquals(List.of("shop.orders"), List.copyOf(requests.snapshots().keySet()));
        assertEquals(List.of("halt", "halt-all"), requests.stops().stream().map(Signal.StopSnapshot::id).toList());
    }

    @Test
    void kafkaSignalsSnapshotTablesAgainFromWhereTheirChangesWereDeliveredAndSkipThoseSnapshotting() {
        otherTasksTables.add("shop.invoices");
        SnapshotSignals.Requests requests = signals.fromKafka(List.of(
                SignalParser.parse("k1", "execute-snapshot", "{\"data-collections\": [\"shop\\\\.order.*\", "
                        + "\"shop.invoices\"]}"),
                SignalParser.parse("k2", "stop-snapshot", null)), JOB_TABLES,
                table -> table.equals("shop.orders") ? java.util.Optional.of(new BinlogPosition("mysql-bin.000003", 42, 0,
                        0, null, 0, null)) : java.util.Optional.empty());
        assertEquals(Map.of("shop.orders", new BinlogPosition("mysql-bin.000003", 42, 0, 0, null, 0, null)),
                requests.snapshots(), "order_lines is snapshotting already; invoices is another task's");
        assertEquals(List.of("k2"), requests.stops().stream().map(Signal.StopSnapshot::id).toList());
    }

    private SourceRecord signal(String id, String type, String data, boolean fromBinlog) {
        Struct value = new Struct(VALUE).put("id", id).put("type", type).put("data", data);
        return new TableRecord(SIGNALS, OffsetCodec.partition("shop", SIGNALS), offset(fromBinlog), "shop." + SIGNALS,
                Schema.STRING_SCHEMA, id, VALUE, value, null);
    }

    private SourceRecord tombstone() {
        return new TableRecord(SIGNALS, OffsetCodec.partition("shop", SIGNALS), offset(true), "shop." + SIGNALS,
                Schema.STRING_SCHEMA, "gone", null, null, null);
    }

    private SourceRecord row(String table) {
        Struct value = new Struct(VALUE).put("id", "1").put("type", "execute-snapshot")
                .put("data", "{\"data-collections\": [\"shop.customers\"]}");
        return new TableRecord(table, OffsetCodec.partition("shop", table), offset(true), "shop." + table,
                Schema.STRING_SCHEMA, "1", VALUE, value, null);
    }

    private long nextPos = 1;

    private Map<String, Object> offset(boolean fromBinlog) {
        Map<String, Object> offset = new HashMap<>();
        if (fromBinlog) {
            offset.put(OffsetCodec.FILE, "mysql-bin.000003");
            offset.put(OffsetCodec.POS, nextPos++);
        } else {
            offset.put(OffsetCodec.SNAPSHOT, true);
            offset.put(OffsetCodec.SNAPSHOT_COMPLETED, false);
        }
        return offset;
    }
}
