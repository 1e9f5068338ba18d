package io.mysqlflinkcdc.connect.event;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.Decimal;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.Schema;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

import io.mysqlflinkcdc.connect.format.ColumnConversions;
import io.mysqlflinkcdc.connect.format.DecimalMode;
import io.mysqlflinkcdc.connect.format.TemporalMode;

/**
 * Shaded (Flink CDC) Connect types are imported; the worker's Connect types are spelled out as
 * {@code org.apache.kafka.connect.data.*}.
 */
class SchemaTranslatorTest {

    private final SchemaTranslator translator = new SchemaTranslator("mysql_binlog_source", "shop",
            new ColumnConversions(DecimalMode.PRECISE, TemporalMode.DEBEZIUM));

    @Test
    void primitivesAndOptionalityAreCopied() {
        Schema shaded = SchemaBuilder.struct()
                .field("i8", Schema.INT8_SCHEMA)
                .field("i16", Schema.INT16_SCHEMA)
                .field("i32", Schema.INT32_SCHEMA)
                .field("i64", Schema.OPTIONAL_INT64_SCHEMA)
                .field("f32", Schema.FLOAT32_SCHEMA)
                .field("f64", Schema.FLOAT64_SCHEMA)
                .field("flag", Schema.BOOLEAN_SCHEMA)
                .field("text", Schema.OPTIONAL_STRING_SCHEMA)
                .build();
        Struct row = new Struct(shaded).put("i8", (byte) 1).put("i16", (short) 2).put("i32", 3).put("i64", null)
                .put("f32", 1.5f).put("f64", 2.25d).put("flag", true).put("text", "héllo");

        org.apache.kafka.connect.data.Struct copy = translator.struct(row);

        var schema = copy.schema();
        assertEquals(org.apache.kafka.connect.data.Schema.Type.INT8, schema.field("i8").schema().type());
        assertEquals(org.apache.kafka.connect.data.Schema.Type.INT16, schema.field("i16").schema().type());
        assertEquals(org.apache.kafka.connect.data.Schema.Type.INT32, schema.field("i32").schema().type());
        assertEquals(org.apache.kafka.connect.data.Schema.Type.INT64, schema.field("i64").schema().type());
        assertEquals(org.apache.kafka.connect.data.Schema.Type.FLOAT32, schema.field("f32").schema().type());
        assertEquals(org.apache.kafka.connect.data.Schema.Type.FLOAT64, schema.field("f64").schema().type());
        assertEquals(org.apache.kafka.connect.data.Schema.Type.BOOLEAN, schema.field("flag").schema().type());
        assertTrue(schema.field("i64").schema().isOptional());
        assertTrue(schema.field("text").schema().isOptional());
        assertFalse(schema.field("i32").schema().isOptional());
        assertEquals(List.of("i8", "i16", "i32", "i64", "f32", "f64", "flag", "text"),
                schema.fields().stream().map(org.apache.kafka.connect.data.Field::name).toList());

        assertEquals((byte) 1, copy.get("i8"));
        assertEquals((short) 2, copy.get("i16"));
        assertEquals(3, copy.get("i32"));
        assertNull(copy.get("i64"));
        assertEquals(1.5f, copy.get("f32"));
        assertEquals(2.25d, copy.get("f64"));
        assertEquals(true, copy.get("flag"));
        assertEquals("héllo", copy.get("text"));
        copy.validate();
    }

    @Test
    void decimalGetsItsUnshadedLogicalNameAndKeepsItsValue() {
        Schema amount = Decimal.builder(2).optional().build();
        assertEquals("org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.Decimal", amount.name());
        Schema shaded = SchemaBuilder.struct().field("amount", amount).build();

        org.apache.kafka.connect.data.Struct copy =
                translator.struct(new Struct(shaded).put("amount", new BigDecimal("12.34")));

        var schema = copy.schema().field("amount").schema();
        assertEquals(org.apache.kafka.connect.data.Decimal.LOGICAL_NAME, schema.name());
        assertEquals("2", schema.parameters().get(org.apache.kafka.connect.data.Decimal.SCALE_FIELD));
        assertEquals(new BigDecimal("12.34"), copy.get("amount"));
        // The worker's converters can serialise it as a Decimal.
        byte[] encoded = org.apache.kafka.connect.data.Decimal.fromLogical(schema, (BigDecimal) copy.get("amount"));
        assertEquals(new BigDecimal("12.34"), org.apache.kafka.connect.data.Decimal.toLogical(schema, encoded));
    }

    @Test
    void nestedStructsArraysAndMapsAreCopiedDeeply() {
        Schema address = SchemaBuilder.struct().name("mysql_binlog_source.shop.Address")
                .field("city", Schema.STRING_SCHEMA).build();
        Schema shaded = SchemaBuilder.struct()
                .field("address", address)
                .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
                .field("history", SchemaBuilder.array(address).optional().build())
                .field("counts", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT64_SCHEMA).build())
                .build();
        Struct row = new Struct(shaded)
                .put("address", new Struct(address).put("city", "Lyon"))
                .put("tags", List.of("a", "b"))
                .put("history", List.of(new Struct(address).put("city", "Oslo")))
                .put("counts", Map.of("x", 1L));

        org.apache.kafka.connect.data.Struct copy = translator.struct(row);
        copy.validate();

        org.apache.kafka.connect.data.Struct nested = copy.getStruct("address");
        assertEquals("Lyon", nested.getString("city"));
        assertEquals("shop.shop.Address", nested.schema().name());
        assertEquals(List.of("a", "b"), copy.getArray("tags"));
        List<Object> history = copy.getArray("history");
        var first = assertInstanceOf(org.apache.kafka.connect.data.Struct.class, history.get(0));
        assertEquals("Oslo", first.getString("city"));
        assertTrue(copy.schema().field("history").schema().isOptional());
        assertEquals(Map.of("x", 1L), copy.getMap("counts"));
        assertEquals(org.apache.kafka.connect.data.Schema.Type.MAP, copy.schema().field("counts").schema().type());
    }

    @Test
    void byteBuffersBecomeByteArraysOfTheirRemainingBytes() {
        Schema shaded = SchemaBuilder.struct()
                .field("blob", Schema.BYTES_SCHEMA)
                .field("raw", Schema.OPTIONAL_BYTES_SCHEMA)
                .build();
        ByteBuffer window = ByteBuffer.wrap(new byte[] {9, 1, 2, 9}, 1, 2);
        Struct row = new Struct(shaded).put("blob", window).put("raw", new byte[] {5});

        org.apache.kafka.connect.data.Struct copy = translator.struct(row);

        assertArrayEquals(new byte[] {1, 2}, assertInstanceOf(byte[].class, copy.get("blob")));
        assertArrayEquals(new byte[] {5}, assertInstanceOf(byte[].class, copy.get("raw")));
        assertEquals(1, window.position(), "the source buffer is not consumed");
    }

    /**
     * Debezium gives a column's schema the column's DEFAULT, and a shaded {@code Struct.get} returns
     * it for a null field: a NULL stored in such a column must still be written as null, and the
     * worker's converters must not be able to put the default in its place either.
     */
    @Test
    void aNullInAColumnWithADefaultStaysNull() {
        Schema shaded = SchemaBuilder.struct()
                .field("note", SchemaBuilder.string().optional().defaultValue("none").build())
                .field("qty", SchemaBuilder.int32().optional().defaultValue(7).build())
                .build();

        org.apache.kafka.connect.data.Struct copy = translator.struct(new Struct(shaded).put("note", null));

        assertNull(copy.getWithoutDefault("note"));
        assertNull(copy.getWithoutDefault("qty"));
        assertNull(copy.schema().field("note").schema().defaultValue(),
                "no default the worker's JsonConverter would write in place of the null");
        assertNull(copy.get("qty"));
        org.apache.kafka.connect.data.Struct set = translator.struct(new Struct(shaded).put("note", "none").put("qty", 7));
        assertEquals("none", set.get("note"), "a value equal to the default is the value");
        assertEquals(7, set.get("qty"));
    }

    @Test
    void defaultValuesOfRequiredFieldsAreCopied() {
        Schema shaded = SchemaBuilder.struct()
                .field("qty", SchemaBuilder.int32().defaultValue(42).build())
                .field("note", SchemaBuilder.string().optional().defaultValue("none").build())
                .field("price", Decimal.builder(2).defaultValue(new BigDecimal("0.00")).build())
                .field("bin", SchemaBuilder.bytes().defaultValue(ByteBuffer.wrap(new byte[] {7})).build())
                .build();

        var schema = translator.schema(shaded);

        assertEquals(42, schema.field("qty").schema().defaultValue());
        assertNull(schema.field("note").schema().defaultValue(), "an optional field keeps no default");
        assertEquals(new BigDecimal("0.00"), schema.field("price").schema().defaultValue());
        assertArrayEquals(new byte[] {7}, (byte[]) schema.field("bin").schema().defaultValue());
    }

    @Test
    void serverNamePrefixIsReplacedByTheTopicPrefix() {
        Schema shaded = SchemaBuilder.struct().name("mysql_binlog_source.inventory.orders.Value")
                .version(3).doc("row of orders")
                .field("day", SchemaBuilder.int32().name("io.debezium.time.Date").parameter("p", "v").build())
                .build();

        var schema = translator.schema(shaded);

        assertEquals("shop.inventory.orders.Value", schema.name());
        assertEquals(3, schema.version());
        assertEquals("row of orders", schema.doc());
        assertEquals("io.debezium.time.Date", schema.field("day").schema().name());
        assertEquals(Map.of("p", "v"), schema.field("day").schema().parameters());
        assertEquals("mysql_binlog_sourceX.t",
                translator.schema(SchemaBuilder.string().name("mysql_binlog_sourceX.t").build()).name(),
                "only the server name followed by a dot is replaced");
    }

    @Test
    void translatedSchemaIsReusedForRowsOfTheSameSchema() {
        Schema shaded = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).build();
        var first = translator.struct(new Struct(shaded).put("id", 1));
        var second = translator.struct(new Struct(shaded).put("id", 2));
        assertSame(first.schema(), second.schema());
        assertEquals(2, second.get("id"));
        assertNull(translator.struct(null));
    }

    @Test
    void aTablesSchemaChangesReplaceItsCachedPlanInsteadOfAddingOne() {
        // Each DDL gives the table a new schema object under the same name (issue 14, item 4).
        for (int columns = 1; columns <= 200; columns++) {
            SchemaBuilder builder = SchemaBuilder.struct().name("mysql_binlog_source.shop.orders.Value");
            for (int c = 0; c < columns; c++) {
                builder.field("c" + c, Schema.INT32_SCHEMA);
            }
            Schema afterDdl = builder.build();
            Struct row = new Struct(afterDdl);
            afterDdl.fields().forEach(field -> row.put(field, 7));
            assertEquals(columns, translator.struct(row).schema().fields().size());
        }
        translator.struct(new Struct(SchemaBuilder.struct().name("mysql_binlog_source.shop.items.Value")
                .field("id", Schema.INT32_SCHEMA).build()).put("id", 1));
        assertEquals(2, translator.cachedPlans(), "one plan per table, not one per schema change");
    }
}
