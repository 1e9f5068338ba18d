package io.mysqlflinkcdc.connect.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class TopicRouterTest {

    @Test
    void eachTableKeepsItsOwnRouteWhenTablesAlternate() {
        TopicRouter router = new TopicRouter("shop", "shop\\.eu_(.*)\\.orders", "shop.all.orders", "__source_table");
        // Alternating tables, and the same table name in two databases, each must get its own route
        // however the previous look-up went (the router remembers the last one).
        String[][] lookUps = {{"eu_1", "orders"}, {"eu_1", "orders"}, {"eu_2", "orders"}, {"inventory", "orders"},
            {"eu_1", "orders"}, {"inventory", "items"}, {"inventory", "orders"}};
        for (String[] lookUp : lookUps) {
            TopicRouter.Route route = router.route(new String(lookUp[0]), new String(lookUp[1]));
            String sourceTable = lookUp[0] + "." + lookUp[1];
            assertEquals(sourceTable, route.sourceTable());
            if (lookUp[0].startsWith("eu_")) {
                assertEquals("shop.all.orders", route.topic(), sourceTable);
                assertEquals("__source_table", route.keyField(), sourceTable);
            } else {
                assertEquals("shop." + sourceTable, route.topic(), sourceTable);
                assertNull(route.keyField(), sourceTable);
            }
        }
    }
}
