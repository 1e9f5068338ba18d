package io.mysqlflinkcdc.connect.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Types;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import org.junit.jupiter.api.Test;

import io.debezium.document.DocumentReader;
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

    /**
     * What this version writes into offsets (format 1: Flink CDC 3.5's table-change JSON). Offsets
     * outlive upgrades: when Flink CDC changes this form, these tests fail and the format needs a
     * new version with a reader for the old one (docs/design.md, "Flink CDC internals").
     */
    private static final String FORMAT_1 = """
            {"$format":1,"\\"shop\\".\\"orders\\"":{"type":"CREATE","id":"\\"shop\\".\\"orders\\"","table":{"defaultCharsetName":null,"primaryKeyColumnNames":["id"],"columns":[{"name":"id","jdbcType":4,"typeName":"INT","typeExpression":"INT","charsetName":null,"position":1,"optional":false,"autoIncremented":false,"generated":false,"comment":null,"hasDefaultValue":false,"enumValues":[]},
            {"name":"price","jdbcType":3,"typeName":"DECIMAL","typeExpression":"DECIMAL","charsetName":null,"length":7,"scale":2,"position":2,"optional":true,"autoIncremented":false,"generated":false,"comment":null,"hasDefaultValue":true,"enumValues":[]},
            {"name":"note_0","jdbcType":12,"typeName":"VARCHAR","typeExpression":"VARCHAR","charsetName":"utf8mb4","length":20,"position":3,"optional":true,"autoIncremented":false,"generated":false,"comment":null,"hasDefaultValue":true,"enumValues":[]}]},"comment":null}}""";

    private static String deflated(String json) {
        Deflater deflater = new Deflater();
        deflater.setInput(json.getBytes(StandardCharsets.UTF_8));
        deflater.finish();
        byte[] buffer = new byte[64 * 1024];
        int length = deflater.deflate(buffer);
        deflater.end();
        return Base64.getEncoder().encodeToString(Arrays.copyOf(buffer, length));
    }

    @Test
    void theStoredFormatIsStable() throws Exception {
        TableChange orders = table("shop", "orders", 1);
        String written = TableSchemasCodec.encode(Map.of(new TableId("shop", null, "orders"), orders));
        assertEquals(DocumentReader.defaultReader().read(FORMAT_1),
                DocumentReader.defaultReader().read(new String(inflated(written), StandardCharsets.UTF_8)),
                "the JSON written into offsets changed: version it (TableSchemasCodec.FORMAT) and keep reading 1");
        assertEquals(orders.getTable(), TableSchemasCodec.decode(deflated(FORMAT_1))
                .get(new TableId("shop", null, "orders")).getTable());
    }

    @Test
    void offsetsFromBeforeTheFormatVersionAreRead() {
        String unversioned = FORMAT_1.replace("\"$format\":1,", "");
        assertEquals(table("shop", "orders", 1).getTable(), TableSchemasCodec.decode(deflated(unversioned))
                .get(new TableId("shop", null, "orders")).getTable());
    }

    @Test
    void aNewerFormatIsRefusedSayingWhatToDo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TableSchemasCodec.decode(deflated(FORMAT_1.replace("\"$format\":1", "\"$format\":2"))));
        assertTrue(e.getMessage().startsWith("table schemas in format 2") && e.getMessage().contains("reset the "
                + "offsets"), e.getMessage());
    }

    private static byte[] inflated(String encoded) throws DataFormatException {
        Inflater inflater = new Inflater();
        inflater.setInput(Base64.getDecoder().decode(encoded));
        byte[] buffer = new byte[64 * 1024];
        int length = inflater.inflate(buffer);
        inflater.end();
        return Arrays.copyOf(buffer, length);
    }
}
