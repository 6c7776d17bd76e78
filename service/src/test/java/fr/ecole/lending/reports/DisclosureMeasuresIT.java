package fr.ecole.lending.reports;

import static fr.ecole.lending.support.FigureMeasures.NOISE_BOUND;
import static fr.ecole.lending.support.FigureMeasures.OLD_THRESHOLD;
import static fr.ecole.lending.support.FigureMeasures.count;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.support.Api.Reply;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.FigureMeasures.Figure;
import fr.ecole.lending.support.FigureMeasures.Group;
import fr.ecole.lending.support.FigureMeasures;
import fr.ecole.lending.support.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The measures of issue 19 on a synthetic Ille-et-Vilaine made from the real pupil counts
 * ({@link SyntheticDepartement}): the household reports read as the département's collectivity reads
 * them, by commune and by collège catchment, with the département's totals and headline figures, set
 * beside the administrator's plain counts. Shown: every total, and at least 95 % of the commune and
 * catchment figures of 11 or more; accurate: every figure within the noise bound, every total above
 * 100 within 5 %; and what the old rule (hide 1 to 10, and whatever adds up a group of 1 to 10) would
 * have hidden. Every figure is printed as a {@code [measure]} line; docs/disclosure-control.md quotes them.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
// What is measured is the cell key method (Java) over counts this test wrote and checks against the plain
// counts: an engine changes neither. HouseholdReportsIT checks the reports' SQL on both engines; a second
// run on PostgreSQL would only draw other record keys under the same bounds (the parent pom).
@Tag("engine-independent")
class DisclosureMeasuresIT {
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.createWithDirectory();
    static final String TERRITORY = "departement:035";
    static final Map<String, List<String>> REPORTS = Map.of("fragility", HouseholdReports.FRAGILITY_COLUMNS,
            "connectivity", HouseholdReports.CONNECTIVITY_COLUMNS);
    static SyntheticDepartement.Written written;
    static FigureMeasures measures;
    static Map<String, JsonNode> headline;

    @BeforeAll
    static void theDepartementsHouseholdsAndItsReports() throws Exception {
        Api admin = new Api(APP);
        for (String file : List.of("fr-en-carte-scolaire-colleges-publics.csv", "fr-en-ecoles-effectifs-nb_classes.csv",
                "fr-en-effectifs-second-degre.csv")) {
            String path = file.contains("carte") ? "/api/imports/catchments" : "/api/imports/enrolments";
            Reply imported = admin.postRaw(path, "text/csv", Api.resource("/fixtures/territory/" + file));
            assertThat(imported.status()).as(file + ": " + imported.text()).isEqualTo(200);
        }
        Api departement = admin.as(admin.post("/api/users", Map.of("name", "departement-35-mesures", "role",
                "COLLECTIVITY", "territory", TERRITORY)).json().path("token").asText());
        long start = System.nanoTime();
        try (Connection connection = DriverManager.getConnection(APP.getConfiguration().getDataSourceFactory().getUrl())) {
            written = new SyntheticDepartement(SyntheticDepartement.SEED, Instant.now()).write(connection);
        }
        System.out.printf(Locale.ROOT, "[measure] synthetic Ille-et-Vilaine, seed %d: %d pupils in %d households over %d "
                        + "communes, %d diagnosed (%.1f %%), written in %d ms%n", written.seed(), written.pupils(),
                written.households(), written.diagnosed().stream().map(SyntheticDepartement.Household::commune).distinct()
                        .count(), written.diagnosed().size(), 100.0 * written.diagnosed().size() / written.households(),
                (System.nanoTime() - start) / 1_000_000);

        List<Group> groups = written.diagnosed().stream()
                .map(household -> new Group(household.commune(), household.schools(), household.figures())).toList();
        measures = new FigureMeasures("Ille-et-Vilaine");
        for (String report : List.of("fragility", "connectivity")) {
            for (String grouping : List.of("commune", "catchment")) {
                String query = "/api/reports/" + report + "?territory=" + TERRITORY + "&groupBy=" + grouping;
                measures.compare(report + " by " + grouping, departement.get(query).expect(200), admin.get(query
                        + "&raw=true").expect(200), REPORTS.get(report), groups, grouping.equals("commune")
                        ? commune -> commune : DisclosureMeasuresIT::catchmentOf);
            }
        }
        measures.print();
        headline = new LinkedHashMap<>();
        departement.get("/api/reports/summary").expect(200).path("rows")
                .forEach(row -> headline.put(row.path("key").asText(), row.path("value")));
        Map<String, JsonNode> first = new LinkedHashMap<>(headline);
        first.keySet().removeIf(key -> key.startsWith("whiteZoneHouseholds:"));
        System.out.printf(Locale.ROOT, "[measure] Ille-et-Vilaine, summary: %d figures, %d shown: %s and %d catchments' "
                        + "white-zone households%n", headline.size(), headline.values().stream().filter(value -> !value.isNull())
                        .count(), first, headline.size() - first.size());
    }

    /** A commune's catchment as the reports key it: its collège, {@code split:<INSEE>}, or {@code none}. */
    static String catchmentOf(String commune) {
        Set<String> colleges = written.collegesServing().get(commune);
        return colleges == null ? "none" : colleges.size() == 1 ? colleges.iterator().next() : "split:" + commune;
    }

    static List<Figure> rows() {
        return measures.figures().stream().filter(figure -> !figure.isTotal()).toList();
    }

    /** The département's totals: those by commune (by catchment they are the same households, the same figures). */
    static List<Figure> totals() {
        return measures.figures().stream().filter(figure -> figure.isTotal() && figure.table().endsWith("commune")).toList();
    }

    @Test
    void theHouseholdsWrittenAreThoseTheReportsCount() {
        // the truths measured against are the generator's own households, not only what the SQL says of them
        assertThat(measures.mismatches()).isEmpty();
        assertThat(written.diagnosed().size()).as("about 8 % diagnosed")
                .isBetween((int) (0.07 * written.households()), (int) (0.09 * written.households()));
        // every figure varies: no column is all zeros, nor all the households
        for (String column : List.of("eligible", "equipped", "needsLaptop", "needsDongle", "needsHeadset",
                "alternativeAccess", "smartphoneOnly", "sharedDevice", "parentsWithoutAutonomy", "otherLanguage",
                "adaptedEquipment", "noConnection", "mobileCapped", "whiteZone", "lowFixedSpeed")) {
            long total = totals().stream().filter(figure -> figure.column().equals(column)).findFirst().orElseThrow().truth();
            assertThat(total).as(column).isBetween(100L, written.diagnosed().size() - 100L);
        }
        assertThat(rows().stream().filter(figure -> figure.table().endsWith("catchment")).map(Figure::row).distinct()
                .filter(row -> row.startsWith("split:")).count()).as("split communes, Rennes among them").isPositive();
    }

    @Test
    void everyTotalAndNearlyEveryFigureOfElevenOrMoreIsShown() {
        assertThat(totals()).hasSize(HouseholdReports.FRAGILITY_COLUMNS.size() + HouseholdReports.CONNECTIVITY_COLUMNS.size())
                .allMatch(Figure::isShown);
        assertThat(measures.figures().stream().filter(Figure::isTotal).filter(total -> total.table().endsWith("catchment")))
                .as("by catchment, the same households: the same totals")
                .extracting(Figure::shown).containsExactlyElementsOf(measures.figures().stream().filter(Figure::isTotal)
                        .filter(total -> total.table().endsWith("commune")).map(Figure::shown).toList());
        List<Figure> large = rows().stream().filter(figure -> figure.truth() >= OLD_THRESHOLD).toList();
        assertThat(large).as("commune and catchment figures of 11 or more").hasSizeGreaterThan(500);
        assertThat(count(large, Figure::isShown)).as("of %d figures of 11 or more, shown", large.size())
                .isGreaterThanOrEqualTo((long) Math.ceil(0.95 * large.size()));
        // the headline figures the officer reads first: none hidden (a rate is null only without a denominator)
        assertThat(headline).hasSizeGreaterThan(8).allSatisfy((key, value) -> assertThat(value.isNull()).as(key).isFalse());
        assertThat(headline.get("householdsDiagnosed").asLong()).isEqualTo(totals().stream()
                .filter(total -> total.table().startsWith("fragility") && total.column().equals("diagnosed"))
                .findFirst().orElseThrow().shown());
    }

    @Test
    void everyFigureIsWithinTheNoiseBoundAndTotalsAboveAHundredWithinFivePercent() {
        List<Figure> all = measures.figures();
        assertThat(all.stream().filter(figure -> !figure.withinBound()).toList()).as("figures further than ±%d", NOISE_BOUND)
                .isEmpty();
        assertThat(all.stream().filter(figure -> figure.truth() == 0).filter(figure -> figure.shown() != 0).toList())
                .as("zeros stay zero").isEmpty();
        List<Figure> large = totals().stream().filter(total -> total.truth() > 100).toList();
        double worst = large.stream().mapToDouble(Figure::relativeError).max().orElseThrow();
        System.out.printf(Locale.ROOT, "[measure] Ille-et-Vilaine: %d figures, %d within ±%d; %d totals above 100, largest "
                + "relative error %.2f %%%n", all.size(), count(all, Figure::withinBound), NOISE_BOUND, large.size(), 100 * worst);
        assertThat(large).hasSizeGreaterThanOrEqualTo(10);
        assertThat(worst).isLessThanOrEqualTo(0.05);
    }

    /**
     * What the rule before the cell key method would have shown of the same figures: it hid a figure
     * of 1 to 10, and any figure adding up a finest group of 1 to 10, however large. The issue asked
     * for it measured; the cell key method shows every one.
     */
    @Test
    void theOldRuleWouldHaveHiddenMostFiguresOfElevenOrMore() {
        List<Figure> large = rows().stream().filter(figure -> figure.truth() >= OLD_THRESHOLD).toList();
        long hidden = count(large, Figure::oldRuleHides);
        long totalsHidden = count(totals(), Figure::oldRuleHides);
        System.out.printf(Locale.ROOT, "[measure] Ille-et-Vilaine, old rule: hides %d of %d commune and catchment figures of "
                        + "11 or more (%.1f %%), %d of %d of all figures, %d of %d totals%n", hidden, large.size(),
                100.0 * hidden / large.size(), count(rows(), Figure::oldRuleHides), rows().size(), totalsHidden,
                totals().size());
        assertThat(hidden).as("figures of 11 or more the old rule hides, the cell key method shows")
                .isGreaterThan(large.size() - count(large, Figure::isShown));
        assertThat(totalsHidden).isPositive();
    }
}
