package io.mysqlflinkcdc.connect.event;

import org.apache.kafka.connect.data.Struct;

import io.mysqlflinkcdc.connect.offset.BinlogPosition;

/**
 * One change read from MySQL, in the worker's Connect types and free of Debezium's envelope.
 *
 * @param kind       what happened
 * @param database   source database ({@code null} for heartbeats)
 * @param table      source table ({@code null} for heartbeats)
 * @param key        primary-key columns ({@code null} for heartbeats and keyless tables)
 * @param after      row after the change ({@code null} for deletes and heartbeats)
 * @param before     row before an update or delete, when the reader was asked for it (tables keyed by
 *                   message.key.columns), else {@code null}
 * @param position   binlog position to resume after this event ({@code null} for snapshot reads)
 * @param sourceTsMs when the change happened on the server (epoch ms; 0 when unknown, e.g. snapshot reads)
 * @param keyMovedAway a delete that is the first half of an update which changed the primary key:
 *                   Debezium emits such an update as this delete and then an insert under the new key,
 *                   both at the same position (docs/design.md, "Key changes")
 */
public record ChangeEvent(Kind kind, String database, String table, Struct key, Struct after, Struct before,
                          BinlogPosition position, long sourceTsMs, boolean keyMovedAway) {

    public enum Kind { SNAPSHOT_READ, INSERT, UPDATE, DELETE, HEARTBEAT }

    public ChangeEvent(Kind kind, String database, String table, Struct key, Struct after, Struct before,
                       BinlogPosition position, long sourceTsMs) {
        this(kind, database, table, key, after, before, position, sourceTsMs, false);
    }

    public static ChangeEvent heartbeat(BinlogPosition position) {
        return new ChangeEvent(Kind.HEARTBEAT, null, null, null, null, null, position, 0L);
    }
}
