package io.mysqlflinkcdc.connect.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.debezium.relational.Column;
import io.debezium.relational.ColumnEditor;
import io.debezium.relational.Table;
import io.debezium.relational.TableEditor;
import io.debezium.relational.TableId;

/**
 * A table's schema as Debezium's MySQL DDL parser builds it from {@code SHOW CREATE TABLE}, read
 * from information_schema instead, for tables whose every column is of a kind this class knows.
 * The parser's first use in a JVM builds its ANTLR grammar: 1.4–1.5 s of CPU plus the JIT's work
 * after it, at the start of every snapshot (docs/design.md, "Table schemas without the DDL
 * parser"). Anything else (another column type, a zerofill, an expression default, a generated
 * column, no primary key) is {@link Optional#empty()}, and the caller parses as before.
 * Comments are not read: the parser skips them unless Debezium's include.schema.comments is set,
 * which this connector never does. {@code InformationSchemaTablesIT} holds the two equal in every
 * attribute on every kind of column read here, and checks that the others are left to the parser.
 *
 * <p>Only for MariaDB 10.2.7 and later ({@link #reads}), whose COLUMN_DEFAULT quotes a literal and
 * so tells it from an expression, and which the tests run against.
 */
public final class InformationSchemaTables {

    static final String COLUMNS = "SELECT TABLE_NAME, COLUMN_NAME, COLUMN_DEFAULT, IS_NULLABLE, DATA_TYPE, "
            + "COLUMN_TYPE, CHARACTER_SET_NAME, EXTRA FROM information_schema.COLUMNS "
            + "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION";
    static final String TABLE = "SELECT TABLE_NAME, TABLE_TYPE, TABLE_COLLATION FROM information_schema.TABLES "
            + "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?";
    static final String PRIMARY_KEY = "SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.STATISTICS "
            + "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND INDEX_NAME = 'PRIMARY' ORDER BY SEQ_IN_INDEX";

    private static final Pattern MARIADB_VERSION = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)-MariaDB.*");
    /** {@code int(11) unsigned}, {@code decimal(7,2)}, {@code datetime(3)}, {@code varchar(255)}, {@code date}. */
    private static final Pattern COLUMN_TYPE = Pattern.compile("([a-z]+)(?:\\((\\d+)(?:,(\\d+))?\\))?( unsigned)?");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");
    private static final Pattern PLAIN_STRING = Pattern.compile("'([^'\\\\]*)'");

    /** DATA_TYPE → the JDBC type the parser gives it; types not listed are left to the parser. */
    private static final Map<String, Integer> JDBC_TYPES = Map.ofEntries(
            Map.entry("tinyint", Types.SMALLINT),
            Map.entry("smallint", Types.SMALLINT),
            Map.entry("mediumint", Types.INTEGER),
            Map.entry("int", Types.INTEGER),
            Map.entry("bigint", Types.BIGINT),
            Map.entry("decimal", Types.DECIMAL),
            Map.entry("char", Types.CHAR),
            Map.entry("varchar", Types.VARCHAR),
            Map.entry("date", Types.DATE),
            Map.entry("datetime", Types.TIMESTAMP),
            Map.entry("timestamp", Types.TIMESTAMP_WITH_TIMEZONE));

    /** One row of {@link #COLUMNS}. */
    private record ColumnRow(String name, String columnDefault, boolean nullable, String dataType,
                             String columnType, String charset, String extra) {
    }

    private InformationSchemaTables() {
    }

    /** Whether schemas are read from the information_schema of a server of this {@code SELECT VERSION()}. */
    public static boolean reads(String version) {
        Matcher mariadb = MARIADB_VERSION.matcher(version);
        if (!mariadb.matches()) {
            return false;
        }
        int major = Integer.parseInt(mariadb.group(1));
        int minor = Integer.parseInt(mariadb.group(2));
        int patch = Integer.parseInt(mariadb.group(3));
        return major > 10 || major == 10 && (minor > 2 || minor == 2 && patch >= 7);
    }

    /** The table as the DDL parser would build it, or empty when it has anything this class does not read. */
    public static Optional<Table> read(Connection connection, TableId id) throws SQLException {
        List<String[]> tables = rows(connection, TABLE, id, row -> new String[] {row.getString(2), row.getString(3)});
        if (tables.size() != 1 || !"BASE TABLE".equals(tables.get(0)[0]) || tables.get(0)[1] == null) {
            return Optional.empty();
        }
        List<String> key = rows(connection, PRIMARY_KEY, id, row -> row.getString(2));
        List<ColumnRow> columns = rows(connection, COLUMNS, id, row -> new ColumnRow(row.getString(2),
                row.getString(3), "YES".equals(row.getString(4)), row.getString(5).toLowerCase(Locale.ROOT),
                row.getString(6).toLowerCase(Locale.ROOT), row.getString(7),
                row.getString(8) == null ? "" : row.getString(8).toLowerCase(Locale.ROOT)));
        if (key.isEmpty() || columns.isEmpty()) {
            return Optional.empty();
        }
        TableEditor table = Table.editor().tableId(id).setDefaultCharsetName(charsetOf(tables.get(0)[1]));
        for (ColumnRow row : columns) {
            Optional<Column> column = column(row);
            if (column.isEmpty()) {
                return Optional.empty();
            }
            table.addColumn(column.get());
        }
        return Optional.of(table.setPrimaryKeyNames(key).create());
    }

    /** The parser's column, or empty for a kind of column left to the parser. */
    private static Optional<Column> column(ColumnRow row) {
        Integer jdbcType = JDBC_TYPES.get(row.dataType());
        Matcher type = COLUMN_TYPE.matcher(row.columnType());
        if (jdbcType == null || !type.matches() || !type.group(1).equals(row.dataType())
                || !row.extra().isEmpty() && !row.extra().equals("auto_increment")) {
            return Optional.empty();
        }
        boolean unsigned = type.group(4) != null;
        boolean text = jdbcType == Types.CHAR || jdbcType == Types.VARCHAR;
        if (text && (unsigned || row.charset() == null)) {
            return Optional.empty();
        }
        ColumnEditor column = Column.editor()
                .name(row.name())
                .type(row.dataType().toUpperCase(Locale.ROOT) + (unsigned ? " UNSIGNED" : ""))
                .jdbcType(jdbcType)
                .optional(row.nullable());
        if (type.group(2) != null) {
            column.length(Integer.parseInt(type.group(2)));
        }
        if (type.group(3) != null) {
            column.scale(Integer.parseInt(type.group(3)));
        }
        if (text) {
            column.charsetName(row.charset());
        }
        if (row.extra().equals("auto_increment")) {
            column.autoIncremented(true).generated(true);
        }
        return defaultOf(row.columnDefault(), column) ? Optional.of(column.create()) : Optional.empty();
    }

    /**
     * Sets the default as the parser keeps it (none for DEFAULT NULL, a literal without its quotes, a
     * number as written); false for a default it would read otherwise (an expression, an escape).
     */
    private static boolean defaultOf(String columnDefault, ColumnEditor column) {
        if (columnDefault == null || columnDefault.equals("NULL")) {
            return true;
        }
        Matcher string = PLAIN_STRING.matcher(columnDefault);
        if (string.matches()) {
            column.defaultValueExpression(string.group(1));
            return true;
        }
        if (NUMBER.matcher(columnDefault).matches()) {
            column.defaultValueExpression(columnDefault);
            return true;
        }
        return false;
    }

    /** The character set a collation belongs to, read from its name as the parser reads COLLATE. */
    private static String charsetOf(String collation) {
        int underscore = collation.indexOf('_');
        return underscore < 0 ? collation : collation.substring(0, underscore);
    }

    private interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /**
     * The rows of the table's own name (its first column): information_schema compares names
     * without case, and a server with case-sensitive names can hold {@code T} and {@code t} in one database.
     */
    private static <T> List<T> rows(Connection connection, String sql, TableId id, RowReader<T> reader)
            throws SQLException {
        List<T> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, id.catalog());
            statement.setString(2, id.table());
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    if (id.table().equals(result.getString(1))) {
                        rows.add(reader.read(result));
                    }
                }
            }
        }
        return rows;
    }
}
