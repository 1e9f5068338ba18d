package org.apache.flink.cdc.connectors.mysql.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

import org.apache.flink.cdc.connectors.mysql.source.split.MySqlSnapshotSplit;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.Schema;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.flink.cdc.connectors.shaded.org.apache.kafka.connect.data.Struct;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.junit.jupiter.api.Test;

import io.debezium.relational.TableId;

/**
 * The additional-conditions filter leans on Flink CDC 3.5's chunk query (StatementUtils): these
 * fail loudly when that query changes under it.
 */
class ChunkRowFilterTest {

    private static final TableId ORDERS = new TableId("shop", null, "orders");
    private static final RowType SPLIT_KEY = RowType.of(new LogicalType[] {new BigIntType()}, new String[] {"id"});

    private static MySqlSnapshotSplit chunk(Object start, Object end) {
        return new MySqlSnapshotSplit(ORDERS, 0, SPLIT_KEY, start == null ? null : new Object[] {start},
                end == null ? null : new Object[] {end}, null, Map.of());
    }

    @Test
    void theChunksOwnRangeQueryAsksForKeysThatMatchTheCondition() {
        assertEquals("SELECT `id`, `line` FROM `shop`.`orders` WHERE `id` >= ? AND NOT (`id` = ?) AND `id` <= ? "
                + "AND (color = 'blue')", ChunkRowFilter.query(chunk(10L, 20L), List.of("id", "line"), "color = 'blue'"));
        assertEquals("SELECT `id` FROM `shop`.`orders` WHERE `id` <= ? AND NOT (`id` = ?) AND (qty > 1 OR x)",
                ChunkRowFilter.query(chunk(null, 20L), List.of("id"), "qty > 1 OR x"));
        assertEquals("SELECT `id` FROM `shop`.`orders` WHERE `id` >= ? AND (qty > 1)",
                ChunkRowFilter.query(chunk(10L, null), List.of("id"), "qty > 1"));
        // A table read as one chunk: no range, the condition alone.
        assertEquals("SELECT `id` FROM `shop`.`orders` WHERE (qty > 1)",
                ChunkRowFilter.query(chunk(null, null), List.of("id"), "qty > 1"));
    }

    @Test
    void keyValuesFromTheDriverAndFromFlinkCdcRecordsMeetInOneForm() {
        // BIGINT, DECIMAL (as BigDecimal or, with decimal.handling.mode=string, as text), BOOLEAN.
        assertEquals(ChunkRowFilter.canonical(42L), ChunkRowFilter.canonical(42));
        assertEquals(ChunkRowFilter.canonical(new BigDecimal("12.50")), ChunkRowFilter.canonical("12.5"));
        assertEquals(ChunkRowFilter.canonical(new BigDecimal("0.00")), ChunkRowFilter.canonical(0));
        assertEquals(ChunkRowFilter.canonical(true), ChunkRowFilter.canonical(1));
        // BINARY keys: byte[] from the driver, ByteBuffer in records.
        assertEquals(ChunkRowFilter.canonical(new byte[] {1, (byte) 0xff}),
                ChunkRowFilter.canonical(ByteBuffer.wrap(new byte[] {1, (byte) 0xff})));
        assertEquals("abc", ChunkRowFilter.canonical("abc"));
        assertNotEquals(ChunkRowFilter.canonical("abc"), ChunkRowFilter.canonical("abd"));
        assertNull(ChunkRowFilter.canonical(null));

        Schema key = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).field("code", Schema.STRING_SCHEMA).build();
        assertEquals(List.of("7", "x"), ChunkRowFilter.canonicalKey(new Struct(key).put("id", 7L).put("code", "x")));
    }

    @Test
    void keysThatCannotBeMatchedTurnTheFilterOff() {
        assertNull(ChunkRowFilter.unusableKey(SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).build()));
        assertTrue(ChunkRowFilter.unusableKey(null).contains("no primary key"));
        Schema temporal = SchemaBuilder.struct().field("day", SchemaBuilder.int32().name("io.debezium.time.Date")
                .build()).build();
        assertTrue(ChunkRowFilter.unusableKey(temporal).contains("temporal"), ChunkRowFilter.unusableKey(temporal));
    }
}
