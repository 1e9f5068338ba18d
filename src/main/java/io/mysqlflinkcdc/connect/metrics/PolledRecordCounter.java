package io.mysqlflinkcdc.connect.metrics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.source.SourceRecord;

import io.mysqlflinkcdc.connect.offset.OffsetCodec;

/**
 * Feeds the snapshot and streaming metrics from the records {@code poll()} returns, telling them
 * apart by what the connector writes anyway: snapshot rows carry {@code snapshot_completed=false},
 * heartbeats go to the heartbeat topic, everything else with a binlog {@code file} is a change.
 * Runs on the task thread for every batch (up to max.batch.size records), so per record it only
 * looks at the offset map and the topic; what the beans publish is built once per batch.
 */
final class PolledRecordCounter {

    /** {@code <topic.prefix>.}, what every data topic starts with. */
    private final String topicPrefixDot;
    private final String heartbeatTopic;
    private final SnapshotMetrics snapshot;
    private final StreamingMetrics streaming;
    private final Map<String, SnapshotMetrics.TableRows> tablesByTopic = new HashMap<>();
    /** Consecutive snapshot rows mostly come from one table: skip the map lookup for those. */
    private String lastTopic;
    private SnapshotMetrics.TableRows lastTable;

    PolledRecordCounter(String topicPrefix, String heartbeatTopic, SnapshotMetrics snapshot,
                        StreamingMetrics streaming) {
        this.topicPrefixDot = topicPrefix + ".";
        this.heartbeatTopic = heartbeatTopic;
        this.snapshot = snapshot;
        this.streaming = streaming;
    }

    /** Counts one batch; true when it completed a snapshot that ran in this task. */
    boolean count(List<SourceRecord> batch) {
        SnapshotMetrics.TableRows scanned = null;
        boolean pastSnapshot = false;
        long changes = 0;
        SourceRecord lastChange = null;
        Map<String, ?> lastPosition = null;
        for (SourceRecord record : batch) {
            Map<String, ?> offset = record.sourceOffset();
            if (Boolean.FALSE.equals(offset.get(OffsetCodec.SNAPSHOT_COMPLETED))) {
                scanned = table(record.topic());
                scanned.add();
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
        if (lastPosition != null) {
            streaming.reached(position(lastPosition));
        }
        if (lastChange != null) {
            Map<String, ?> offset = lastChange.sourceOffset();
            streaming.changes(changes, new StreamingMetrics.LastChange(tableName(lastChange.topic()),
                    lastChange.value() == null, position(offset)), number(offset.get(OffsetCodec.TS_SEC)));
        }
        return pastSnapshot && snapshot.complete();
    }

    private SnapshotMetrics.TableRows table(String topic) {
        if (!topic.equals(lastTopic)) {
            lastTopic = topic;
            lastTable = tablesByTopic.computeIfAbsent(topic, t -> snapshot.table(tableName(t)));
        }
        return lastTable;
    }

    /** {@code db.table} of a data topic {@code <topic.prefix>.<db>.<table>}. */
    private String tableName(String topic) {
        return topic.startsWith(topicPrefixDot) ? topic.substring(topicPrefixDot.length()) : topic;
    }

    private static StreamingMetrics.Position position(Map<String, ?> offset) {
        return new StreamingMetrics.Position((String) offset.get(OffsetCodec.FILE),
                number(offset.get(OffsetCodec.POS)));
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }
}
