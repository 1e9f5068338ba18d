package io.mysqlflinkcdc.connect.server;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.mysqlflinkcdc.connect.config.ConnectorConfig;
import io.mysqlflinkcdc.connect.config.DatabaseFragment;

/** The server settings row-based change capture depends on. */
record BinlogSettings(boolean logBin, String format, String rowImage) {

    static BinlogSettings read(Statement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery(
                "SELECT @@global.log_bin, @@global.binlog_format, @@global.binlog_row_image")) {
            rs.next();
            return new BinlogSettings(rs.getBoolean(1), rs.getString(2), rs.getString(3));
        }
    }

    /** Reported on database.hostname: the server there needs reconfiguring (or another server is meant). */
    List<ConnectorConfig.Problem> problems(ConnectorConfig config) {
        String server = "the server at " + config.hostname() + ":" + config.port();
        List<ConnectorConfig.Problem> problems = new ArrayList<>();
        if (!logBin) {
            problems.add(new ConnectorConfig.Problem(DatabaseFragment.HOSTNAME, server + " has no binary log "
                    + "(log_bin=OFF): start it with log-bin, binlog_format=ROW and binlog_row_image=FULL"));
            return problems;
        }
        if (!"ROW".equalsIgnoreCase(format)) {
            problems.add(new ConnectorConfig.Problem(DatabaseFragment.HOSTNAME, server + " has binlog_format="
                    + format + "; change capture needs ROW: SET GLOBAL binlog_format = 'ROW' (and in its config "
                    + "file)"));
        }
        if (rowImage != null && !"FULL".equalsIgnoreCase(rowImage)) {
            problems.add(new ConnectorConfig.Problem(DatabaseFragment.HOSTNAME, server + " has binlog_row_image="
                    + rowImage + "; upserts need whole rows: SET GLOBAL binlog_row_image = 'FULL' (and in its "
                    + "config file)"));
        }
        return problems;
    }
}
