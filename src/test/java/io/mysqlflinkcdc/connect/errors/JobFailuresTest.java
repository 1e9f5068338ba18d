package io.mysqlflinkcdc.connect.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.sql.SQLException;
import java.util.List;

import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

import com.github.shyiko.mysql.binlog.network.ServerException;

class JobFailuresTest {

    /** Flink wraps the real failure several times, as in a JobExecutionException chain. */
    private static Throwable wrapped(Throwable root) {
        return new RuntimeException("Job failed", new IllegalStateException("Task failed", root));
    }

    /** How Debezium reports a binlog stream error: its text plus the code, wrapping the client's ServerException. */
    private static Throwable binlogError(String serverMessage) {
        ServerException server = new ServerException(serverMessage, 1236, "HY000");
        return wrapped(new RuntimeException(serverMessage + " Error code: 1236; SQLSTATE: HY000.", server));
    }

    private static void assertRemedy(Throwable failure, String expected) {
        ConnectException e = JobFailures.toConnectException(failure);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertSame(failure, e.getCause());
    }

    @Test
    void rootCauseComesFirstAndTheChainIsKept() {
        Throwable failure = wrapped(new IOException("Connection refused"));
        ConnectException e = JobFailures.toConnectException(failure);
        assertEquals("The embedded Flink CDC job failed: IOException: Connection refused", e.getMessage());
        assertSame(failure, e.getCause());
    }

    @Test
    void rootCauseWithoutMessageIsNamedByItsClass() {
        ConnectException e = JobFailures.toConnectException(wrapped(new NullPointerException()));
        assertEquals("The embedded Flink CDC job failed: NullPointerException", e.getMessage());
    }

    @Test
    void anOutOfMemoryErrorOrAFatalEngineErrorPointsAtHeapAndByteBudget() {
        for (Throwable fatal : List.of(new OutOfMemoryError("Java heap space"),
                new EngineFatalError("Flink met a fatal error in thread 'x'", null))) {
            ConnectException e = JobFailures.toConnectException(wrapped(fatal));
            assertTrue(e.getMessage().contains("-Xmx") && e.getMessage().contains("max.queue.size.in.bytes"),
                    e.getMessage());
        }
    }

    @Test
    void accessDeniedPointsAtUserAndPassword() {
        SQLException denied = new SQLException("Access denied for user 'cdc'@'10.0.0.7' (using password: YES)",
                "28000", 1045);
        Throwable failure = wrapped(denied);
        ConnectException e = JobFailures.toConnectException(failure);
        assertTrue(e.getMessage().startsWith("The embedded Flink CDC job failed: SQLException: Access denied"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("Check database.user and database.password"), e.getMessage());
        assertSame(failure, e.getCause());
    }

    @Test
    void errorCode1045AloneIsEnough() {
        assertRemedy(new SQLException("login failed", "28000", 1045), "Check database.user and database.password");
    }

    @Test
    void errorCode1236IsAPurgedBinlog() {
        assertRemedy(wrapped(new SQLException("binlog read failed", "HY000", 1236)), "binlog purged");
    }

    @Test
    void purgedBinlogFileIsRecognisedFromTheServerMessage() {
        assertRemedy(binlogError("Could not find first log file name in binary log index file"),
                "DELETE /connectors/<name>/offsets");
    }

    @Test
    void missingPrivilegesNameTheGrants() {
        assertRemedy(wrapped(new SQLException(
                "Access denied; you need (at least one of) the RELOAD privilege(s) for this operation", "42000", 1227)),
                "REPLICATION SLAVE");
        assertRemedy(wrapped(new SQLException("SELECT command denied to user 'cdc'@'%' for table 'orders'",
                "42000", 1142)), "Grant the connector's user SELECT");
    }

    @Test
    void serverIdClashAsReportedByMySql57() {
        assertRemedy(binlogError("A slave with the same server_uuid/server_id as this slave has connected to the "
                + "master; the first event 'mysql-bin.000003' at 154"), "database.server.id");
    }

    @Test
    void rowBinlogFormatIsRequired() {
        assertRemedy(wrapped(new IllegalStateException(
                "The MySQL server is not configured to use a ROW binlog_format")), "binlog_format=ROW");
    }

    @Test
    void serverIdClashAsReportedByMySql8() {
        assertRemedy(binlogError("A replica with the same server_uuid/server_id as this replica has connected to "
                + "the source; the first event 'binlog.000017' at 4"), "database.server.id");
    }

    @Test
    void purgedGtidsAsReportedByMySql8() {
        assertRemedy(binlogError("Cannot replicate because the source purged required binary logs. Replicate the "
                + "missing transactions from elsewhere, or provision a new replica from backup."), "binlog purged");
    }
}
