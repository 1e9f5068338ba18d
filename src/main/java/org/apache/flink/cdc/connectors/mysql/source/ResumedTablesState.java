package org.apache.flink.cdc.connectors.mysql.source;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.flink.cdc.connectors.mysql.source.assigners.AssignerStatus;
import org.apache.flink.cdc.connectors.mysql.source.assigners.state.ChunkSplitterState;
import org.apache.flink.cdc.connectors.mysql.source.assigners.state.HybridPendingSplitsState;
import org.apache.flink.cdc.connectors.mysql.source.assigners.state.SnapshotPendingSplitsState;
import org.apache.flink.cdc.connectors.mysql.source.config.MySqlSourceConfig;
import org.apache.flink.cdc.connectors.mysql.source.offset.BinlogOffset;
import org.apache.flink.cdc.connectors.mysql.source.split.MySqlSchemalessSnapshotSplit;
import org.apache.flink.cdc.connectors.mysql.source.utils.ChunkUtils;
import org.apache.flink.cdc.connectors.mysql.source.utils.SerializerUtils;

import io.debezium.relational.TableId;
import io.debezium.relational.history.TableChanges.TableChange;

import io.mysqlflinkcdc.connect.schema.TableSchemasCodec;

/**
 * The enumerator state Flink CDC would have restored had one job snapshotted every table so far:
 * each resuming table is a single finished snapshot split (the whole key range) whose high
 * watermark is the table's delivered binlog position; the other tables are still to be split and
 * read. Flink CDC then snapshots those, and starts the binlog at the earliest watermark, reading each
 * table from its own (docs/design.md, "Offsets"). A table whose snapshot stopped part way is a
 * finished split up to where it got, and Flink CDC's chunk splitter continues from there.
 */
public final class ResumedTablesState {

    private ResumedTablesState() {
    }

    /**
     * A table whose first {@code chunksDone} chunks, up to key {@code doneUntil} (serialised as
     * Flink CDC serialises split boundaries), are in Kafka; their earliest high watermark.
     */
    public record Partial(String table, int chunksDone, String doneUntil, BinlogOffset highWatermark)
            implements Serializable {
    }

    /**
     * @param resumed  each resuming table's delivered position
     * @param partial  the table whose snapshot continues after its done chunks, or null
     * @param toRead   the tables to snapshot
     * @param schemas  schemas of (at least) the resuming tables and the partial one
     */
    static HybridPendingSplitsState of(MySqlSourceConfig config, Map<TableId, BinlogOffset> resumed,
                                       Partial partial, List<TableId> toRead, Map<TableId, TableChange> schemas,
                                       boolean tableIdCaseSensitive) {
        Map<String, MySqlSchemalessSnapshotSplit> assigned = new LinkedHashMap<>();
        Map<String, BinlogOffset> finished = new HashMap<>();
        Map<TableId, TableChange> splitSchemas = new HashMap<>();
        List<TableId> processed = new ArrayList<>(resumed.keySet());
        resumed.forEach((table, position) -> finishedSplit(config, table, null, position, schemas, assigned,
                finished, splitSchemas));
        ChunkSplitterState splitter = ChunkSplitterState.NO_SPLITTING_TABLE_STATE;
        List<TableId> remaining = new ArrayList<>();
        if (partial != null) {
            TableId table = schemas.keySet().stream()
                    .filter(id -> TableSchemasCodec.qualifiedName(id).equals(partial.table())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No schema for " + partial.table()
                            + ", whose snapshot was to continue; was it dropped?"));
            Object[] doneUntil = SerializerUtils.serializedStringToRow(partial.doneUntil());
            finishedSplit(config, table, doneUntil, partial.highWatermark(), schemas, assigned, finished,
                    splitSchemas);
            processed.add(table);
            splitter = new ChunkSplitterState(table, ChunkSplitterState.ChunkBound.middleOf(doneUntil[0]),
                    partial.chunksDone());
            // As in Flink CDC's own checkpoints, the table being split stays a remaining table until
            // its last chunk is split: otherwise the assigner reports "no more splits" while the
            // splitter still works, and the binlog split can be handed out before those chunks.
            remaining.add(table);
        }
        remaining.addAll(toRead);
        SnapshotPendingSplitsState snapshot = new SnapshotPendingSplitsState(processed, new ArrayList<>(), assigned,
                splitSchemas, finished, AssignerStatus.INITIAL_ASSIGNING, remaining,
                tableIdCaseSensitive, true, splitter);
        return new HybridPendingSplitsState(snapshot, false);
    }

    /** A finished split of {@code table} from its first key to {@code end} (null: the last). */
    private static void finishedSplit(MySqlSourceConfig config, TableId table, Object[] end, BinlogOffset watermark,
                                      Map<TableId, TableChange> schemas,
                                      Map<String, MySqlSchemalessSnapshotSplit> assigned,
                                      Map<String, BinlogOffset> finished, Map<TableId, TableChange> splitSchemas) {
        TableChange schema = schemas.get(table);
        if (schema == null) {
            throw new IllegalStateException("No schema for " + table + ", which resumes at " + watermark
                    + "; was it dropped?");
        }
        String splitId = table + ":resumed";
        assigned.put(splitId, new MySqlSchemalessSnapshotSplit(table, splitId,
                ChunkUtils.getChunkKeyColumnType(schema.getTable(), config.getChunkKeyColumns(),
                        config.isTreatTinyInt1AsBoolean()),
                null, end, watermark));
        finished.put(splitId, watermark);
        splitSchemas.put(table, schema);
    }
}
