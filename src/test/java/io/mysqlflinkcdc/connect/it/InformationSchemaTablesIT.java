package io.mysqlflinkcdc.connect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.flink.cdc.connectors.mysql.debezium.DebeziumUtils;
import org.apache.flink.cdc.connectors.mysql.schema.MySqlSchema;
import org.apache.flink.cdc.connectors.mysql.source.config.MySqlSourceConfig;
import org.apache.flink.cdc.debezium.history.FlinkJsonTableChangeSerializer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.debezium.connector.mysql.MySqlPartition;
import io.debezium.jdbc.JdbcConnection;
import io.debezium.relational.Table;
import io.debezium.relational.TableId;
import io.debezium.relational.history.TableChanges.TableChange;
import io.debezium.relational.history.TableChanges.TableChangeType;
import io.mysqlflinkcdc.connect.engine.FlinkCdcConfigs;
import io.mysqlflinkcdc.connect.schema.InformationSchemaTables;

/**
 * A table's schema read from information_schema ({@link InformationSchemaTables}) equals the one
 * Flink CDC's chunk splitter parses from SHOW CREATE TABLE with Debezium's DDL parser, in every
 * attribute Flink CDC keeps (its JSON form, which is also what offsets store), for every kind of
 * column it reads; and a table with any other kind of column is left to the parser.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InformationSchemaTablesIT {

    /** Tables information_schema must describe exactly as the parser does. */
    private static final Map<String, String> READ = new LinkedHashMap<>();
    /** Tables with one thing it must leave to the parser. */
    private static final Map<String, String> PARSED = new LinkedHashMap<>();

    static {
        READ.put("integers", "(id INT PRIMARY KEY AUTO_INCREMENT, a TINYINT, b TINYINT(1) NOT NULL DEFAULT 0, "
                + "c SMALLINT UNSIGNED DEFAULT 7, d MEDIUMINT, e INT(5) NOT NULL, f BIGINT UNSIGNED NULL DEFAULT NULL, "
                + "g BIGINT DEFAULT 12345678901, h INT UNSIGNED NOT NULL, i MEDIUMINT UNSIGNED DEFAULT 0)");
        READ.put("decimals", "(id BIGINT NOT NULL, k INT NOT NULL, p DECIMAL(7,2) DEFAULT 1.50, "
                + "q DECIMAL(10,0) NOT NULL, r DECIMAL(65,30), s NUMERIC(5,1), t DECIMAL(9,3) UNSIGNED, u DEC(4), "
                + "v DECIMAL(7,2) NOT NULL DEFAULT 0.00, PRIMARY KEY (k, id))");
        READ.put("texts", "(id VARCHAR(36) PRIMARY KEY, a CHAR(1) NOT NULL DEFAULT 'x', "
                + "b VARCHAR(255) CHARACTER SET latin1 DEFAULT 'abc def', c VARCHAR(20) COLLATE utf8mb4_bin, "
                + "d CHAR(10) CHARACTER SET ascii, e VARCHAR(100) NOT NULL DEFAULT '', f VARCHAR(10) DEFAULT '5', "
                + "g CHAR(0), h VARCHAR(4000) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL) "
                + "DEFAULT CHARSET=utf8mb4");
        READ.put("latin1_table", "(id INT NOT NULL, a VARCHAR(10), b VARCHAR(10) CHARACTER SET utf8mb4, "
                + "c CHAR(3) CHARACTER SET utf8mb3, PRIMARY KEY (id)) DEFAULT CHARSET=latin1");
        READ.put("temporals", "(id INT PRIMARY KEY, a DATE, b DATETIME, c DATETIME(3), "
                + "d DATETIME(6) NOT NULL DEFAULT '2020-01-02 03:04:05.000000', e TIMESTAMP NULL DEFAULT NULL, "
                + "f TIMESTAMP(3) NULL, g DATE DEFAULT '2000-01-01', h DATETIME DEFAULT '1999-12-31 23:59:59')");
        READ.put("commented", "(id INT PRIMARY KEY COMMENT 'the key', a VARCHAR(10) COMMENT 'it''s \"quoted\"') "
                + "COMMENT 'a table''s comment'");
        READ.put("MixedCase", "(Id INT NOT NULL, Name VARCHAR(20), PRIMARY KEY (Id))");
        // The server stores a NATIONAL VARCHAR as a VARCHAR in utf8mb3, and SHOW CREATE TABLE prints that.
        READ.put("national", "(id INT PRIMARY KEY, a NATIONAL VARCHAR(10), b NCHAR(2))");
        READ.put("no_defaults", "(id INT PRIMARY KEY, a VARCHAR(10) NOT NULL, b DECIMAL(7,2) NOT NULL)");
        READ.put("string_null", "(id INT PRIMARY KEY, a VARCHAR(10) DEFAULT 'NULL', b VARCHAR(4) DEFAULT '12')");

        PARSED.put("enums", "(id INT PRIMARY KEY, a ENUM('x','y'))");
        PARSED.put("sets", "(id INT PRIMARY KEY, a SET('x','y'))");
        PARSED.put("floats", "(id INT PRIMARY KEY, a FLOAT)");
        PARSED.put("doubles", "(id INT PRIMARY KEY, a DOUBLE)");
        PARSED.put("texts_long", "(id INT PRIMARY KEY, a TEXT)");
        PARSED.put("blobs", "(id INT PRIMARY KEY, a BLOB)");
        PARSED.put("binaries", "(id INT PRIMARY KEY, a VARBINARY(10))");
        PARSED.put("bits", "(id INT PRIMARY KEY, a BIT(3))");
        PARSED.put("times", "(id INT PRIMARY KEY, a TIME(3))");
        PARSED.put("years", "(id INT PRIMARY KEY, a YEAR)");
        PARSED.put("jsons", "(id INT PRIMARY KEY, a JSON)");
        PARSED.put("zerofills", "(id INT PRIMARY KEY, a INT(5) ZEROFILL)");
        PARSED.put("generated", "(id INT PRIMARY KEY, a INT, b INT AS (a + 1) VIRTUAL)");
        PARSED.put("stored", "(id INT PRIMARY KEY, a INT, b INT AS (a * 2) PERSISTENT)");
        PARSED.put("now_default", "(id INT PRIMARY KEY, a TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)");
        PARSED.put("on_update", "(id INT PRIMARY KEY, a DATETIME NULL ON UPDATE CURRENT_TIMESTAMP)");
        PARSED.put("expression_default", "(id INT PRIMARY KEY, a INT DEFAULT (1 + 1))");
        PARSED.put("negative_default", "(id INT PRIMARY KEY, a INT DEFAULT -1)");
        PARSED.put("quoted_default", "(id INT PRIMARY KEY, a VARCHAR(10) DEFAULT 'it''s')");
        PARSED.put("invisible", "(id INT PRIMARY KEY, a INT INVISIBLE)");
        PARSED.put("keyless", "(id INT NOT NULL, a INT, UNIQUE KEY (id))");
    }

    private TestDatabase db;
    private MySqlSourceConfig sourceConfig;
    private MySqlPartition partition;

    @BeforeAll
    void createTables() throws Exception {
        MariaDbServer mariadb = MariaDbServer.shared();
        db = mariadb.newDatabase("catalog");
        List<String> statements = new ArrayList<>();
        READ.forEach((table, definition) -> statements.add("CREATE TABLE `" + table + "` " + definition));
        PARSED.forEach((table, definition) -> statements.add("CREATE TABLE `" + table + "` " + definition));
        db.execute(statements.toArray(String[]::new));
        TpcdsTables.createStoreSales(db);
        List<String> settings = new ArrayList<>();
        db.connectorConnection().forEach((key, value) -> {
            settings.add(key);
            settings.add(value);
        });
        settings.add("table.include.list");
        settings.add(db.name() + "\\..*");
        sourceConfig = FlinkCdcConfigs.readerConfig(settings.toArray(String[]::new));
        partition = new MySqlPartition(sourceConfig.getMySqlConnectorConfig().getLogicalName());
        assertTrue(InformationSchemaTables.reads(mariadb.version()), "this MariaDB's schemas are read: "
                + mariadb.version());
    }

    @Test
    void everyKindOfColumnReadIsDescribedAsTheDdlParserDescribesIt() throws Exception {
        List<String> tables = new ArrayList<>(READ.keySet());
        tables.add("store_sales");
        try (JdbcConnection jdbc = DebeziumUtils.openJdbcConnection(sourceConfig);
             MySqlSchema parser = new MySqlSchema(sourceConfig, DebeziumUtils.isTableIdCaseSensitive(jdbc))) {
            for (String name : tables) {
                TableId id = new TableId(db.name(), null, name);
                Optional<Table> read = InformationSchemaTables.read(jdbc.connection(), id);
                assertTrue(read.isPresent(), name + " is read from information_schema");
                assertEquals(json(parser.getTableSchema(partition, jdbc, id)),
                        json(new TableChange(TableChangeType.CREATE, read.get())), name);
            }
        }
    }

    @Test
    void aTableWithAnythingElseIsLeftToTheParser() throws Exception {
        try (Connection connection = db.connect()) {
            for (String name : PARSED.keySet()) {
                assertEquals(Optional.empty(), InformationSchemaTables.read(connection, new TableId(db.name(), null, name)), name);
            }
            assertEquals(Optional.empty(), InformationSchemaTables.read(connection, new TableId(db.name(), null, "no_such_table")));
            assertEquals(Optional.empty(), InformationSchemaTables.read(connection, new TableId(db.name(), null, "mixedcase")),
                    "a name of another case is another table");
        }
    }

    @Test
    void onlyServersWhoseInformationSchemaQuotesLiteralDefaultsAreRead() throws Exception {
        assertTrue(InformationSchemaTables.reads("10.2.7-MariaDB"));
        assertTrue(InformationSchemaTables.reads("10.11.19-MariaDB-0+deb12u1-log"));
        assertTrue(InformationSchemaTables.reads("11.4.2-MariaDB-ubu2404"));
        assertFalse(InformationSchemaTables.reads("10.2.6-MariaDB"), "DEFAULT 'x' and DEFAULT x were alike");
        assertFalse(InformationSchemaTables.reads("10.1.48-MariaDB"));
        assertFalse(InformationSchemaTables.reads("8.0.36"), "MySQL: not run by these tests");
        assertFalse(InformationSchemaTables.reads("5.7.44-log"));
    }

    private static String json(TableChange change) {
        return new FlinkJsonTableChangeSerializer().toDocument(change).toString();
    }
}
