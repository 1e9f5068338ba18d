package org.apache.flink.cdc.connectors.mysql.source;

import java.lang.reflect.Field;

import org.apache.flink.cdc.connectors.mysql.source.assigners.ChunkSplitter;
import org.apache.flink.cdc.connectors.mysql.source.assigners.MySqlChunkSplitter;
import org.apache.flink.cdc.connectors.mysql.source.assigners.MySqlHybridSplitAssigner;
import org.apache.flink.cdc.connectors.mysql.source.assigners.MySqlSnapshotSplitAssigner;
import org.apache.flink.cdc.connectors.mysql.source.config.MySqlSourceConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives a new assigner's chunk splitter a {@link CatalogFirstMySqlSchema}. Flink CDC 3.5 builds the
 * splitter and its schema privately (MySqlSnapshotSplitAssigner.createChunkSplitter), so the
 * splitter is swapped through two private fields before the assigner opens; the new splitter
 * starts from the old one's state (a restored table half split). If Flink CDC's fields are not
 * there, the assigner keeps its own splitter, which parses each table's DDL, and a warning says so;
 * {@code CatalogFirstChunkSplitterTest} fails on such a Flink CDC.
 */
final class CatalogFirstChunkSplitter {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogFirstChunkSplitter.class);

    static final Field SNAPSHOT_ASSIGNER = field(MySqlHybridSplitAssigner.class, "snapshotSplitAssigner",
            MySqlSnapshotSplitAssigner.class);
    static final Field CHUNK_SPLITTER = field(MySqlSnapshotSplitAssigner.class, "chunkSplitter",
            MySqlChunkSplitter.class);

    private CatalogFirstChunkSplitter() {
    }

    /** Swaps the splitter of a hybrid assigner not yet opened; returns whether it did. */
    static boolean install(MySqlHybridSplitAssigner assigner, MySqlSourceConfig sourceConfig,
                           boolean isTableIdCaseSensitive) {
        if (SNAPSHOT_ASSIGNER == null || CHUNK_SPLITTER == null) {
            return false;
        }
        try {
            MySqlSnapshotSplitAssigner snapshots = (MySqlSnapshotSplitAssigner) SNAPSHOT_ASSIGNER.get(assigner);
            ChunkSplitter flinkCdcs = (ChunkSplitter) CHUNK_SPLITTER.get(snapshots);
            CHUNK_SPLITTER.set(snapshots, new MySqlChunkSplitter(
                    new CatalogFirstMySqlSchema(sourceConfig, isTableIdCaseSensitive), sourceConfig,
                    flinkCdcs.snapshotState(0)));
            flinkCdcs.close();
            return true;
        } catch (Exception e) {
            throw new IllegalStateException("Could not give Flink CDC's chunk splitter its table schemas: " + e, e);
        }
    }

    private static Field field(Class<?> owner, String name, Class<?> type) {
        try {
            Field field = owner.getDeclaredField(name);
            if (!field.getType().isAssignableFrom(type)) {
                throw new NoSuchFieldException(owner.getName() + "." + name + " is a " + field.getType().getName());
            }
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException | RuntimeException e) {
            LOG.warn("This Flink CDC has no {}.{} of the expected type ({}): its chunk splitter parses each table's "
                    + "CREATE TABLE, which costs the snapshot's start about a second more", owner.getSimpleName(),
                    name, e.toString());
            return null;
        }
    }
}
