package io.mysqlflinkcdc.connect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.debezium.relational.TableId;
import io.debezium.relational.history.TableChanges.TableChange;

import io.mysqlflinkcdc.connect.config.StartupMode;
import io.mysqlflinkcdc.connect.offset.BinlogPosition;
import io.mysqlflinkcdc.connect.offset.ChunkProgress;
import io.mysqlflinkcdc.connect.offset.StoredOffset;
import io.mysqlflinkcdc.connect.offset.TableResumePoints;
import io.mysqlflinkcdc.connect.schema.TableSchemasCodec;

/**
 * How a task starts its job, decided from the stored offsets of its tables (docs/design.md,
 * "Offsets"): a table with a binlog position resumes after it, a table whose snapshot is under way
 * (begun, or asked for by a signal) continues it, a table without either starts as snapshot.mode
 * says, a table whose initial_only snapshot completed is left out.
 */
sealed interface StartPlan {

    /** The tables the job reads. */
    List<String> jobTables();

    /** Nothing left to read: every table's initial_only snapshot completed. */
    record Idle() implements StartPlan {
        @Override
        public List<String> jobTables() {
            return List.of();
        }
    }

    /** No table has a position or snapshot progress: start as snapshot.mode says. */
    record FromMode(List<String> jobTables) implements StartPlan {
    }

    /**
     * Read the binlog from the earliest table's position; tables ahead of it skip what they had.
     *
     * @param tableSchemas the stored schemas of the resuming tables (encoded), or null when none are stored
     */
    record Resume(List<String> jobTables, BinlogPosition from, TableResumePoints points, String tableSchemas)
            implements StartPlan {
    }

    /**
     * Snapshot {@code snapshotTables}, finish the snapshot of {@code partial} (null when none) after
     * the chunks it has in Kafka, then read the binlog, resuming the other tables at their points.
     *
     * @param since of the tables snapshotted again, where their changes must be read from once
     *              their snapshot is done (see StoredOffset.SnapshotRunning)
     */
    record SnapshotAndResume(List<String> jobTables, List<String> snapshotTables, PartialSnapshot partial,
                             TableResumePoints points, String tableSchemas, Map<String, BinlogPosition> since)
            implements StartPlan {
    }

    /** A table whose snapshot stopped part way, and how far it got. */
    record PartialSnapshot(String table, ChunkProgress progress) {
    }

    /**
     * A table whose snapshot completed without reaching the binlog resumes at its chunks' earliest
     * high watermark. Of the tables whose snapshot stopped part way, the one furthest on continues
     * after its done chunks (Flink CDC splits one table at a time); any other starts over.
     *
     * @param own    each table's own stored offset (absent when it has none)
     * @param legacy the offset of the single partition older builds wrote, or null; a table without
     *               its own offset takes it
     */
    static StartPlan of(List<String> tables, Map<String, StoredOffset> own, StoredOffset legacy, StartupMode mode) {
        Map<String, BinlogPosition> positions = new LinkedHashMap<>();
        Map<TableId, TableChange> schemas = new HashMap<>();
        List<String> fresh = new ArrayList<>();
        PartialSnapshot partial = null;
        boolean snapshotUnderWay = false;
        Map<String, BinlogPosition> since = new HashMap<>();
        Map<String, Map<String, Map.Entry<TableId, TableChange>>> decoded = new HashMap<>();
        for (String table : tables) {
            StoredOffset stored = own.getOrDefault(table, legacy);
            Map<String, Map.Entry<TableId, TableChange>> storedSchemas =
                    stored instanceof StoredOffset.Streaming streaming && streaming.tableSchemas() != null
                            ? decoded.computeIfAbsent(streaming.tableSchemas(), StartPlan::byTable) : null;
            if (stored == legacy && storedSchemas != null && !storedSchemas.containsKey(table)) {
                // Not captured when the legacy offset was written: a new table.
                stored = null;
            }
            if (stored instanceof StoredOffset.Streaming streaming && mode != StartupMode.INITIAL_ONLY) {
                positions.put(table, streaming.position());
                if (storedSchemas != null && storedSchemas.containsKey(table)) {
                    schemas.put(storedSchemas.get(table).getKey(), storedSchemas.get(table).getValue());
                }
            } else if (stored instanceof StoredOffset.SnapshotRunning running && running.progress() != null
                    && mode != StartupMode.INITIAL_ONLY) {
                ChunkProgress progress = running.progress();
                if (progress.tableDone()) {
                    positions.put(table, running.streamsFrom().orElseThrow());
                } else if (partial == null || progress.chunksDone() > partial.progress().chunksDone()) {
                    if (partial != null) {
                        fresh.add(partial.table());
                    }
                    partial = new PartialSnapshot(table, progress);
                } else {
                    fresh.add(table);
                }
            } else if (!(stored instanceof StoredOffset.SnapshotOnlyCompleted
                    || stored instanceof StoredOffset.Streaming)) {
                fresh.add(table);
                snapshotUnderWay |= stored instanceof StoredOffset.SnapshotRunning;
            }
            if (stored instanceof StoredOffset.SnapshotRunning running && running.since() != null
                    && !positions.containsKey(table)) {
                since.put(table, running.since());
            }
        }
        // A snapshot under way (asked for by a signal, or begun under another snapshot.mode) goes on
        // whatever snapshot.mode says: a stored offset wins over it.
        boolean snapshotFresh = mode.snapshotsData() || snapshotUnderWay || partial != null;
        if (positions.isEmpty() && partial == null) {
            if (fresh.isEmpty()) {
                return new Idle();
            }
            return mode.snapshotsData() || !snapshotFresh ? new FromMode(List.copyOf(fresh))
                    : new SnapshotAndResume(List.copyOf(fresh), List.copyOf(fresh), null, TableResumePoints.none(),
                    null, Map.copyOf(since));
        }
        List<String> jobTables = new ArrayList<>(positions.keySet());
        if (partial != null) {
            jobTables.add(partial.table());
        }
        jobTables.addAll(fresh);
        TableResumePoints points = new TableResumePoints(positions);
        String encodedSchemas = schemas.isEmpty() ? null : TableSchemasCodec.encode(schemas);
        if (partial == null && (fresh.isEmpty() || !snapshotFresh)) {
            BinlogPosition from = positions.values().stream().min(BinlogPosition::compareTo).orElseThrow();
            return new Resume(List.copyOf(jobTables), from, points, encodedSchemas);
        }
        return new SnapshotAndResume(List.copyOf(jobTables), List.copyOf(fresh), partial, points, encodedSchemas,
                Map.copyOf(since));
    }

    private static Map<String, Map.Entry<TableId, TableChange>> byTable(String encoded) {
        Map<String, Map.Entry<TableId, TableChange>> byTable = new HashMap<>();
        TableSchemasCodec.decode(encoded).forEach((id, change) -> byTable.put(TableSchemasCodec.qualifiedName(id),
                Map.entry(id, change)));
        return byTable;
    }
}
