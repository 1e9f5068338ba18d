package io.mysqlflinkcdc.connect.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.debezium.relational.Column;
import io.debezium.relational.Table;
import io.debezium.relational.TableEditor;
import io.debezium.relational.TableId;
import io.debezium.relational.history.TableChanges.TableChange;
import io.debezium.relational.history.TableChanges.TableChangeType;

import io.mysqlflinkcdc.connect.event.ChangeEvent;
import io.mysqlflinkcdc.connect.offset.BinlogPosition;
import io.mysqlflinkcdc.connect.offset.TableResumePoints;
import io.mysqlflinkcdc.connect.schema.TableSchemasCodec;

/**
 * Issue 14, item 3: what the table schemas stored with the offsets cost. Each table's offset
 * carries only its own schema (deflated), so an offset's size does not grow with the number of
 * captured tables, and even MySQL's widest table (4,096 columns) stays far below Kafka's 1 MB
 * record limit. Sizes are measured as Connect's offset store writes them (JSON) and printed.
 */
class OffsetSizeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] TYPES = {"INT", "BIGINT", "VARCHAR", "DECIMAL", "DATETIME", "TEXT"};
    private static final int[] JDBC_TYPES = {Types.INTEGER, Types.BIGINT, Types.VARCHAR, Types.DECIMAL,
            Types.TIMESTAMP, Types.LONGVARCHAR};

    @Test
    void aTablesOffsetIsTheSameSizeWithOneOrAThousandTablesCaptured() throws Exception {
        Map<String, Integer> alone = heartbeatOffsetBytes(1, 30);
        Map<String, Integer> among = heartbeatOffsetBytes(1_000, 30);
        assertEquals(alone.get("shop.t0"), among.get("shop.t0"));
        int total = among.values().stream().mapToInt(Integer::intValue).sum();
        int largest = among.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        System.out.printf("1,000 tables x 30 columns: one heartbeat writes %d table offsets, %,d bytes in all, "
                + "%,d bytes the largest%n", among.size(), total, largest);
        assertEquals(1_000, among.size(), "a heartbeat moves every idle table");
        assertTrue(largest < 4_096, "a 30-column table's offset is " + largest + " bytes");
    }

    @Test
    void theWidestTableMySqlAllowsStaysFarBelowTheRecordLimit() throws Exception {
        int bytes = heartbeatOffsetBytes(1, 4_096).get("shop.t0");
        System.out.printf("one table of 4,096 columns: its offset is %,d bytes%n", bytes);
        assertTrue(bytes < 256 * 1024, "4,096 columns take " + bytes + " bytes; Kafka's default limit is 1 MB");
    }

    /** The JSON size of each table's offset after one heartbeat, keyed by table. */
    private static Map<String, Integer> heartbeatOffsetBytes(int tables, int columns) throws JsonProcessingException {
        List<String> names = IntStream.range(0, tables).mapToObj(i -> "shop.t" + i).toList();
        SourceRecordFactory factory = new SourceRecordFactory(RecordSettings.defaults("cdc", "hb"), names,
                TableResumePoints.none());
        Map<TableId, TableChange> schemas = new HashMap<>();
        for (int i = 0; i < tables; i++) {
            TableId id = new TableId("shop", null, "t" + i);
            schemas.put(id, new TableChange(TableChangeType.CREATE, table(id, columns)));
        }
        factory.tableSchemasChanged(TableSchemasCodec.encode(schemas));
        List<SourceRecord> out = new ArrayList<>();
        factory.toRecords(ChangeEvent.heartbeat(new BinlogPosition("mysql-bin.000042", 123_456_789L, 0, 0, null,
                1_700_000_000L, 1L)), out::add);
        Map<String, Integer> bytes = new HashMap<>();
        for (SourceRecord record : out) {
            bytes.put((String) record.sourcePartition().get("table"), JSON.writeValueAsBytes(record.sourceOffset()).length);
        }
        return bytes;
    }

    private static Table table(TableId id, int columns) {
        TableEditor editor = Table.editor().tableId(id);
        for (int c = 0; c < columns; c++) {
            int type = c % TYPES.length;
            editor.addColumn(Column.editor().name(c == 0 ? "id" : "column_" + c).type(TYPES[type])
                    .jdbcType(JDBC_TYPES[type]).length(type == 2 ? 255 : -1).optional(c != 0).position(c + 1)
                    .create());
        }
        return editor.setPrimaryKeyNames(List.of("id")).create();
    }
}
