package fr.ecole.lending.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.ecole.lending.establishments.PriorityEducation;
import fr.ecole.lending.support.MigratedUpTo;
import fr.ecole.lending.support.TestApp;
import fr.ecole.lending.support.TestEngine;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * Migration 026 on a database that already holds diagnostics: each gets the household facts its
 * answers tell, as the service decides them for a new one; an anonymised one, without answers, none.
 */
class HouseholdColumnsMigrationIT {
    static final String MIGRATION_026 = "migrations/026-diagnostic-household-columns.sql";
    static final List<String> FACTS = List.of("smartphone_only", "shared_device", "parents_without_autonomy",
            "other_language", "adapted_equipment");

    @Test
    void diagnosticsRecordedBeforeGetTheFactsOfTheirAnswers() throws Exception {
        Path folder = TestApp.newFolder();
        String url = TestEngine.url(folder);
        MigratedUpTo.before(url, MIGRATION_026);
        Jdbi jdbi = Jdbi.create(url);
        jdbi.useHandle(handle -> {
            handle.execute("""
                    INSERT INTO users (id, name, role, token_hash, active, created_at)
                    VALUES (1, 'admin', 'ADMIN', 'hash', TRUE, 1)""");
            handle.execute("""
                    INSERT INTO families (id, guardian_name, guardian_phone, preferred_contact, commune_insee,
                                          search_name, phone_digits, created_at, updated_at)
                    VALUES (7, 'Anne Le Du', '0611223344', 'SMS', '35238', 'anne le du', '0611223344', 5, 6)""");
        });
        // no device but a smartphone; parents without autonomy; both needs of the restricted and the other language
        String smartphoneOnlyAnswers = answers(0, true, 2, 0, "NONE", true, true);
        long smartphoneOnly = diagnostic(jdbi, smartphoneOnlyAnswers, null);
        // 2 pupils and 1 adult on one device: shared (more than 2 a device); partly autonomous parents do not count
        String sharedAnswers = answers(1, true, 2, 1, "PARTIAL", false, false);
        long shared = diagnostic(jdbi, sharedAnswers, null);
        // exactly 2 a device is not shared; no smartphone and no device is not "smartphone only"
        String notSharedAnswers = answers(2, false, 3, 1, "AUTONOMOUS", false, false);
        long notShared = diagnostic(jdbi, notSharedAnswers, null);
        String noDeviceAnswers = answers(0, false, 1, 0, "AUTONOMOUS", false, false);
        long noDevice = diagnostic(jdbi, noDeviceAnswers, null);
        // anonymised: its answers are gone, its facts stay false
        long anonymised = diagnostic(jdbi, "{}", 9L);
        List<Map<String, Object>> before = jdbi.withHandle(handle -> handle
                .createQuery("SELECT * FROM diagnostics ORDER BY id").mapToMap().list());
        assertThat(before.get(0)).as("the database stands before 026").doesNotContainKey("smartphone_only");

        MigratedUpTo.rest(url);

        assertThat(facts(jdbi, smartphoneOnly)).containsExactly(true, false, true, true, true)
                .isEqualTo(decided(smartphoneOnlyAnswers));
        assertThat(facts(jdbi, shared)).containsExactly(false, true, false, false, false).isEqualTo(decided(sharedAnswers));
        assertThat(facts(jdbi, notShared)).containsExactly(false, false, false, false, false)
                .isEqualTo(decided(notSharedAnswers));
        assertThat(facts(jdbi, noDevice)).containsExactly(false, false, false, false, false)
                .isEqualTo(decided(noDeviceAnswers));
        assertThat(facts(jdbi, anonymised)).containsExactly(false, false, false, false, false);
        List<Map<String, Object>> after = jdbi.withHandle(handle -> handle
                .createQuery("SELECT * FROM diagnostics ORDER BY id").mapToMap().list());
        for (int i = 0; i < before.size(); i++) {
            assertThat(after.get(i)).as("every other column as it was").containsAllEntriesOf(before.get(i));
        }
    }

    /** The answers that decide the facts, and the other required ones as a desk records them. */
    static String answers(int devices, boolean smartphone, int pupils, int teleworking, String autonomy,
                          boolean otherLanguage, boolean adaptedEquipment) {
        return """
                {"devicesForSchoolwork":%d,"hasSmartphone":%b,"pupilsInHousehold":%d,"adultsTeleworking":%d,\
                "headset":"NONE","homeInternet":"NONE","fixedSpeed":"NONE","mobile4g":"GOOD","parentAutonomy":"%s",\
                "needsOtherLanguage":%b,"familyQuotientBelowThreshold":true,"referral":"NONE",\
                "needsAdaptedEquipment":%b,"qpv":false}""".formatted(devices, smartphone, pupils, teleworking,
                autonomy, otherLanguage, adaptedEquipment).strip();
    }

    /** The facts the service records for a new diagnostic of these answers. */
    static List<Boolean> decided(String answers) throws Exception {
        Criteria criteria = Criteria.builtIn();
        Decision.Household facts = EligibilityDecider.decide(criteria, Answers.check(criteria,
                new ObjectMapper().readTree(answers)), PriorityEducation.NONE, null).household();
        return List.of(facts.smartphoneOnly(), facts.sharedDevice(), facts.parentsWithoutAutonomy(),
                facts.otherLanguage(), facts.adaptedEquipment());
    }

    static long diagnostic(Jdbi jdbi, String answers, Long anonymisedAt) {
        return jdbi.withHandle(handle -> handle.createQuery("""
                        INSERT INTO diagnostics (family_id, criteria_version, answers, need_laptop, need_dongle,
                                                 need_headset, alternative_access, white_zone, no_connection,
                                                 mobile_capped, low_fixed_speed, eligible, priority_hundredths,
                                                 reasons, made_by, made_at, expires, anonymised_at)
                        VALUES (7, '1', :answers, TRUE, TRUE, TRUE, FALSE, FALSE, TRUE, FALSE, TRUE, TRUE, 1250,
                                '[]', 1, 8, '2027-08-31', :anonymisedAt)
                        RETURNING id""")
                .bind("answers", answers).bind("anonymisedAt", anonymisedAt).mapTo(Long.class).one());
    }

    static List<Boolean> facts(Jdbi jdbi, long id) {
        return jdbi.withHandle(handle -> {
            Map<String, Object> row = handle.createQuery("SELECT " + String.join(", ", FACTS)
                    + " FROM diagnostics WHERE id = :id").bind("id", id).mapToMap().one();
            // SQLite gives its booleans as integers
            return FACTS.stream().map(fact -> row.get(fact) instanceof Boolean flag ? flag
                    : ((Number) row.get(fact)).intValue() == 1).toList();
        });
    }
}
