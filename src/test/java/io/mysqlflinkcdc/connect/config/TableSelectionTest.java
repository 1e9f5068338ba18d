package io.mysqlflinkcdc.connect.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class TableSelectionTest {

    @Test
    void emptyListsSelectEveryDatabaseAndLeaveTablesUnset() {
        TableSelection selection = TableSelection.of(List.of(), List.of(), List.of());
        assertEquals(List.of(".*"), selection.databaseList());
        assertEquals(Optional.empty(), selection.tableList());
        assertTrue(selection.captures("shop", "orders"));
        assertFalse(selection.captures("mysql", "user"), "the server's own databases are never captured");
        assertFalse(selection.captures("performance_schema", "threads"));
    }

    @Test
    void includesOnlyArePassedThrough() {
        TableSelection selection = TableSelection.of(List.of("shop"), List.of("shop\\.orders"), List.of());
        assertEquals(List.of("shop"), selection.databaseList());
        assertEquals(Optional.of(List.of("shop\\.orders")), selection.tableList());
        assertTrue(selection.captures("shop", "orders"));
        assertFalse(selection.captures("shop", "customers"));
        assertFalse(selection.captures("shopping", "orders"), "database patterns match the whole name");
    }

    @Test
    void excludeBecomesANegativeLookaheadInFrontOfEachInclude() {
        TableSelection selection = TableSelection.of(List.of(), List.of("db\\..*"), List.of("db\\.secret"));
        assertEquals(Optional.of(List.of("(?!(?:db\\.secret)$)(?:db\\..*)")), selection.tableList());
        assertFalse(selection.captures("db", "secret"));
        assertTrue(selection.captures("db", "public"));
        assertTrue(selection.captures("db", "secret2"), "the exclusion matches the whole name only");
        assertTrue(selection.captures("db", "secre"));
        assertFalse(selection.captures("other", "secret"), "not included in the first place");
    }

    @Test
    void excludeWithoutIncludeAppliesToEveryTable() {
        TableSelection selection = TableSelection.of(List.of("shop"), List.of(), List.of("shop\\.audit_.*", "shop\\.tmp"));
        assertEquals(Optional.of(List.of("(?!(?:shop\\.audit_.*|shop\\.tmp)$)(?:.*)")), selection.tableList());
        assertTrue(selection.captures("shop", "orders"));
        assertFalse(selection.captures("shop", "audit_2024"));
        assertFalse(selection.captures("shop", "tmp"));
        assertTrue(selection.captures("shop", "tmp_keep"));
    }

    @Test
    void everyIncludeGetsTheExclusion() {
        TableSelection selection = TableSelection.of(List.of(), List.of("a\\..*", "b\\..*"), List.of("a\\.x|b\\.x"));
        assertEquals(2, selection.tableList().orElseThrow().size());
        assertFalse(selection.captures("a", "x"));
        assertFalse(selection.captures("b", "x"));
        assertTrue(selection.captures("a", "y"));
        assertTrue(selection.captures("b", "y"));
        assertFalse(selection.captures("c", "y"));
    }

    @Test
    void aTasksTablesMatchThemselvesOnly() {
        TableSelection selection = TableSelection.exactly(List.of("shop.orders", "shop-eu.items$v2", "crm.a.b"));
        assertTrue(selection.captures("shop", "orders"));
        assertTrue(selection.captures("shop-eu", "items$v2"));
        assertTrue(selection.captures("crm", "a.b"), "a dot in the table name");
        assertFalse(selection.captures("shop", "orders2"));
        assertFalse(selection.captures("shopx", "orders"));
        assertFalse(selection.captures("shop", "items"));
        assertFalse(selection.captures("crm", "aXb"), "the dot is no wildcard");
        assertEquals(List.of("shop", "shop\\-eu", "crm"), selection.databaseList());
    }
}
