package org.apache.flink.cdc.connectors.mysql.source;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.flink.cdc.connectors.mysql.schema.MySqlSchema;
import org.apache.flink.cdc.connectors.mysql.source.config.MySqlSourceConfig;
import org.apache.flink.util.FlinkRuntimeException;

import io.debezium.connector.mysql.MySqlPartition;
import io.debezium.jdbc.JdbcConnection;
import io.debezium.relational.Table;
import io.debezium.relational.TableId;
import io.debezium.relational.history.TableChanges.TableChange;
import io.debezium.relational.history.TableChanges.TableChangeType;
import io.mysqlflinkcdc.connect.schema.InformationSchemaTables;

/**
 * Flink CDC's table schemas for its chunk splitter, read from information_schema where
 * {@link InformationSchemaTables} can, and parsed from {@code SHOW CREATE TABLE} by Flink CDC
 * otherwise: a snapshot of such tables never loads Debezium's DDL parser (docs/design.md, "Table
 * schemas without the DDL parser"). The splitter hands each table's schema on in its splits, so
 * the chunk reader and the binlog reader decode with it.
 */
final class CatalogFirstMySqlSchema extends MySqlSchema {

    private final boolean comments;
    private final Map<TableId, TableChange> read = new ConcurrentHashMap<>();
    /** Whether the server's information_schema is read ({@link InformationSchemaTables#reads}); null until asked. */
    private volatile Boolean catalog;

    CatalogFirstMySqlSchema(MySqlSourceConfig sourceConfig, boolean isTableIdCaseSensitive) {
        super(sourceConfig, isTableIdCaseSensitive);
        this.comments = sourceConfig.getMySqlConnectorConfig().isSchemaCommentsHistoryEnabled();
    }

    @Override
    public TableChange getTableSchema(MySqlPartition partition, JdbcConnection jdbc, TableId tableId) {
        TableChange known = read.get(tableId);
        if (known != null) {
            return known;
        }
        Optional<Table> table;
        try {
            // With include.schema.comments (never set by this connector) the parser keeps comments, which are not read.
            table = !comments && readsCatalog(jdbc.connection())
                    ? InformationSchemaTables.read(jdbc.connection(), tableId) : Optional.empty();
        } catch (SQLException e) {
            throw new FlinkRuntimeException("Failed to read the schema of table " + tableId
                    + " from information_schema: " + e.getMessage(), e);
        }
        // Kept either way: the splitter asks once per chunk, and a table given up to the parser
        // would otherwise have information_schema read again for each of its chunks.
        TableChange change = table.isPresent() ? new TableChange(TableChangeType.CREATE, table.get())
                : super.getTableSchema(partition, jdbc, tableId);
        read.put(tableId, change);
        return change;
    }

    private boolean readsCatalog(Connection connection) throws SQLException {
        if (catalog == null) {
            try (Statement statement = connection.createStatement();
                 ResultSet version = statement.executeQuery("SELECT VERSION()")) {
                version.next();
                catalog = InformationSchemaTables.reads(version.getString(1));
            }
        }
        return catalog;
    }
}
