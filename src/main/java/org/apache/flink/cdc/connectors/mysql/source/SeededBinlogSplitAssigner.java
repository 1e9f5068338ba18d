package org.apache.flink.cdc.connectors.mysql.source;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.apache.flink.cdc.connectors.mysql.source.assigners.MySqlSplitAssigner;
import org.apache.flink.cdc.connectors.mysql.source.split.MySqlBinlogSplit;
import org.apache.flink.cdc.connectors.mysql.source.split.MySqlSplit;

import io.debezium.relational.TableId;
import io.debezium.relational.history.TableChanges.TableChange;

/**
 * Hands out Flink CDC's binlog split with the given table schemas in it; a reader receiving a split
 * with schemas decodes its rows with them instead of discovering the current ones (which Flink
 * CDC's reader does by parsing each table's DDL).
 */
final class SeededBinlogSplitAssigner extends ForwardingSplitAssigner {

    private final Supplier<Map<TableId, TableChange>> tableSchemas;

    /** @param tableSchemas asked when the split is handed out, which is when a reader would discover them */
    SeededBinlogSplitAssigner(MySqlSplitAssigner delegate, Supplier<Map<TableId, TableChange>> tableSchemas) {
        super(delegate);
        this.tableSchemas = tableSchemas;
    }

    @Override
    public Optional<MySqlSplit> getNext() {
        return delegate.getNext().map(split -> {
            if (!split.isBinlogSplit() || !split.asBinlogSplit().getTableSchemas().isEmpty()) {
                return split;
            }
            // A fresh map each time: the split state records later DDL into it.
            return MySqlBinlogSplit.fillTableSchemas(split.asBinlogSplit(), new HashMap<>(tableSchemas.get()));
        });
    }
}
