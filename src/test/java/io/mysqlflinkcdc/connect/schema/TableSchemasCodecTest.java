package io.mysqlflinkcdc.connect.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Types;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.debezium.relational.Column;
import io.debezium.relational.Table;
import io.debezium.relational.TableId;
import io.debezium.relational.history.TableChanges.TableChange;
import io.debezium.relational.history.TableChanges.TableChangeType;

class TableSchemasCodecTest {

    private static TableChange table(String database, String name, int extraColumns) {
        TableId id = new TableId(database, null, name);
        var editor = Table.editor().tableId(id)
                .addColumn(Column.editor().name("id").type("INT").jdbcType(Types.INTEGER).optional(false).create())
                .addColumn(Column.editor().name("price").type("DECIMAL").jdbcType(Types.DECIMAL).length(7).scale(2)
                        .create());
        for (int i = 0; i < extraColumns; i++) {
            editor.addColumn(Column.editor().name("note_" + i).type("VARCHAR").jdbcType(Types.VARCHAR).length(20)
                    .charsetName("utf8mb4").create());
        }
        editor.setPrimaryKeyNames(List.of("id"));
        return new TableChange(TableChangeType.CREATE, editor.create());
    }

    @Test
    void schemasSurviveTheRoundTripTableByTable() {
        Map<TableId, TableChange> schemas = new LinkedHashMap<>();
        schemas.put(new TableId("shop", null, "orders"), table("shop", "orders", 0));
        schemas.put(new TableId("shop", null, "items.v2"), table("shop", "items.v2", 3));

        Map<TableId, TableChange> decoded = TableSchemasCodec.decode(TableSchemasCodec.encode(schemas));

        assertEquals(schemas.keySet(), decoded.keySet());
        schemas.forEach((id, change) -> assertEquals(change.getTable(), decoded.get(id).getTable(), id.toString()));
    }

    @Test
    void encodingIsCompact() {
        Map<TableId, TableChange> schemas = new LinkedHashMap<>();
        for (int i = 0; i < 100; i++) {
            schemas.put(new TableId("shop", null, "t" + i), table("shop", "t" + i, 20));
        }
        String encoded = TableSchemasCodec.encode(schemas);
        System.out.printf("table_schemas for 100 tables x 22 columns: %d characters%n", encoded.length());
        // 100 tables of 22 columns: well under Kafka's 1 MB default message size for the offsets topic.
        assertTrue(encoded.length() < 100 * 600, "encoded length " + encoded.length());
    }

    @Test
    void somethingElseIsRejectedWithAReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TableSchemasCodec.decode("bm90IGRlZmxhdGVk"));
        assertTrue(e.getMessage().startsWith("unreadable table schemas"), e.getMessage());
    }
}
