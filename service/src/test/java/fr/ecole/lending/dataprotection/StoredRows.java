package fr.ecole.lending.dataprotection;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Every row of every table of the service's database, read straight from it (SQLite or PostgreSQL,
 * through JDBC's own catalogue): where a person's data could still hide, and what a dry run must leave.
 */
final class StoredRows {
    private static final Set<Integer> BYTES = Set.of(Types.BLOB, Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY);

    private StoredRows() {
    }

    /** Each text value of any table that holds one of {@code words} (case ignored), as "table.column: value". */
    static List<String> holding(String url, List<String> words) {
        List<String> found = new ArrayList<>();
        forEachRow(url, (table, row, meta) -> {
            for (int c = 1; c <= meta.getColumnCount(); c++) {
                if (BYTES.contains(meta.getColumnType(c))) {
                    continue;
                }
                String value = row.getString(c);
                if (value == null) {
                    continue;
                }
                for (String word : words) {
                    if (value.toLowerCase(Locale.ROOT).contains(word.toLowerCase(Locale.ROOT))) {
                        found.add(table + "." + meta.getColumnName(c) + ": " + value);
                    }
                }
            }
        });
        return found;
    }

    /** The whole database as sorted lines, one a row (bytes by their hash): equal when nothing changed. */
    static List<String> all(String url) {
        List<String> lines = new ArrayList<>();
        forEachRow(url, (table, row, meta) -> {
            StringBuilder line = new StringBuilder(table);
            for (int c = 1; c <= meta.getColumnCount(); c++) {
                line.append(" | ").append(BYTES.contains(meta.getColumnType(c))
                        ? Arrays.hashCode(row.getBytes(c)) : row.getString(c));
            }
            lines.add(line.toString());
        });
        lines.sort(null);
        return lines;
    }

    private interface RowReader {
        void read(String table, ResultSet row, ResultSetMetaData meta) throws SQLException;
    }

    private static void forEachRow(String url, RowReader reader) {
        try (Connection db = DriverManager.getConnection(url)) {
            DatabaseMetaData catalogue = db.getMetaData();
            List<String> tables = new ArrayList<>();
            String schema = url.startsWith("jdbc:postgresql:") ? "public" : null;
            try (ResultSet names = catalogue.getTables(null, schema, "%", new String[] {"TABLE"})) {
                while (names.next()) {
                    tables.add(names.getString("TABLE_NAME"));
                }
            }
            if (tables.size() < 10) {
                throw new IllegalStateException("only " + tables + " found: the catalogue was not read right");
            }
            for (String table : tables) {
                try (Statement statement = db.createStatement();
                        ResultSet rows = statement.executeQuery("SELECT * FROM " + table)) {
                    while (rows.next()) {
                        reader.read(table, rows, rows.getMetaData());
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
