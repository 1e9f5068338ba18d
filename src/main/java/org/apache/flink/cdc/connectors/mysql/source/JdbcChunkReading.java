package org.apache.flink.cdc.connectors.mysql.source;

import java.io.Serializable;

/**
 * How the connector's chunk reader ({@link JdbcChunkReader}) reads the snapshot chunks that skip
 * backfill.
 *
 * @param rowsPerFetch   most rows handed to the record emitter per fetch
 * @param decimalsAsText whether the connector writes decimals as text (decimal.handling.mode=string),
 *                       so that DECIMAL columns can be read as their text ({@link ChunkRowConverter})
 */
public record JdbcChunkReading(int rowsPerFetch, boolean decimalsAsText) implements Serializable {

    public JdbcChunkReading {
        if (rowsPerFetch <= 0) {
            throw new IllegalArgumentException("rowsPerFetch must be positive: " + rowsPerFetch);
        }
    }
}
