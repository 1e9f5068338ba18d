package io.mysqlflinkcdc.connect.it;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Random;

/** TPC-DS shaped store_sales and store_returns with deterministic pseudo-random rows. */
public final class TpcdsTables {

    public static final List<String> SALES_KEY = List.of("ss_item_sk", "ss_ticket_number");
    public static final List<String> RETURNS_KEY = List.of("sr_item_sk", "sr_ticket_number");

    private static final String[] SALES_AMOUNTS = {"ss_wholesale_cost", "ss_list_price", "ss_sales_price",
            "ss_ext_discount_amt", "ss_ext_sales_price", "ss_ext_wholesale_cost", "ss_ext_list_price", "ss_ext_tax",
            "ss_coupon_amt", "ss_net_paid", "ss_net_paid_inc_tax", "ss_net_profit"};
    private static final String[] RETURNS_AMOUNTS = {"sr_return_amt", "sr_return_tax", "sr_return_amt_inc_tax",
            "sr_fee", "sr_return_ship_cost", "sr_refunded_cash", "sr_reversed_charge", "sr_store_credit", "sr_net_loss"};

    private TpcdsTables() {
    }

    public static void createStoreSales(TestDatabase db) throws SQLException {
        db.execute("CREATE TABLE store_sales (ss_sold_date_sk INT, ss_sold_time_sk INT, ss_item_sk INT NOT NULL, "
                + "ss_customer_sk INT, ss_cdemo_sk INT, ss_hdemo_sk INT, ss_addr_sk INT, ss_store_sk INT, "
                + "ss_promo_sk INT, ss_ticket_number BIGINT NOT NULL, ss_quantity INT, "
                + String.join(" DECIMAL(7,2), ", SALES_AMOUNTS) + " DECIMAL(7,2), "
                + "PRIMARY KEY (ss_item_sk, ss_ticket_number))");
    }

    public static void createStoreReturns(TestDatabase db) throws SQLException {
        db.execute("CREATE TABLE store_returns (sr_returned_date_sk INT, sr_return_time_sk INT, sr_item_sk INT NOT NULL, "
                + "sr_customer_sk INT, sr_cdemo_sk INT, sr_hdemo_sk INT, sr_addr_sk INT, sr_store_sk INT, "
                + "sr_reason_sk INT, sr_ticket_number BIGINT NOT NULL, sr_return_quantity INT, "
                + String.join(" DECIMAL(7,2), ", RETURNS_AMOUNTS) + " DECIMAL(7,2), "
                + "PRIMARY KEY (sr_item_sk, sr_ticket_number))");
    }

    /** Inserts sales rows with ticket numbers firstTicket..firstTicket+count-1 (item = ticket % 97 + 1). */
    public static void insertSales(TestDatabase db, long firstTicket, int count) throws SQLException {
        insert(db, "store_sales", 11, SALES_AMOUNTS.length, firstTicket, count);
    }

    public static void insertReturns(TestDatabase db, long firstTicket, int count) throws SQLException {
        insert(db, "store_returns", 11, RETURNS_AMOUNTS.length, firstTicket, count);
    }

    private static void insert(TestDatabase db, String table, int intColumns, int amountColumns, long firstTicket,
                               int count) throws SQLException {
        Random random = new Random(firstTicket * 31 + table.hashCode());
        String placeholders = "?,".repeat(intColumns + amountColumns - 1) + "?";
        try (Connection connection = db.connect();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table + " VALUES (" + placeholders + ")")) {
            connection.setAutoCommit(false);
            for (int i = 0; i < count; i++) {
                long ticket = firstTicket + i;
                // date, time, item, customer, cdemo, hdemo, addr, store, promo/reason, ticket, quantity
                nullableInt(insert, 1, random, 2450815 + random.nextInt(2000));
                nullableInt(insert, 2, random, random.nextInt(86400));
                insert.setInt(3, (int) (ticket % 97) + 1);
                for (int column = 4; column <= 9; column++) {
                    nullableInt(insert, column, random, random.nextInt(100_000));
                }
                insert.setLong(10, ticket);
                nullableInt(insert, 11, random, 1 + random.nextInt(100));
                for (int column = 0; column < amountColumns; column++) {
                    if (random.nextInt(20) == 0) {
                        insert.setNull(intColumns + 1 + column, Types.DECIMAL);
                    } else {
                        insert.setBigDecimal(intColumns + 1 + column,
                                BigDecimal.valueOf(random.nextInt(2_000_000) - 1_000_000, 2));
                    }
                }
                insert.addBatch();
                if (i % 1000 == 999) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
            connection.commit();
        }
    }

    private static void nullableInt(PreparedStatement statement, int index, Random random, int value)
            throws SQLException {
        if (random.nextInt(25) == 0) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setInt(index, value);
        }
    }
}
