package fr.ecole.lending.dataprotection;

import static org.assertj.core.api.Assertions.assertThat;

import fr.ecole.lending.support.MigratedUpTo;
import fr.ecole.lending.support.TestApp;
import fr.ecole.lending.support.TestEngine;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** Migration 019 on a database that already holds families and diagnostics: every row stays as it was. */
class AnonymisationMigrationIT {
    static final String MIGRATION_019 = "migrations/019-anonymisation.sql";

    @Test
    void addingTheAnonymisationDatesKeepsEveryRowAndConstraint() throws Exception {
        Path folder = TestApp.newFolder();
        String url = TestEngine.url(folder);
        MigratedUpTo.before(url, MIGRATION_019);
        Jdbi jdbi = Jdbi.create(url);
        jdbi.useHandle(handle -> {
            handle.execute("""
                    INSERT INTO establishments (uai, name, type, commune_insee, commune_name, departement, region,
                                                priority_education, imported_at)
                    VALUES ('0350963G', 'Collège', 'COLLEGE', '35238', 'Rennes', '035', '53', 'REP', 1)""");
            handle.execute("""
                    INSERT INTO users (id, name, role, token_hash, active, created_at)
                    VALUES (1, 'admin', 'ADMIN', 'hash', TRUE, 1)""");
            handle.execute("""
                    INSERT INTO families (id, guardian_name, guardian_phone, preferred_contact, commune_insee,
                                          search_name, phone_digits, created_at, updated_at)
                    VALUES (7, 'Anne Le Du', '0611223344', 'SMS', '35238', 'anne le du', '0611223344', 5, 6)""");
            handle.execute("""
                    INSERT INTO pupils (family_id, position, first_name, uai, level)
                    VALUES (7, 0, 'Malo', '0350963G', '6E')""");
            handle.execute("""
                    INSERT INTO diagnostics (family_id, criteria_version, answers, need_laptop, need_dongle,
                                             need_headset, alternative_access, white_zone, no_connection,
                                             mobile_capped, low_fixed_speed, eligible, priority_hundredths,
                                             reasons, made_by, made_at, expires)
                    VALUES (7, '1', '{"qpv":true}', TRUE, FALSE, TRUE, FALSE, FALSE, TRUE, FALSE, TRUE, TRUE, 1250,
                            '[]', 1, 8, '2027-08-31')""");
        });
        List<Map<String, Object>> families = rows(jdbi, "SELECT * FROM families");
        List<Map<String, Object>> diagnostics = rows(jdbi, "SELECT * FROM diagnostics");
        assertThat(families.get(0)).as("the database stands before 019").doesNotContainKey("anonymised_at");

        MigratedUpTo.rest(url);

        assertThat(rows(jdbi, "SELECT * FROM families")).hasSize(1).first().satisfies(row -> {
            assertThat(row).containsAllEntriesOf(families.get(0));
            assertThat(row).containsEntry("anonymised_at", null);
        });
        assertThat(rows(jdbi, "SELECT * FROM diagnostics")).hasSize(1).first().satisfies(row -> {
            assertThat(row).containsAllEntriesOf(diagnostics.get(0));
            assertThat(row).containsEntry("anonymised_at", null);
        });
        // the families' table kept its constraints: a pupil of no family is still refused
        String foreignKey = jdbi.withHandle(handle -> {
            if (!TestEngine.onPostgresql()) {
                handle.execute("PRAGMA foreign_keys = ON");
            }
            try {
                handle.execute("INSERT INTO pupils (family_id, position, first_name, uai, level) "
                        + "VALUES (999, 0, 'X', '0350963G', '6E')");
                return "accepted";
            } catch (RuntimeException refused) {
                return "refused";
            }
        });
        assertThat(foreignKey).isEqualTo("refused");
    }

    static List<Map<String, Object>> rows(Jdbi jdbi, String sql) {
        return jdbi.withHandle(handle -> handle.createQuery(sql).mapToMap().list());
    }
}
