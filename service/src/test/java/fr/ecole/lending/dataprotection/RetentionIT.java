package fr.ecole.lending.dataprotection;

import static fr.ecole.lending.support.Builders.COLLEGE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.ecole.lending.app.LendingApplication;
import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.app.PurgeCommand;
import fr.ecole.lending.calendar.SchoolCalendar;
import fr.ecole.lending.support.Api.Reply;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.Builders;
import fr.ecole.lending.support.TestApp;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.util.JarLocation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The retention rules, run as of chosen days by the purge itself (on a connection of its own to the
 * test's database, with a fixed clock): nobody waits a year. Every family here is made today, so a
 * purge as of a later day sees it as silent since today.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class RetentionIT {
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.createWithDirectory();
    static Api admin;
    static String url;
    static LocalDate today;

    @BeforeAll
    static void client() {
        admin = new Api(APP);
        url = APP.getConfiguration().getDataSourceFactory().getUrl();
        today = SchoolCalendar.today(Clock.systemUTC());
    }

    static RetentionService.Result purge(LocalDate asOf, boolean dryRun) {
        ZonedDateTime noon = asOf.atTime(12, 0).atZone(SchoolCalendar.ZONE);
        return PurgeCommand.purgeOnce(APP.getConfiguration(), Clock.fixed(noon.toInstant(), SchoolCalendar.ZONE), dryRun);
    }

    static long family(String guardian, String pupil) {
        String digits = String.format("06%08d", Math.abs(guardian.hashCode()) % 100_000_000);
        return Desk.family(admin, guardian, digits, guardian.toLowerCase().replace(' ', '.') + "@example.org",
                "35238", pupil, COLLEGE);
    }

    static JsonNode diagnose(long family) {
        Reply made = admin.post("/api/families/" + family + "/diagnostics", Map.of("answers", Builders.answers()));
        assertThat(made.status()).as(made.text()).isEqualTo(201);
        return made.json();
    }

    static JsonNode onlyDiagnostic(long family) {
        JsonNode items = admin.get("/api/families/" + family + "/diagnostics").json().path("items");
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    /** Whether the family's diagnostic holds any of the household facts the fragility report counts. */
    static boolean anyHouseholdFact(long family) {
        String facts = "SELECT smartphone_only OR shared_device OR parents_without_autonomy OR other_language"
                + " OR adapted_equipment FROM diagnostics WHERE family_id = :family";
        Boolean any = Jdbi.create(url).withHandle(handle -> handle.createQuery(facts).bind("family", family)
                .mapTo(Boolean.class).one());
        return any;
    }

    static String guardianName(long family) {
        return admin.get("/api/families/" + family).json().path("guardian").path("name").asText();
    }

    @Test
    void aDiagnosticKeepsItsAnswersUntilAYearAfterItExpiresThenOnlyItsDecision() {
        long family = family("Maïwenn Trébaol", "Gaëlig");
        LocalDate expires = LocalDate.parse(diagnose(family).path("expires").asText());
        JsonNode whole = onlyDiagnostic(family);
        assertThat(whole.path("answers").size()).isGreaterThan(10);
        assertThat(anyHouseholdFact(family)).as("a smartphone only, here").isTrue();

        purge(expires.plusYears(1).minusDays(1), false);
        assertThat(onlyDiagnostic(family)).as("a day before its year is out").isEqualTo(whole);

        RetentionService.Result done = purge(expires.plusYears(1), false);
        assertThat(done.diagnostics()).isPositive();
        JsonNode kept = onlyDiagnostic(family);
        assertThat(kept.path("answers").size()).isZero();
        assertThat(kept.path("reasons").size()).isZero();
        assertThat(anyHouseholdFact(family)).as("the facts drawn from the answers go with them").isFalse();
        for (String decision : List.of("id", "criteriaVersion", "needs", "whiteZone", "eligible", "priority", "expires",
                "madeAt")) {
            assertThat(kept.path(decision)).as(decision).isEqualTo(whole.path(decision));
        }
        assertThat(guardianName(family)).as("the family itself had contact within two years").isEqualTo("Maïwenn Trébaol");
        assertThat(purge(expires.plusYears(1), false).diagnostics()).as("a second purge finds it done").isZero();
    }

    @Test
    void aReferralKeepsItsWordsUntilAYearAfterItsLastChangeAndCountsAsContact() {
        long family = family("Goulwena Tanguy", "Morvanic");
        Reply made = admin.post("/api/families/" + family + "/referrals", Map.of("kind", "MEDIATION",
                "to", "Tiers-lieu de Kerzhoalen", "note", "Demander Goulwena à l'accueil"));
        assertThat(made.status()).as(made.text()).isEqualTo(201);
        long id = made.json().path("id").asLong();

        RetentionService.Result would = purge(today.plusYears(1).plusDays(1), true);
        assertThat(would.referrals()).isPositive();
        assertThat(would.report()).contains("referrals unchanged since");
        assertThat(referral(family).path("to").asText()).as("a dry run changes nothing").isEqualTo("Tiers-lieu de Kerzhoalen");

        purge(today.plusYears(1).minusDays(1), false);
        assertThat(referral(family).path("to").asText()).as("a day before its year is out")
                .isEqualTo("Tiers-lieu de Kerzhoalen");
        assertThat(purge(today.plusYears(1).plusDays(1), false).referrals()).isPositive();
        JsonNode kept = referral(family);
        assertThat(kept.path("id").asLong()).isEqualTo(id);
        assertThat(kept.has("to")).isFalse();
        assertThat(kept.has("note")).isFalse();
        assertThat(kept.path("kind").asText()).isEqualTo("MEDIATION");
        assertThat(kept.path("status").asText()).isEqualTo("PROPOSED");
        assertThat(StoredRows.holding(url, List.of("Kerzhoalen"))).isEmpty();
        assertThat(guardianName(family)).as("the referral was a contact less than two years before")
                .isEqualTo("Goulwena Tanguy");
        assertThat(purge(today.plusYears(1).plusDays(1), false).referrals()).as("a second purge finds it done").isZero();
    }

    static JsonNode referral(long family) {
        JsonNode items = admin.get("/api/families/" + family + "/referrals").json().path("items");
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    @Test
    void aFamilyWithNothingOutIsAnonymisedTwoYearsAfterItsLastContact() {
        long quiet = family("Corentine Le Quéré", "Armelline");
        long returned = family("Brivaël Penhoëtz", "Soizicq");
        String laptop = Desk.device(admin, COLLEGE);
        Desk.lend(admin, returned, COLLEGE, laptop);
        Desk.giveBack(admin, laptop, "GOOD", null);
        long borrowing = family("Nolwenn Kervella", "Tugdualc");
        Desk.lend(admin, borrowing, COLLEGE, Desk.device(admin, COLLEGE));

        RetentionService.Result notYet = purge(today.plusYears(2), false);
        assertThat(notYet.families()).doesNotContain(quiet, returned, borrowing);
        RetentionService.Result due = purge(today.plusYears(2).plusDays(1), false);
        assertThat(due.families()).contains(quiet, returned).doesNotContain(borrowing);
        assertThat(guardianName(quiet)).isEqualTo("Famille anonymisée");
        assertThat(guardianName(returned)).isEqualTo("Famille anonymisée");
        assertThat(guardianName(borrowing)).as("a device is still out").isEqualTo("Nolwenn Kervella");
        assertThat(StoredRows.holding(url, List.of("Corentine", "Quéré", "Armelline", "Brivaël", "Penhoëtz", "Soizicq")))
                .isEmpty();
        assertThat(purge(today.plusYears(2).plusDays(1), false).families()).as("a second purge finds it done").isEmpty();
    }

    /** Contact is the family's record, its agreements' dates, returns, reminders and diagnostics: here a diagnostic. */
    @Test
    void aDiagnosticIsContact() {
        long family = family("Ewenn Guivarc'h", "Loeizig");
        diagnose(family);
        long threeYearsAgo = ZonedDateTime.now(SchoolCalendar.ZONE).minusYears(3).toInstant().toEpochMilli();
        Jdbi.create(url).useHandle(handle -> handle.execute(
                "UPDATE families SET created_at = ?, updated_at = ? WHERE id = ?", threeYearsAgo, threeYearsAgo, family));
        assertThat(purge(today, false).families()).doesNotContain(family);
        Jdbi.create(url).useHandle(handle -> handle.execute(
                "UPDATE diagnostics SET made_at = ? WHERE family_id = ?", threeYearsAgo, family));
        assertThat(purge(today, false).families()).contains(family);
        assertThat(guardianName(family)).isEqualTo("Famille anonymisée");
    }

    @Test
    void theDryRunSaysWhatItWouldDoAndChangesNothing() {
        long family = family("Goulwena Riou", "Maëlwenn");
        diagnose(family);
        List<String> before = StoredRows.all(url);
        RetentionService.Result would = purge(today.plusYears(3), true);
        assertThat(StoredRows.all(url)).isEqualTo(before);
        assertThat(would.families()).contains(family);
        assertThat(would.diagnostics()).isPositive();
        assertThat(would.report()).contains("dry run", String.valueOf(family)).doesNotContain("Riou");

        RetentionService.Result did = purge(today.plusYears(3), false);
        assertThat(did.families()).isEqualTo(would.families());
        assertThat(did.diagnostics()).isEqualTo(would.diagnostics());
    }

    /** Two instances sharing the database purge at the same moment: each family is anonymised once, by one of them. */
    @Test
    void twoPurgesAtOnceNeitherFailNorCountTwice() throws Exception {
        List<Long> families = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            long family = family("Foyer Simultané " + i, "Enfantin" + i);
            diagnose(family);
            families.add(family);
        }
        LocalDate asOf = today.plusYears(4);
        RetentionService.Result would = purge(asOf, true);
        assertThat(would.families()).containsAll(families);
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            Future<RetentionService.Result> first = two.submit(() -> purge(asOf, false));
            Future<RetentionService.Result> second = two.submit(() -> purge(asOf, false));
            List<Long> anonymised = new ArrayList<>(first.get().families());
            anonymised.addAll(second.get().families());
            assertThat(anonymised).containsExactlyInAnyOrderElementsOf(would.families());
            assertThat(first.get().diagnostics() + second.get().diagnostics()).isEqualTo(would.diagnostics());
        } finally {
            two.shutdownNow();
        }
        for (long family : families) {
            long entries = 0;
            for (JsonNode entry : admin.get("/api/audit?entity=FAMILY&id=" + family).json().path("items")) {
                entries += "ANONYMISE".equals(entry.path("action").asText()) ? 1 : 0;
            }
            assertThat(entries).as("family %d", family).isEqualTo(1);
        }
    }

    /** {@code purge config.yml --dry-run}, as an operator types it (here with the hidden day to run as of). */
    @Test
    void theCommandPrintsCountsAndFamilyNumbersNeverNames() throws Exception {
        long family = family("Yuna Le Moal", "Tifenn");
        List<String> before = StoredRows.all(url);
        LendingApplication application = new LendingApplication();
        Bootstrap<LendingConfiguration> bootstrap = new Bootstrap<>(application);
        application.initialize(bootstrap);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = System.out;
        Optional<Throwable> failure;
        // the command prints to the process's output; the application's own settings (dw.*) point it at this test's database
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            failure = new Cli(new JarLocation(LendingApplication.class), bootstrap, out, System.err).run("purge",
                    TestApp.CONFIG, "--dry-run", "--as-of", today.plusYears(5).toString());
        } finally {
            System.setOut(out);
        }
        assertThat(failure).isEmpty();
        String report = printed.toString(StandardCharsets.UTF_8);
        assertThat(report).contains("Retention as of " + today.plusYears(5), "dry run", String.valueOf(family))
                .doesNotContain("Moal", "Tifenn");
        assertThat(StoredRows.all(url)).isEqualTo(before);
    }
}
