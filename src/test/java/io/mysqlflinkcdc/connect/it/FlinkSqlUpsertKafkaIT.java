package io.mysqlflinkcdc.connect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import java.util.List;

import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.Test;

/**
 * The produced topics are what Flink SQL's {@code upsert-kafka} connector expects: a real Flink 1.20
 * SQL job in this JVM (local mini-cluster) reads a connector's store_sales topic with json key and
 * value formats and every column in its natural type (INT, BIGINT, DECIMAL(7,2)), and its COUNT(*),
 * SUM(ss_quantity) and SUM(ss_net_profit) equal MySQL's after the snapshot and again after inserts,
 * updates and deletes, so upserts replace rows and tombstones remove them. Decimals may be JSON
 * numbers or strings: Flink's json format reads both, and the test does not depend on which.
 */
class FlinkSqlUpsertKafkaIT extends ConnectStackTest {

    private static final String AGGREGATES = "SELECT COUNT(*), SUM(ss_quantity), SUM(ss_net_profit) FROM store_sales";

    @Override
    String kafkaVersion() {
        return newestKafka();
    }

    @Test
    void flinkSqlOverTheUpsertTopicAggregatesLikeMySql() throws Exception {
        TestDatabase db = storeDatabase("flinksql", 3000, 0);
        String name = "flinksql-" + db.name();
        kafka.rest().createConnector(name, ItConnectorConfigs.capture(db, name, 1));
        awaitSales(name, db);
        TableEnvironment flink = flinkSql(name + "." + db.name() + ".store_sales");
        Aggregates snapshot = mysql(db);
        assertEquals(snapshot, flinkQuery(flink), "after the snapshot");

        TpcdsTables.insertSales(db, 100_000, 40);
        db.execute("UPDATE store_sales SET ss_quantity = ss_quantity + 7, ss_net_profit = ss_net_profit - 12.34 "
                        + "WHERE ss_ticket_number % 9 = 4",
                "UPDATE store_sales SET ss_net_profit = NULL WHERE ss_ticket_number % 100 = 1",
                "DELETE FROM store_sales WHERE ss_ticket_number % 13 = 0 OR ss_ticket_number = 100005");
        awaitSales(name, db);
        Aggregates changed = mysql(db);
        assertTrue(changed.count() < snapshot.count() + 40, "the deletes removed rows: " + changed);
        assertEquals(changed, flinkQuery(flink), "after inserts, updates and deletes");
        kafka.rest().deleteConnector(name);
    }

    /** COUNT(*), SUM(ss_quantity), SUM(ss_net_profit); sums compared by value (12.3 equals 12.30). */
    record Aggregates(long count, BigDecimal quantity, BigDecimal netProfit) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Aggregates a && count == a.count && quantity.compareTo(a.quantity) == 0
                    && netProfit.compareTo(a.netProfit) == 0;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(count);
        }
    }

    private static Aggregates mysql(TestDatabase db) throws Exception {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(AGGREGATES)) {
            rs.next();
            return new Aggregates(rs.getLong(1), rs.getBigDecimal(2), rs.getBigDecimal(3));
        }
    }

    /** A streaming job over a bounded source: the aggregate is the last row of its changelog. */
    private static Aggregates flinkQuery(TableEnvironment flink) throws Exception {
        List<Row> rows = LocalFlinkSql.finalRows(flink, AGGREGATES, 0);
        assertEquals(1, rows.size(), "Flink SQL returns one aggregate row: " + rows);
        Row last = rows.get(0);
        return new Aggregates((Long) last.getField(0), new BigDecimal(String.valueOf(last.getField(1))),
                (BigDecimal) last.getField(2));
    }

    /** Local Flink SQL with the topic as table store_sales, every column in its natural type. */
    private TableEnvironment flinkSql(String topic) {
        TableEnvironment flink = LocalFlinkSql.create();
        flink.executeSql("""
                CREATE TABLE store_sales (
                  ss_sold_date_sk INT, ss_sold_time_sk INT, ss_item_sk INT NOT NULL, ss_customer_sk INT,
                  ss_cdemo_sk INT, ss_hdemo_sk INT, ss_addr_sk INT, ss_store_sk INT, ss_promo_sk INT,
                  ss_ticket_number BIGINT NOT NULL, ss_quantity INT, ss_wholesale_cost DECIMAL(7,2),
                  ss_list_price DECIMAL(7,2), ss_sales_price DECIMAL(7,2), ss_ext_discount_amt DECIMAL(7,2),
                  ss_ext_sales_price DECIMAL(7,2), ss_ext_wholesale_cost DECIMAL(7,2),
                  ss_ext_list_price DECIMAL(7,2), ss_ext_tax DECIMAL(7,2), ss_coupon_amt DECIMAL(7,2),
                  ss_net_paid DECIMAL(7,2), ss_net_paid_inc_tax DECIMAL(7,2), ss_net_profit DECIMAL(7,2),
                  PRIMARY KEY (ss_item_sk, ss_ticket_number) NOT ENFORCED
                ) """ + LocalFlinkSql.upsertKafka(topic, kafka.bootstrapServers()));
        return flink;
    }
}
