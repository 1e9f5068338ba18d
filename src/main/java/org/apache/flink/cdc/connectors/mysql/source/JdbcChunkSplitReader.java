package org.apache.flink.cdc.connectors.mysql.source;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.flink.cdc.connectors.mysql.source.config.MySqlSourceConfig;
import org.apache.flink.cdc.connectors.mysql.source.reader.MySqlSourceReaderContext;
import org.apache.flink.cdc.connectors.mysql.source.reader.MySqlSplitReader;
import org.apache.flink.cdc.connectors.mysql.source.split.MySqlRecords;
import org.apache.flink.cdc.connectors.mysql.source.split.MySqlSnapshotSplit;
import org.apache.flink.cdc.connectors.mysql.source.split.MySqlSplit;
import org.apache.flink.cdc.connectors.mysql.source.split.SourceRecords;
import org.apache.flink.cdc.connectors.mysql.source.utils.hooks.SnapshotPhaseHooks;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.source.SourceRecord;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flink CDC's split reader, with the snapshot chunks read by {@link JdbcChunkReader} while no binlog
 * split was assigned to this reader (the initial snapshot and a backfill job). The binlog split, and
 * chunks of tables added while the binlog is read (Flink CDC pauses and resumes its binlog reader
 * around those), stay with Flink CDC's readers. Flink makes one of these per split fetcher, i.e.
 * per chunk; the {@link JdbcChunkReader} they read through is their source reader's, which closes
 * it ({@link ChunkReadingSourceReader}), so closing this one leaves it open for the next.
 */
final class JdbcChunkSplitReader extends MySqlSplitReader {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcChunkSplitReader.class);

    private final MySqlSourceReaderContext context;
    private final JdbcChunkReader chunks;
    private final int rowsPerFetch;
    private final ArrayDeque<MySqlSnapshotSplit> pending = new ArrayDeque<>();

    /**
     * @param chunks       the source reader's chunk reader, which outlives this split reader
     * @param rowsPerFetch most rows handed to the record emitter per fetch
     */
    JdbcChunkSplitReader(MySqlSourceConfig sourceConfig, int subtaskId, MySqlSourceReaderContext context,
                         JdbcChunkReader chunks, int rowsPerFetch) {
        super(sourceConfig, subtaskId, context, SnapshotPhaseHooks.empty());
        this.context = context;
        this.chunks = chunks;
        this.rowsPerFetch = rowsPerFetch;
    }

    @Override
    public void handleSplitsChanges(SplitsChange<MySqlSplit> splitsChanges) {
        if (!(splitsChanges instanceof SplitsAddition)) {
            super.handleSplitsChanges(splitsChanges);
            return;
        }
        // Flink CDC's source reader marks the binlog split assigned before handing it to a fetcher,
        // and never unmarks it: from then on, every split goes to Flink CDC's readers.
        boolean binlogAssigned = context.isHasAssignedBinlogSplit();
        List<MySqlSplit> forFlinkCdc = new ArrayList<>();
        for (MySqlSplit split : splitsChanges.splits()) {
            if (split.isSnapshotSplit() && !binlogAssigned) {
                pending.add(split.asSnapshotSplit());
            } else {
                forFlinkCdc.add(split);
            }
        }
        if (!forFlinkCdc.isEmpty()) {
            super.handleSplitsChanges(new SplitsAddition<>(forFlinkCdc));
        }
        if (binlogAssigned && pending.isEmpty() && !chunks.reading()) {
            // The snapshot is over for this reader: its connection would only idle beside the binlog.
            closeChunkReader();
        }
    }

    private void closeChunkReader() {
        try {
            chunks.close();
        } catch (Exception e) {
            // Nothing is read through it any more; the server drops it after wait_timeout.
            LOG.warn("Could not close the snapshot chunk reader's idle connection: {}", e.toString());
        }
    }

    @Override
    public RecordsWithSplitIds<SourceRecords> fetch() throws IOException {
        if (!chunks.reading() && pending.isEmpty()) {
            return super.fetch();
        }
        MySqlSnapshotSplit chunk = pending.peek();
        try {
            if (!chunks.reading()) {
                chunks.start(chunk);
            }
            List<SourceRecord> records = chunks.next(rowsPerFetch);
            var batch = List.of(new SourceRecords(records)).iterator();
            if (chunks.reading()) {
                return MySqlRecords.forUnfinishedRecords(chunk.splitId(), batch);
            }
            pending.poll();
            return new MySqlRecords(chunk.splitId(), batch, Set.of(chunk.splitId()));
        } catch (SQLException e) {
            throw new IOException("Reading snapshot chunk " + chunk.splitId() + " failed: " + e.getMessage(), e);
        }
    }
}
