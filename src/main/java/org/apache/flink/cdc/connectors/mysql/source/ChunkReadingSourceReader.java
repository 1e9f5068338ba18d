package org.apache.flink.cdc.connectors.mysql.source;

import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.cdc.connectors.mysql.source.config.MySqlSourceConfig;
import org.apache.flink.cdc.connectors.mysql.source.metrics.MySqlSourceReaderMetrics;
import org.apache.flink.cdc.connectors.mysql.source.reader.MySqlRecordEmitter;
import org.apache.flink.cdc.connectors.mysql.source.reader.MySqlSourceReader;
import org.apache.flink.cdc.connectors.mysql.source.reader.MySqlSourceReaderContext;
import org.apache.flink.connector.base.source.reader.synchronization.FutureCompletingBlockingQueue;

/**
 * Flink CDC's source reader whose split fetchers read snapshot chunks through one
 * {@link JdbcChunkReader}, which it closes with itself: Flink shuts an idle fetcher (and its split
 * reader) down after each chunk, so the chunk reader's connection belongs here rather than to them.
 */
final class ChunkReadingSourceReader<T> extends MySqlSourceReader<T> {

    private final JdbcChunkReader chunks;

    private ChunkReadingSourceReader(MySqlSourceConfig sourceConfig, SourceReaderContext readerContext,
                                     MySqlSourceReaderContext context, JdbcChunkReader chunks, int rowsPerFetch,
                                     MySqlRecordEmitter<T> emitter) {
        super(new FutureCompletingBlockingQueue<>(), () -> new JdbcChunkSplitReader(sourceConfig,
                readerContext.getIndexOfSubtask(), context, chunks, rowsPerFetch), emitter,
                readerContext.getConfiguration(), context, sourceConfig);
        this.chunks = chunks;
    }

    static <T> ChunkReadingSourceReader<T> create(MySqlSourceConfig sourceConfig, SourceReaderContext readerContext,
                                                  JdbcChunkReading reading,
                                                  MySqlSource.RecordEmitterSupplier<T> emitters) {
        MySqlSourceReaderMetrics metrics = new MySqlSourceReaderMetrics(readerContext.metricGroup());
        metrics.registerMetrics();
        return new ChunkReadingSourceReader<>(sourceConfig, readerContext, new MySqlSourceReaderContext(readerContext),
                new JdbcChunkReader(sourceConfig, reading.decimalsAsText()), reading.rowsPerFetch(),
                emitters.get(metrics, sourceConfig));
    }

    /** Stops the fetchers (waiting for them as Flink does), then closes the chunk reader's connection. */
    @Override
    public void close() throws Exception {
        try (JdbcChunkReader toClose = chunks) {
            super.close();
        }
    }
}
