package io.mysqlflinkcdc.bench;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;

import io.mysqlflinkcdc.connect.it.TestDatabase;

/**
 * Writes the binlog workloads into a table shaped like store_sales (key ss_item_sk,
 * ss_ticket_number; item = ticket % 97 + 1, as TpcdsTables does).
 */
final class ChangeWriter implements AutoCloseable {

    /** Tickets of rows written only to find a point in a topic (markers, the end sentinel). */
    static final long MARKER_TICKETS = -1_000_000_000L;

    private static final int COLUMNS = 23;

    private final Connection connection;
    private final PreparedStatement insert;
    private final PreparedStatement update;
    private final PreparedStatement delete;
    private final String table;
    private final Random random = new Random(42);

    ChangeWriter(TestDatabase db, String table) throws SQLException {
        this.table = table;
        connection = db.connect();
        connection.setAutoCommit(false);
        insert = connection.prepareStatement("INSERT INTO " + table + " VALUES (" + "?,".repeat(COLUMNS - 1) + "?)");
        update = connection.prepareStatement("UPDATE " + table + " SET ss_quantity = ss_quantity + 1, "
                + "ss_net_profit = ? WHERE ss_item_sk = ? AND ss_ticket_number = ?");
        delete = connection.prepareStatement("DELETE FROM " + table + " WHERE ss_item_sk = ? AND ss_ticket_number = ?");
    }

    static int item(long ticket) {
        return (int) Math.floorMod(ticket, 97L) + 1;
    }

    /**
     * {@code events} changes as fast as one connection can commit them, 500 per transaction: half
     * inserts, 30% updates and 20% deletes of rows inserted before (prefilled tickets 1..prefilled).
     */
    void writeMixed(int events, long prefilled, long firstNewTicket) throws SQLException {
        Deque<Long> live = new ArrayDeque<>();
        for (long ticket = 1; ticket <= prefilled; ticket++) {
            live.add(ticket);
        }
        long nextTicket = firstNewTicket;
        for (int written = 0; written < events; ) {
            int batch = Math.min(500, events - written);
            int inserts = batch / 2;
            int updates = Math.min(batch * 3 / 10, live.size());
            int deletes = Math.min(batch - inserts - updates, live.size());
            inserts = batch - updates - deletes;
            for (int i = 0; i < inserts; i++) {
                addInsert(nextTicket);
                live.addLast(nextTicket++);
            }
            insert.executeBatch();
            Long[] snapshot = live.toArray(new Long[0]);
            for (int i = 0; i < updates; i++) {
                long ticket = snapshot[random.nextInt(snapshot.length)];
                update.setBigDecimal(1, BigDecimal.valueOf(random.nextInt(2_000_000) - 1_000_000, 2));
                update.setInt(2, item(ticket));
                update.setLong(3, ticket);
                update.addBatch();
            }
            update.executeBatch();
            for (int i = 0; i < deletes; i++) {
                long ticket = live.removeFirst();
                delete.setInt(1, item(ticket));
                delete.setLong(2, ticket);
                delete.addBatch();
            }
            delete.executeBatch();
            connection.commit();
            written += batch;
        }
    }

    /** Inserts {@code count} new rows with tickets first..first+count-1 in one transaction. */
    void insertCommitted(long first, int count) throws SQLException {
        for (int i = 0; i < count; i++) {
            addInsert(first + i);
        }
        insert.executeBatch();
        connection.commit();
    }

    private void addInsert(long ticket) throws SQLException {
        insert.setInt(1, 2450815 + random.nextInt(2000));
        insert.setInt(2, random.nextInt(86400));
        insert.setInt(3, item(ticket));
        for (int column = 4; column <= 9; column++) {
            insert.setInt(column, random.nextInt(100_000));
        }
        insert.setLong(10, ticket);
        insert.setInt(11, 1 + random.nextInt(100));
        for (int column = 12; column <= COLUMNS; column++) {
            insert.setBigDecimal(column, BigDecimal.valueOf(random.nextInt(2_000_000) - 1_000_000, 2));
        }
        insert.addBatch();
    }

    String table() {
        return table;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
