package io.mysqlflinkcdc.connect.metrics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.source.SourceRecord;

import io.mysqlflinkcdc.connect.offset.OffsetCodec;
import io.mysqlflinkcdc.connect.record.SnapshotChunkRecord;
import io.mysqlflinkcdc.connect.record.TableRecord;

/**
 * Feeds the snapshot and streaming metrics from the records {@code poll()} returns, telling them
 * apart by what the connector writes anyway: snapshot rows carry {@code snapshot_completed=false},
 * heartbeats go to the heartbeat topic, everything else with a binlog {@code file} is a change.
 * Runs on the task thread for every batch (up to max.batch.size records), so per record it only
 * looks at the offset map and the topic; what the beans publish is built once per batch.
 */
final class PolledRecordCounter {

    private final String heartbeatTopic;
    private final SnapshotMetrics snapshot;
    private final StreamingMetrics streaming;
    private final OnDemandSnapshotMetrics onDemand;
    private final Map<String, SnapshotMetrics.TableRows> tablesByName = new HashMap<>();
    /** Consecutive snapshot rows mostly come from one table: skip the map lookup for those. */
    private String lastTableName;
    private SnapshotMetrics.TableRows lastTable;

    PolledRecordCounter(String heartbeatTopic, SnapshotMetrics snapshot, StreamingMetrics streaming,
                        OnDemandSnapshotMetrics onDemand) {
        this.heartbeatTopic = heartbeatTopic;
        this.snapshot = snapshot;
        this.streaming = streaming;
        this.onDemand = onDemand;
    }

    /** Counts one batch; true when it completed a snapshot that ran in this task. */
    boolean count(List<SourceRecord> batch) {
        SnapshotMetrics.TableRows scanned = null;
        boolean pastSnapshot = false;
        long changes = 0;
        SourceRecord lastChange = null;
        Map<String, ?> lastPosition = null;
        Map<SnapshotMetrics.TableRows, Long> onDemandRows = onDemand.running() ? new HashMap<>() : null;
        for (SourceRecord record : batch) {
            Map<String, ?> offset = record.sourceOffset();
            if (OffsetCodec.snapshotRunning(offset)) {
                if (!heartbeatTopic.equals(record.topic())) { // not a chunk's progress marker
                    scanned = table(record);
                    scanned.add();
                    if (onDemandRows != null) {
                        onDemandRows.merge(scanned, 1L, Long::sum);
                    }
                } else if (onDemandRows != null && record instanceof SnapshotChunkRecord marker) {
                    onDemand.chunkDone(marker.chunk());
                }
                continue;
            }
            pastSnapshot = true;
            if (offset.get(OffsetCodec.FILE) == null) {
                continue; // the initial_only completion marker: no binlog position
            }
            lastPosition = offset;
            if (!heartbeatTopic.equals(record.topic())) {
                changes++;
                lastChange = record;
            }
        }
        if (scanned != null) {
            snapshot.scanned(scanned);
        }
        if (onDemandRows != null) {
            onDemandRows.forEach((table, rows) -> onDemand.rows(table.name, rows));
        }
        if (lastPosition != null) {
            streaming.reached(position(lastPosition));
        }
        if (lastChange != null) {
            Map<String, ?> offset = lastChange.sourceOffset();
            streaming.changes(changes, new StreamingMetrics.LastChange(tableName(lastChange),
                    lastChange.value() == null, position(offset)), number(offset.get(OffsetCodec.TS_SEC)));
        }
        return pastSnapshot && snapshot.complete();
    }

    private SnapshotMetrics.TableRows table(SourceRecord record) {
        String table = tableName(record);
        if (!table.equals(lastTableName)) {
            lastTableName = table;
            lastTable = tablesByName.computeIfAbsent(table, snapshot::table);
        }
        return lastTable;
    }

    /** {@code db.table} a record came from (records of other origins: their topic). */
    private static String tableName(SourceRecord record) {
        return record instanceof TableRecord tableRecord ? tableRecord.sourceTable() : record.topic();
    }

    private static StreamingMetrics.Position position(Map<String, ?> offset) {
        return new StreamingMetrics.Position((String) offset.get(OffsetCodec.FILE),
                number(offset.get(OffsetCodec.POS)));
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }
}
