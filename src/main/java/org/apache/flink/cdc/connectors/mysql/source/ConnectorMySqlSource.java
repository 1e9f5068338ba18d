package org.apache.flink.cdc.connectors.mysql.source;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.cdc.connectors.mysql.MySqlValidator;
import org.apache.flink.cdc.connectors.mysql.debezium.DebeziumUtils;
import org.apache.flink.cdc.connectors.mysql.source.assigners.MySqlBinlogSplitAssigner;
import org.apache.flink.cdc.connectors.mysql.source.assigners.MySqlHybridSplitAssigner;
import org.apache.flink.cdc.connectors.mysql.source.assigners.MySqlSplitAssigner;
import org.apache.flink.cdc.connectors.mysql.source.assigners.state.PendingSplitsState;
import org.apache.flink.cdc.connectors.mysql.source.config.MySqlSourceConfig;
import org.apache.flink.cdc.connectors.mysql.source.enumerator.MySqlSourceEnumerator;
import org.apache.flink.cdc.connectors.mysql.source.offset.BinlogOffset;
import org.apache.flink.cdc.connectors.mysql.source.split.MySqlSplit;
import org.apache.flink.cdc.connectors.mysql.source.utils.TableDiscoveryUtils;
import org.apache.flink.cdc.debezium.DebeziumDeserializationSchema;
import org.apache.flink.util.FlinkRuntimeException;

import io.debezium.connector.mysql.MySqlConnection;
import io.debezium.jdbc.JdbcConnection;
import io.debezium.connector.mysql.MySqlPartition;
import io.debezium.relational.TableId;
import io.debezium.relational.history.TableChanges.TableChange;
import io.mysqlflinkcdc.connect.schema.TableSchemasCodec;

/**
 * Flink CDC's MySqlSource with what the Connect task needs on top: binlog heartbeats and table
 * schemas reach the deserializer ({@link ConnectorRecordEmitter}), and a binlog-only start can
 * decode rows with the table schemas stored with the offset rather than today's (Flink CDC would
 * read the current schemas, wrong for rows written before a DDL that ran while the task was down).
 * In Flink CDC's package for MySqlSource's package-private constructor.
 */
public final class ConnectorMySqlSource<T> extends MySqlSource<T> {

    private static final long serialVersionUID = 1L;
    private static final String ENUMERATOR_SERVER_NAME = "mysql_source_split_enumerator";

    /** Encoded schemas stored with the start offset, or {@code null}. */
    private final String storedTableSchemas;
    /** {@code db.table} → delivered position of tables resuming while others are snapshotted. */
    private final HashMap<String, BinlogOffset> resumedTables;
    /** A table whose snapshot continues after its done chunks, or {@code null}. */
    private final ResumedTablesState.Partial partialTable;
    /** Snapshot splits only: a job snapshotting tables beside the main one (see SnapshotSplitsOnlyAssigner). */
    private final boolean snapshotSplitsOnly;
    /** How the connector's chunk reader reads ({@link JdbcChunkSplitReader}); null: Flink CDC's reader. */
    private final JdbcChunkReading jdbcChunks;
    private final RecordEmitterSupplier<T> emitters;

    private ConnectorMySqlSource(MySqlSource<T> built, DebeziumDeserializationSchema<T> deserializer,
                                 String storedTableSchemas, Map<String, BinlogOffset> resumedTables,
                                 ResumedTablesState.Partial partialTable, boolean snapshotSplitsOnly,
                                 JdbcChunkReading jdbcChunks, RecordEmitterSupplier<T> emitters) {
        super(built.getConfigFactory(), deserializer, emitters);
        this.emitters = emitters;
        this.jdbcChunks = jdbcChunks;
        this.storedTableSchemas = storedTableSchemas;
        this.resumedTables = new HashMap<>(resumedTables);
        this.partialTable = partialTable;
        this.snapshotSplitsOnly = snapshotSplitsOnly;
    }

    /**
     * @param storedTableSchemas schemas stored with a binlog start offset (see {@link TableSchemasCodec}),
     *                           or {@code null} to let Flink CDC read the current ones
     * @param resumedTables      with a snapshotting start: tables that resume in the binlog instead,
     *                           with the position each was delivered up to
     * @param partialTable       with a snapshotting start: a table whose snapshot continues after the
     *                           chunks it has done, or {@code null}
     * @param snapshotSplitsOnly read the snapshot splits and never the binlog: the job idles once
     *                           they are done, for the task to stop it
     * @param snapshotFilters    {@code db.table} → SQL condition its snapshot rows must match
     *                           (additional-conditions, see {@link ChunkRowFilter})
     * @param jdbcChunks         with snapshot.backfill.skip: read snapshot chunks with the connector's
     *                           chunk reader ({@link JdbcChunkSplitReader}) this way; null: with Flink CDC's reader
     */
    public static <T> ConnectorMySqlSource<T> of(MySqlSource<T> built, DebeziumDeserializationSchema<T> deserializer,
                                                 String storedTableSchemas, Map<String, BinlogOffset> resumedTables,
                                                 ResumedTablesState.Partial partialTable,
                                                 boolean snapshotSplitsOnly, Map<String, String> snapshotFilters,
                                                 JdbcChunkReading jdbcChunks) {
        HashMap<String, String> filters = new HashMap<>(snapshotFilters);
        RecordEmitterSupplier<T> emitters = (metrics, sourceConfig) -> new ConnectorRecordEmitter<>(deserializer,
                metrics, sourceConfig.isIncludeSchemaChanges(),
                filters.isEmpty() ? null : new ChunkRowFilter(sourceConfig, filters));
        return new ConnectorMySqlSource<>(built, deserializer, storedTableSchemas, resumedTables, partialTable,
                snapshotSplitsOnly, jdbcChunks, emitters);
    }

    /** Flink CDC's reader, with {@link JdbcChunkSplitReader} as its split reader when chunks skip backfill. */
    @Override
    public SourceReader<T, MySqlSplit> createReader(SourceReaderContext readerContext) throws Exception {
        MySqlSourceConfig sourceConfig = getConfigFactory().createConfig(readerContext.getIndexOfSubtask());
        if (jdbcChunks == null || !sourceConfig.isSkipSnapshotBackfill()) {
            return super.createReader(readerContext);
        }
        return ChunkReadingSourceReader.create(sourceConfig, readerContext, jdbcChunks, emitters);
    }

    @Override
    public SplitEnumerator<MySqlSplit, PendingSplitsState> createEnumerator(
            SplitEnumeratorContext<MySqlSplit> enumContext) {
        MySqlSourceConfig sourceConfig = getConfigFactory().createConfig(0, ENUMERATOR_SERVER_NAME);
        boolean streamOnly = sourceConfig.getStartupOptions().isStreamOnly();
        boolean resuming = !resumedTables.isEmpty() || partialTable != null || snapshotSplitsOnly;
        if (resuming && !streamOnly && !sourceConfig.getStartupOptions().isSnapshotOnly()) {
            new MySqlValidator(sourceConfig).validate();
            return resumingEnumerator(enumContext, sourceConfig);
        }
        if (!streamOnly && !sourceConfig.getStartupOptions().isSnapshotOnly()) {
            // Flink CDC's own hybrid start, with a chunk splitter that reads schemas from information_schema.
            new MySqlValidator(sourceConfig).validate();
            boolean caseSensitive = tableIdCaseSensitive(sourceConfig);
            MySqlHybridSplitAssigner assigner = new MySqlHybridSplitAssigner(sourceConfig,
                    enumContext.currentParallelism(), new ArrayList<>(), caseSensitive, enumContext);
            CatalogFirstChunkSplitter.install(assigner, sourceConfig, caseSensitive);
            // The binlog split's schemas as its reader would discover them, read from information_schema first.
            return new MySqlSourceEnumerator(enumContext, sourceConfig,
                    new SeededBinlogSplitAssigner(assigner, () -> currentTableSchemas(sourceConfig)), getBoundedness());
        }
        if (storedTableSchemas == null || !streamOnly) {
            return super.createEnumerator(enumContext);
        }
        new MySqlValidator(sourceConfig).validate();
        return new MySqlSourceEnumerator(enumContext, sourceConfig,
                new SeededBinlogSplitAssigner(new MySqlBinlogSplitAssigner(sourceConfig), () -> tableSchemas(sourceConfig)),
                getBoundedness());
    }

    /** Snapshots the tables that have no position while the others resume at theirs (see {@link ResumedTablesState}). */
    private SplitEnumerator<MySqlSplit, PendingSplitsState> resumingEnumerator(
            SplitEnumeratorContext<MySqlSplit> enumContext, MySqlSourceConfig sourceConfig) {
        Map<TableId, TableChange> schemas = tableSchemas(sourceConfig);
        boolean caseSensitive = tableIdCaseSensitive(sourceConfig);
        Map<TableId, BinlogOffset> resumed = new HashMap<>();
        List<TableId> toRead = new ArrayList<>();
        for (TableId table : schemas.keySet()) {
            String name = TableSchemasCodec.qualifiedName(table);
            BinlogOffset position = resumedTables.get(name);
            if (position != null) {
                resumed.put(table, position);
            } else if (partialTable == null || !partialTable.table().equals(name)) {
                toRead.add(table);
            }
        }
        toRead.sort(Comparator.comparing(TableId::toString));
        MySqlHybridSplitAssigner assigner = new MySqlHybridSplitAssigner(sourceConfig,
                enumContext.currentParallelism(),
                ResumedTablesState.of(sourceConfig, resumed, partialTable, toRead, schemas, caseSensitive), enumContext);
        CatalogFirstChunkSplitter.install(assigner, sourceConfig, caseSensitive);
        MySqlSplitAssigner seeded = new SeededBinlogSplitAssigner(assigner, () -> schemas);
        return new MySqlSourceEnumerator(enumContext, sourceConfig,
                snapshotSplitsOnly ? new SnapshotSplitsOnlyAssigner(seeded) : seeded, getBoundedness());
    }

    private static boolean tableIdCaseSensitive(MySqlSourceConfig sourceConfig) {
        try (JdbcConnection jdbc = DebeziumUtils.openJdbcConnection(sourceConfig)) {
            return DebeziumUtils.isTableIdCaseSensitive(jdbc);
        } catch (Exception e) {
            throw new FlinkRuntimeException("Could not read the server's table name case sensitivity: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Every captured table needs a schema in the split (Flink CDC 3.5 silently drops rows of a
     * table missing from it): today's schemas, overridden by the stored ones.
     */
    private Map<TableId, TableChange> tableSchemas(MySqlSourceConfig sourceConfig) {
        Map<TableId, TableChange> schemas = currentTableSchemas(sourceConfig);
        if (storedTableSchemas != null) {
            schemas.putAll(TableSchemasCodec.decode(storedTableSchemas));
        }
        return schemas;
    }

    /**
     * Today's schemas of the captured tables, as Flink CDC's TableDiscoveryUtils.discoverSchemaForCapturedTables
     * reads them, but from information_schema first ({@link CatalogFirstMySqlSchema}).
     */
    private static Map<TableId, TableChange> currentTableSchemas(MySqlSourceConfig sourceConfig) {
        Map<TableId, TableChange> schemas = new HashMap<>();
        try (MySqlConnection connection = DebeziumUtils.createMySqlConnection(sourceConfig);
             CatalogFirstMySqlSchema reader = new CatalogFirstMySqlSchema(sourceConfig,
                     connection.isTableIdCaseSensitive())) {
            List<TableId> tables = TableDiscoveryUtils.listTables(connection, sourceConfig.getDatabaseFilter(),
                    sourceConfig.getTableFilter());
            if (tables.isEmpty()) {
                throw new IllegalArgumentException("No table matches the configured databases "
                        + sourceConfig.getDatabaseList() + " and tables " + sourceConfig.getTableList());
            }
            MySqlPartition partition = new MySqlPartition(sourceConfig.getMySqlConnectorConfig().getLogicalName());
            for (TableId table : tables) {
                schemas.put(table, reader.getTableSchema(partition, connection, table));
            }
        } catch (Exception e) {
            throw new FlinkRuntimeException("Could not read the schemas of the captured tables: " + e.getMessage(), e);
        }
        return schemas;
    }
}
