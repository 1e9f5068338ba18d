package org.apache.flink.cdc.connectors.mysql.source;

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

import io.debezium.relational.TableId;
import io.debezium.relational.history.TableChanges.TableChange;

/**
 * The enumerator state Flink CDC would have restored had one job snapshotted every table so far:
 * each resuming table is a single finished snapshot split (the whole key range) whose high
 * watermark is the table's delivered binlog position; the other tables are still to be split and
 * read. Flink CDC then snapshots those, and starts the binlog at the earliest watermark, reading each
 * table from its own (docs/design.md, "Offsets").
 */
final class ResumedTablesState {

    private ResumedTablesState() {
    }

    /**
     * @param resumed  each resuming table's delivered position
     * @param toRead   the tables to snapshot
     * @param schemas  schemas of (at least) the resuming tables
     */
    static HybridPendingSplitsState of(MySqlSourceConfig config, Map<TableId, BinlogOffset> resumed,
                                       List<TableId> toRead, Map<TableId, TableChange> schemas,
                                       boolean tableIdCaseSensitive) {
        Map<String, MySqlSchemalessSnapshotSplit> assigned = new LinkedHashMap<>();
        Map<String, BinlogOffset> finished = new HashMap<>();
        Map<TableId, TableChange> splitSchemas = new HashMap<>();
        resumed.forEach((table, position) -> {
            TableChange schema = schemas.get(table);
            if (schema == null) {
                throw new IllegalStateException("No schema for " + table + ", which resumes at " + position);
            }
            String splitId = table + ":resumed";
            assigned.put(splitId, new MySqlSchemalessSnapshotSplit(table, splitId,
                    ChunkUtils.getChunkKeyColumnType(schema.getTable(), config.getChunkKeyColumns(),
                            config.isTreatTinyInt1AsBoolean()),
                    null, null, position));
            finished.put(splitId, position);
            splitSchemas.put(table, schema);
        });
        SnapshotPendingSplitsState snapshot = new SnapshotPendingSplitsState(
                new ArrayList<>(resumed.keySet()), new ArrayList<>(), assigned, splitSchemas, finished,
                AssignerStatus.INITIAL_ASSIGNING, new ArrayList<>(toRead), tableIdCaseSensitive, true,
                ChunkSplitterState.NO_SPLITTING_TABLE_STATE);
        return new HybridPendingSplitsState(snapshot, false);
    }
}
