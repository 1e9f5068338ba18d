package io.mysqlflinkcdc.connect.offset;

/** What the connector's offset in Connect's offset storage says about its progress. */
public sealed interface StoredOffset {

    /** A snapshot was under way: it is redone on restart (upsert keys make that harmless). */
    record SnapshotRunning() implements StoredOffset {
    }

    /** snapshot.mode=initial_only finished: there is nothing left to read. */
    record SnapshotOnlyCompleted() implements StoredOffset {
    }

    /** The snapshot (if any) completed; resume the binlog here. */
    record Streaming(BinlogPosition position) implements StoredOffset {
    }
}
