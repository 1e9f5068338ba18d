package io.mysqlflinkcdc.connect.record;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

import io.mysqlflinkcdc.connect.event.ChangeEvent;
import io.mysqlflinkcdc.connect.offset.OffsetCodec;
import io.mysqlflinkcdc.connect.offset.BinlogPosition;
import io.mysqlflinkcdc.connect.offset.StoredOffset;
import io.mysqlflinkcdc.connect.offset.TableResumePoints;
import io.mysqlflinkcdc.connect.schema.TableSchemasCodec;

/**
 * Builds the upsert-keyed records: key = primary key (or message.key.columns), value = row after
 * the change, delete = tombstone, and an update that moves a row to a new key = tombstone for the
 * old key followed by the new row (one hand-over element; the tombstone's offset claims only what
 * came before the change). Debezium emits an update of the primary key as a delete and an insert at
 * the same position; the delete's tombstone is held until that insert and travels with it. Each
 * table's records carry its own source partition and offset (docs/design.md, "Offsets"); a
 * heartbeat becomes one heartbeat-topic record per table, so idle tables' positions keep up with
 * the binlog.
 */
public final class SourceRecordFactory {

    /** A snapshot row's offset until the task thread gives it its table's progress; shared, never changed. */
    private static final Map<String, ?> SNAPSHOT_ROW_OFFSET = java.util.Collections.unmodifiableMap(
            OffsetCodec.encode(new StoredOffset.SnapshotRunning()));
    static final Schema HEARTBEAT_KEY_SCHEMA = SchemaBuilder.struct()
            .name("io.debezium.connector.common.ServerNameKey")
            .field("serverName", Schema.STRING_SCHEMA).build();
    static final Schema HEARTBEAT_VALUE_SCHEMA = SchemaBuilder.struct()
            .name("io.debezium.connector.common.Heartbeat")
            .field("ts_ms", Schema.INT64_SCHEMA).build();

    private final String heartbeatTopic;
    private final String topicPrefix;
    private final List<String> tables;
    private final TableResumePoints resumePoints;
    private final Map<String, Map<String, String>> partitions = new HashMap<>();
    private final Struct heartbeatKey;
    private final TopicRouter router;
    private final RecordKeys keys;
    private final MetadataWriter metadata;
    /** Each captured table's schema (encoded) as of the records being built (binlog phase). */
    private Map<String, String> tableSchemas = Map.of();
    /** Whether every table's offset has been moved into the binlog yet. */
    private boolean tablesInBinlog;
    /** The last binlog change this job delivered (any table) and the schemas as of it; null before the first. */
    private BinlogPosition lastChange;
    private Map<String, String> schemasAtLastChange = Map.of();
    /** The schemas the binlog phase started with: those of the tables' resume points. */
    private Map<String, String> schemasAtStart;
    /** The tombstone of a key moved away (see ChangeEvent#keyMovedAway), waiting for its new row. */
    private HeldTombstone heldTombstone;

    private record HeldTombstone(TableRecord tombstone, BinlogPosition position) {

        /** Whether {@code event} (of {@code table}) is the new row of this tombstone's key change. */
        boolean isCompletedBy(ChangeEvent event, String table) {
            return event.kind() == ChangeEvent.Kind.INSERT && position.equals(event.position())
                    && tombstone.sourceTable().equals(table);
        }
    }

    /**
     * @param tables       the tables the job reads
     * @param resumePoints where tables resuming in the binlog were delivered up to
     */
    public SourceRecordFactory(RecordSettings settings, List<String> tables, TableResumePoints resumePoints) {
        this.heartbeatTopic = settings.heartbeatTopic();
        this.topicPrefix = settings.topicPrefix();
        this.tables = List.copyOf(tables);
        this.resumePoints = resumePoints;
        this.heartbeatKey = new Struct(HEARTBEAT_KEY_SCHEMA).put("serverName", settings.topicPrefix());
        this.router = new TopicRouter(settings.topicPrefix(), settings.routeRegex(), settings.routeReplacement(),
                settings.routeKeyField());
        this.keys = new RecordKeys(KeyColumnOverrides.parse(settings.keyColumns()));
        this.metadata = new MetadataWriter(settings.metadataFields(), settings.metadataLocation());
    }

    /** From now on, binlog offsets carry these table schemas (see TableSchemasCodec). */
    public void tableSchemasChanged(String encoded) {
        this.tableSchemas = TableSchemasCodec.encodeEach(TableSchemasCodec.decode(encoded));
        if (schemasAtStart == null) {
            schemasAtStart = tableSchemas;
        }
    }

    public void toRecords(ChangeEvent event, Consumer<SourceRecord> out) {
        HeldTombstone held = heldTombstone;
        heldTombstone = null;
        if (event.kind() == ChangeEvent.Kind.HEARTBEAT) {
            releaseAlone(held, out);
            allTablesAt(event.position(), null, out);
            return;
        }
        TopicRouter.Route route = router.route(event.database(), event.table());
        String table = route.sourceTable();
        TableRecord movedKeyTombstone = null;
        if (held != null && held.isCompletedBy(event, table)) {
            movedKeyTombstone = held.tombstone();
        } else {
            releaseAlone(held, out);
        }
        BinlogPosition position = event.position();
        if (!resumePoints.admits(table, position)) {
            return;
        }
        if (event.keyMovedAway()) {
            Struct key = router.key(route, keys.of(event).key());
            heldTombstone = new HeldTombstone(tombstone(event, route, partition(table), offsetBefore(table), key, "d"),
                    position);
            return;
        }
        Map<String, ?> offset = position == null ? SNAPSHOT_ROW_OFFSET
                : OffsetCodec.encode(new StoredOffset.Streaming(position, tableSchemas.get(table)));
        records(event, route, partition(table), offset, movedKeyTombstone, out);
        if (position != null) {
            lastChange = position;
            schemasAtLastChange = tableSchemas;
        }
        if (position != null && !tablesInBinlog) {
            // The first binlog change: every table's snapshot (if any) is in Kafka and the binlog
            // before this point was read, so all tables can resume here, without waiting for a heartbeat.
            allTablesAt(position, table, out);
        }
    }

    /**
     * A held tombstone whose new row did not follow goes out on its own, before the record at
     * hand: its offset claims nothing after it, so that is safe.
     */
    private static void releaseAlone(HeldTombstone held, Consumer<SourceRecord> out) {
        if (held != null) {
            out.accept(held.tombstone());
        }
    }

    private TableRecord tombstone(ChangeEvent event, TopicRouter.Route route, Map<String, String> partition,
                                  Map<String, ?> offset, Struct key, String op) {
        return new TableRecord(route.sourceTable(), partition, offset, route.topic(), key.schema(), key, null, null,
                metadata.headers(event, op));
    }

    private void records(ChangeEvent event, TopicRouter.Route route, Map<String, String> partition,
                         Map<String, ?> offset, TableRecord movedKeyTombstone, Consumer<SourceRecord> out) {
        RecordKeys.Keys eventKeys = keys.of(event);
        TableRecord oldKeyTombstone = movedKeyTombstone;
        if (eventKeys.previous() != null) {
            oldKeyTombstone = tombstone(event, route, partition, offsetBefore(route.sourceTable()),
                    router.key(route, eventKeys.previous()), "d");
        }
        Struct key = router.key(route, eventKeys.key());
        String op = MetadataWriter.op(event);
        if (event.kind() == ChangeEvent.Kind.DELETE) {
            out.accept(tombstone(event, route, partition, offset, key, op));
        } else {
            Struct value = metadata.value(event, event.after());
            out.accept(new TableRecord(route.sourceTable(), partition, offset, route.topic(), key.schema(), key,
                    value.schema(), value, metadata.headers(event, op), oldKeyTombstone));
        }
    }

    /**
     * An offset for {@code table} that claims only the changes before the one being built: should
     * Connect commit the first record of a key change without the second, a restart reads the
     * change again. That is the later of the job's previous change and the table's resume point;
     * for a table this job snapshotted and that had no change yet, a running-snapshot offset, which
     * {@link SnapshotChunkTracker} turns into the table's completed chunks and their watermark.
     */
    private Map<String, Object> offsetBefore(String table) {
        BinlogPosition resumed = resumePoints.points().get(table);
        if (lastChange != null && (resumed == null || lastChange.compareTo(resumed) >= 0)) {
            return OffsetCodec.encode(new StoredOffset.Streaming(lastChange, schemasAtLastChange.get(table)));
        }
        if (resumed != null) {
            return OffsetCodec.encode(new StoredOffset.Streaming(resumed,
                    (schemasAtStart == null ? tableSchemas : schemasAtStart).get(table)));
        }
        return OffsetCodec.encode(new StoredOffset.SnapshotRunning());
    }

    /**
     * The record marking a snapshot chunk done (see {@link SnapshotChunkTracker}, which completes its
     * offset on the task thread).
     */
    public SourceRecord snapshotChunkCompleted(SnapshotChunk chunk) {
        Struct value = new Struct(HEARTBEAT_VALUE_SCHEMA).put("ts_ms", System.currentTimeMillis());
        return new SnapshotChunkRecord(chunk, partition(chunk.table()),
                OffsetCodec.encode(new StoredOffset.SnapshotRunning()), heartbeatTopic, HEARTBEAT_KEY_SCHEMA,
                heartbeatKey, HEARTBEAT_VALUE_SCHEMA, value);
    }

    /** Marks, in each table's offset, that an initial_only snapshot finished, so a restart does not redo it. */
    public List<SourceRecord> snapshotOnlyCompleted() {
        return tables.stream().map(table -> heartbeat(table, new StoredOffset.SnapshotOnlyCompleted())).toList();
    }

    /**
     * Marks, in each table's offset, that a new snapshot of it is under way (asked for by a signal),
     * so a restarted job snapshots it again whatever its stored position was, and afterwards reads
     * its changes from where they had been delivered ({@code since}, the signal's position).
     */
    public List<SourceRecord> snapshotRequested(Map<String, BinlogPosition> since) {
        return since.entrySet().stream().map(table -> heartbeat(table.getKey(),
                new StoredOffset.SnapshotRunning(null, table.getValue()))).toList();
    }

    /**
     * Marks, in each table's offset, that it streams from the given position: its on-demand
     * snapshot was stopped, and its changes since the signal that started it are read again.
     */
    public List<SourceRecord> streamingFrom(Map<String, BinlogPosition> positions) {
        return positions.entrySet().stream().map(table -> heartbeat(table.getKey(),
                new StoredOffset.Streaming(table.getValue()))).toList();
    }

    /** Moves every table (but {@code except}) not already past {@code position} to it. */
    private void allTablesAt(BinlogPosition position, String except, Consumer<SourceRecord> out) {
        tablesInBinlog = true;
        for (String table : tables) {
            if (!table.equals(except) && resumePoints.admits(table, position)) {
                out.accept(heartbeat(table, new StoredOffset.Streaming(position, tableSchemas.get(table))));
            }
        }
    }

    private SourceRecord heartbeat(String table, StoredOffset offset) {
        Struct value = new Struct(HEARTBEAT_VALUE_SCHEMA).put("ts_ms", System.currentTimeMillis());
        return new SourceRecord(partition(table), OffsetCodec.encode(offset), heartbeatTopic, null,
                HEARTBEAT_KEY_SCHEMA, heartbeatKey, HEARTBEAT_VALUE_SCHEMA, value);
    }

    private Map<String, String> partition(String table) {
        return partitions.computeIfAbsent(table, name -> OffsetCodec.partition(topicPrefix, name));
    }
}
