package io.mysqlflinkcdc.connect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.mysqlflinkcdc.connect.offset.BinlogPosition;
import io.mysqlflinkcdc.connect.offset.OffsetCodec;
import io.mysqlflinkcdc.connect.offset.StoredOffset;
import io.mysqlflinkcdc.connect.record.TableRecord;
import io.mysqlflinkcdc.connect.signal.Signal;
import io.mysqlflinkcdc.connect.signal.SignalParser;

/**
 * Acts on rows written to the signal table (signal.data.collection) as the task delivers them
 * (docs/design.md, "Signals"). Only rows read from the binlog are signals: the signal table's own
 * snapshot is history. Each is acted on once: a job restarted inside the task, or after a crash,
 * reads that part of the binlog again, and the signal table's resume point drops what was delivered.
 * A signal that cannot be acted on is logged and skipped; it never fails the task.
 */
final class SnapshotSignals {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotSignals.class);

    private final String signalTable;
    private final Supplier<List<String>> capturedTables;

    /**
     * @param signalTable    db.table of the signal table, or null when signals are off
     * @param capturedTables every table the connector captures (all tasks'), for messages about the others
     */
    SnapshotSignals(String signalTable, Supplier<List<String>> capturedTables) {
        this.signalTable = signalTable;
        this.capturedTables = capturedTables;
    }

    /**
     * What the signals among {@code delivered} ask of the task.
     *
     * @param snapshots the tables of the job to snapshot again, in the order asked, each once, with
     *                  the binlog position of the first signal that asked
     * @param stops     the stop-snapshot signals, in order
     * @param filters   of tables among {@code snapshots}, the SQL condition their rows must match
     *                  (additional-conditions of the signal that asked)
     */
    record Requests(Map<String, BinlogPosition> snapshots, List<Signal.StopSnapshot> stops,
                    Map<String, String> filters) {

        static final Requests NONE = new Requests(Map.of(), List.of(), Map.of());

        boolean isEmpty() {
            return snapshots.isEmpty() && stops.isEmpty();
        }
    }

    /** What the signals among {@code delivered} ask of the task whose tables are {@code jobTables}. */
    Requests read(List<SourceRecord> delivered, List<String> jobTables) {
        if (signalTable == null) {
            return Requests.NONE;
        }
        Map<String, BinlogPosition> requested = new LinkedHashMap<>();
        Map<String, String> filters = new LinkedHashMap<>();
        List<Signal.StopSnapshot> stops = new ArrayList<>();
        for (SourceRecord record : delivered) {
            if (record instanceof TableRecord row && row.sourceTable().equals(signalTable)
                    && row.value() instanceof Struct value && record.sourceOffset().get(OffsetCodec.FILE) != null) {
                Signal signal = read(value);
                BinlogPosition at = ((StoredOffset.Streaming) OffsetCodec.decode(record.sourceOffset())).position();
                take(signal, signalTable, jobTables, table -> Optional.of(at), requested, filters, stops);
            }
        }
        return requested.isEmpty() && stops.isEmpty() ? Requests.NONE
                : new Requests(requested, List.copyOf(stops), filters);
    }

    /**
     * What the signals of the kafka channel ask of the task whose tables are {@code jobTables}.
     * Every task reads them, so each acts on its own tables only. A table snapshotted again streams
     * afterwards from where its changes had been delivered when the signal arrived.
     *
     * @param deliveredAt a table's delivered binlog position; empty while it has none (snapshotting)
     */
    Requests fromKafka(List<Signal> signals, List<String> jobTables,
                       Function<String, Optional<BinlogPosition>> deliveredAt) {
        Map<String, BinlogPosition> requested = new LinkedHashMap<>();
        Map<String, String> filters = new LinkedHashMap<>();
        List<Signal.StopSnapshot> stops = new ArrayList<>();
        for (Signal signal : signals) {
            take(signal, "the signal topic", jobTables, deliveredAt, requested, filters, stops);
        }
        return requested.isEmpty() && stops.isEmpty() ? Requests.NONE
                : new Requests(requested, List.copyOf(stops), filters);
    }

    private void take(Signal signal, String channel, List<String> jobTables,
                      Function<String, Optional<BinlogPosition>> deliveredAt, Map<String, BinlogPosition> requested,
                      Map<String, String> filters, List<Signal.StopSnapshot> stops) {
        if (signal instanceof Signal.ExecuteSnapshot snapshot) {
            boolean fromTable = channel.equals(signalTable);
            for (String table : tablesOf(snapshot, channel, jobTables, fromTable)) {
                Optional<BinlogPosition> at = deliveredAt.apply(table);
                if (at.isPresent() && !requested.containsKey(table)) {
                    requested.put(table, at.get());
                    snapshot.filterFor(table).ifPresent(filter -> {
                        filters.put(table, filter);
                        LOG.info("Signal '{}' from {}: {} is read where {} (additional-conditions)", snapshot.id(),
                                channel, table, filter);
                    });
                } else if (at.isPresent()) {
                    LOG.info("Signal '{}' from {}: {} is snapshotted already by an earlier signal of the same batch",
                            snapshot.id(), channel, table);
                } else if (!requested.containsKey(table)) {
                    LOG.warn("Signal '{}' from {}: {} is not snapshotted again: its snapshot is under way already",
                            snapshot.id(), channel, table);
                }
            }
        } else if (signal instanceof Signal.StopSnapshot stop) {
            stops.add(stop);
        } else if (signal instanceof Signal.Log log) {
            LOG.info("Signal '{}' from {}: {}", log.id(), channel, log.message());
        } else if (signal instanceof Signal.Unusable unusable) {
            LOG.warn("Signal '{}' from {} ignored: {}", unusable.id(), channel, unusable.problem());
        }
    }

    /** The signal table, for messages; null when signals are off. */
    String table() {
        return signalTable;
    }

    /** Debezium's signal table has columns id, type, data, read by position as Debezium does. */
    private Signal read(Struct value) {
        List<Field> fields = value.schema().fields();
        String id = fields.isEmpty() ? "?" : text(value, fields.get(0));
        if (fields.size() < 3) {
            return new Signal.Unusable(id, "the signal table needs three columns (id, type, data), has "
                    + fields.size());
        }
        return SignalParser.parse(id, text(value, fields.get(1)), text(value, fields.get(2)));
    }

    private static String text(Struct value, Field field) {
        Object content = value.get(field);
        return content == null ? null : content.toString();
    }

    /**
     * @param otherTasksMiss whether the other tasks never see the signal (it came from this task's
     *                       signal table), so their matching tables are worth a warning
     */
    private List<String> tablesOf(Signal.ExecuteSnapshot signal, String channel, List<String> jobTables,
                                  boolean otherTasksMiss) {
        List<String> matched = jobTables.stream().filter(signal::matches).toList();
        List<String> elsewhere = new ArrayList<>();
        try {
            capturedTables.get().stream().filter(signal::matches).filter(table -> !jobTables.contains(table))
                    .forEach(elsewhere::add);
        } catch (RuntimeException e) {
            LOG.warn("Signal '{}': could not list the connector's other tables to check the signal against ({})",
                    signal.id(), e.getMessage());
        }
        if (!elsewhere.isEmpty() && otherTasksMiss) {
            LOG.warn("Signal '{}' from {}: {} are captured by other tasks of this connector and are not snapshotted: "
                    + "a signal reaches the tables of the task that captures the signal table. Run one task "
                    + "(tasks.max=1), or send the signal through the kafka channel, to signal every table",
                    signal.id(), channel, elsewhere);
        }
        if (matched.isEmpty() && elsewhere.isEmpty()) {
            LOG.warn("Signal '{}' from {} ignored: data-collections {} match no captured table (entries are regular "
                    + "expressions matched against the whole db.table)", signal.id(), channel,
                    signal.dataCollections());
        } else if (!matched.isEmpty()) {
            LOG.info("Signal '{}' from {}: snapshotting {} again; the task's other tables keep streaming",
                    signal.id(), channel, matched);
        }
        return matched;
    }
}
