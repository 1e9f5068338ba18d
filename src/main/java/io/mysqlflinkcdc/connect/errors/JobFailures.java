package io.mysqlflinkcdc.connect.errors;

import java.sql.SQLException;
import java.util.Locale;

import org.apache.kafka.connect.errors.ConnectException;

/**
 * Turns the failure of the embedded Flink job into the exception that fails the Connect task: the
 * root cause first, then what to do about it, with the whole chain attached for the status trace.
 */
public final class JobFailures {

    private JobFailures() {
    }

    public static ConnectException toConnectException(Throwable failure) {
        Throwable root = rootCause(failure);
        String message = "The embedded Flink CDC job failed: " + describe(root);
        String remedy = remedy(failure);
        return new ConnectException(remedy == null ? message : message + ". " + remedy, failure);
    }

    public static Throwable rootCause(Throwable failure) {
        Throwable current = failure;
        while (current.getCause() != null && current.getCause() != current) {
            current = current.getCause();
        }
        return current;
    }

    private static String describe(Throwable t) {
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    /** Advice for failures users meet; searched along the whole chain, since Flink wraps them deeply. */
    static String remedy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutOfMemoryError || t instanceof EngineFatalError) {
                return "If the worker ran out of heap: give it more (-Xmx in KAFKA_HEAP_OPTS) or lower "
                        + "max.queue.size.in.bytes (rows this task holds in memory), then restart the task "
                        + "(POST /connectors/<name>/restart?includeTasks=true); it resumes where it stopped";
            }
            String text = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            int sqlCode = t instanceof SQLException sql ? sql.getErrorCode() : 0;
            if (sqlCode == 1236 || text.contains("could not find first log file") || text.contains("purged binary logs")
                    || text.contains("purged required binary logs")) {
                return "The stored binlog position no longer exists on the server (binlog purged). "
                        + "Stop the connector and reset its offsets (DELETE /connectors/<name>/offsets) to take a new "
                        + "snapshot, and keep binlogs longer (binlog_expire_logs_seconds)";
            }
            if (sqlCode == 1045 || text.contains("access denied for user")) {
                return "Check database.user and database.password";
            }
            if (sqlCode == 1227 || sqlCode == 1142 || sqlCode == 1044 || text.contains("command denied")
                    || text.contains("privilege")) {
                return "Grant the connector's user SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE and "
                        + "REPLICATION CLIENT, then restart the task";
            }
            if (text.contains("same server_uuid/server_id") || text.contains("same server_id")) {
                return "Another replica uses the same server id; give this connector a free range in database.server.id";
            }
            if (text.contains("binlog_format") || text.contains("binlog_row_image")) {
                return "Set binlog_format=ROW and binlog_row_image=FULL on the server";
            }
        }
        return null;
    }
}
