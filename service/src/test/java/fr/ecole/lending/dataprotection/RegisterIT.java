package fr.ecole.lending.dataprotection;

import static org.assertj.core.api.Assertions.assertThat;

import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.support.TestApp;
import fr.ecole.lending.support.TestEngine;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The register of docs/data-protection.md lists every column of the schema, and only those: a new
 * column cannot hold a family's data without the register saying why, for how long and for whom.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class RegisterIT {
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.create();
    /** Liquibase's own tables (SQLite's, sqlite_*, are skipped by name). */
    static final Set<String> LIQUIBASE = Set.of("databasechangelog", "databasechangeloglock");

    /** The tables and columns of the migrated database, as the JDBC driver describes them, in lower case. */
    static Map<String, Set<String>> schema() throws Exception {
        Map<String, Set<String>> tables = new TreeMap<>();
        try (Connection connection = DriverManager.getConnection(APP.getConfiguration().getDataSourceFactory().getUrl())) {
            DatabaseMetaData meta = connection.getMetaData();
            String schema = TestEngine.onPostgresql() ? "public" : null;
            try (ResultSet rows = meta.getTables(null, schema, "%", new String[] {"TABLE"})) {
                while (rows.next()) {
                    String table = rows.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
                    if (!LIQUIBASE.contains(table) && !table.startsWith("sqlite_")) {
                        tables.put(table, new TreeSet<>());
                    }
                }
            }
            for (Map.Entry<String, Set<String>> table : tables.entrySet()) {
                try (ResultSet columns = meta.getColumns(null, schema, table.getKey(), "%")) {
                    while (columns.next()) {
                        table.getValue().add(columns.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        return tables;
    }

    /** What the register and the schema disagree on, each in a sentence that says what to update. */
    static List<String> differences(Map<String, Set<String>> schema, Register register) {
        List<String> wrong = new ArrayList<>();
        schema.forEach((table, columns) -> {
            Map<String, String> listed = register.tables.get(table);
            if (listed == null) {
                wrong.add("table " + table + " is not in " + Register.PATH + ": add a section \"### `" + table
                        + "`\" with a row per column (what it holds; for a family's data also why, on what legal "
                        + "basis, for how long, who reads it, and where it is in the export)");
                return;
            }
            for (String column : columns) {
                if (!listed.containsKey(column)) {
                    wrong.add("column " + table + "." + column + " is not in " + Register.PATH
                            + ": add a row for it to the table of `" + table + "`");
                }
            }
            for (String column : listed.keySet()) {
                if (!columns.contains(column)) {
                    wrong.add(Register.PATH + " lists " + table + "." + column
                            + ", which the schema no longer has: remove its row");
                }
            }
        });
        for (String table : register.tables.keySet()) {
            if (!schema.containsKey(table)) {
                wrong.add(Register.PATH + " lists table " + table + ", which the schema no longer has: remove its section");
            }
        }
        return wrong;
    }

    @Test
    void theRegisterListsEveryColumnOfTheSchemaAndNoOther() throws Exception {
        Map<String, Set<String>> schema = schema();
        assertThat(schema).containsKeys("families", "pupils", "diagnostics", "agreements", "audit_log");
        assertThat(differences(schema, Register.read())).as("the register and the schema").isEmpty();
    }

    @Test
    void aColumnAddedOrDroppedIsNamedWithTheRegisterToUpdate() throws Exception {
        Map<String, Set<String>> schema = schema();
        schema.get("families").add("nickname");
        schema.get("pupils").remove("level");
        schema.put("pupil_photos", new TreeSet<>(Set.of("id")));

        assertThat(differences(schema, Register.read())).containsExactlyInAnyOrder(
                "column families.nickname is not in docs/data-protection.md: add a row for it to the table of `families`",
                "docs/data-protection.md lists pupils.level, which the schema no longer has: remove its row",
                "table pupil_photos is not in docs/data-protection.md: add a section \"### `pupil_photos`\" with a row "
                        + "per column (what it holds; for a family's data also why, on what legal basis, for how long, "
                        + "who reads it, and where it is in the export)");
    }
}
