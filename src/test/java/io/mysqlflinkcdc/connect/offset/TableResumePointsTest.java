package io.mysqlflinkcdc.connect.offset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TableResumePointsTest {

    private static BinlogPosition at(String file, long pos, long event, long row) {
        return new BinlogPosition(file, pos, event, row, null, 0, null);
    }

    @Test
    void positionsOrderByFileNumberThenPositionThenEventsAndRows() {
        List<BinlogPosition> ordered = List.of(at("mysql-bin.000009", 900, 0, 0), at("mysql-bin.000010", 4, 0, 0),
                at("mysql-bin.000010", 120, 0, 0), at("mysql-bin.000010", 120, 1, 0), at("mysql-bin.000010", 120, 1, 3),
                at("mysql-bin.000010", 121, 0, 0), at("mysql-bin.1000000", 4, 0, 0));
        List<BinlogPosition> shuffled = new ArrayList<>(ordered);
        Collections.shuffle(shuffled);
        Collections.sort(shuffled);
        assertEquals(ordered, shuffled);
    }

    @Test
    void aTableTakesOnlyChangesAfterItsPoint() {
        TableResumePoints points = new TableResumePoints(Map.of("shop.orders", at("mysql-bin.000010", 120, 1, 0)));
        assertFalse(points.admits("shop.orders", at("mysql-bin.000010", 120, 1, 0)), "delivered already");
        assertFalse(points.admits("shop.orders", at("mysql-bin.000010", 4, 0, 0)));
        assertTrue(points.admits("shop.orders", at("mysql-bin.000010", 120, 1, 1)), "the next row of that event");
        assertTrue(points.admits("shop.items", at("mysql-bin.000001", 4, 0, 0)), "no point: everything");
        assertTrue(points.admits("shop.orders", null), "snapshot rows have no position");
    }

    @Test
    void travelsIntoTheFlinkJobBySerialization() throws Exception {
        TableResumePoints points = new TableResumePoints(Map.of("shop.orders", at("mysql-bin.000010", 120, 1, 0)));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(points);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(points.points(), ((TableResumePoints) in.readObject()).points());
        }
    }
}
