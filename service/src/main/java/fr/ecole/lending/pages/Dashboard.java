package fr.ecole.lending.pages;

import fr.ecole.lending.auth.User;
import fr.ecole.lending.calendar.SchoolCalendar;
import fr.ecole.lending.geography.Territory;
import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.reports.ReportService;
import fr.ecole.lending.reports.ReportTable;
import fr.ecole.lending.territory.OutlineService;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The territory's dashboard: the headline figures of the period, one indicator by commune (and by
 * collège catchment for a département), the devices by state and the loans month by month. Every
 * figure comes from the reports' service, protected as the API's reports are: nothing here names a
 * household.
 */
final class Dashboard {
    /** The indicators a map or a table can show: which report, which column, in words. */
    enum Indicator {
        WHITE_ZONE("zone-blanche", "connectivity", "whiteZone", "Foyers en zone blanche"),
        NO_CONNECTION("sans-connexion", "connectivity", "noConnection", "Foyers sans connexion"),
        ELIGIBLE("eligibles", "fragility", "eligible", "Foyers diagnostiqués éligibles"),
        SMARTPHONE_ONLY("smartphone-seulement", "fragility", "smartphoneOnly", "Foyers avec un smartphone seulement"),
        SHARED_DEVICE("appareil-partage", "fragility", "sharedDevice", "Foyers aux appareils trop partagés"),
        PARENTS_WITHOUT_AUTONOMY("parents-sans-autonomie", "fragility", "parentsWithoutAutonomy",
                "Foyers dont les parents ne sont pas autonomes en numérique"),
        OTHER_LANGUAGE("autre-langue", "fragility", "otherLanguage", "Foyers ayant besoin d'une autre langue que le français"),
        // a restricted answer: the report protects its figure for every reader (docs/reports.md)
        ADAPTED_EQUIPMENT("equipement-adapte", "fragility", "adaptedEquipment", "Foyers ayant besoin d'un équipement adapté"),
        ON_LOAN_PER_100("prets-pour-100-eleves", "loans", "devicesOnLoanPer100Pupils", "Appareils prêtés pour 100 élèves");

        final String slug;
        final String report;
        final String column;
        final String label;

        Indicator(String slug, String report, String column, String label) {
            this.slug = slug;
            this.report = report;
            this.column = column;
            this.label = label;
        }

        static Indicator of(String slug) {
            for (Indicator indicator : values()) {
                if (indicator.slug.equals(slug)) {
                    return indicator;
                }
            }
            return WHITE_ZONE;
        }
    }

    /** The devices by state, in the loans report's totals. */
    private static final Map<String, String> STATES = Map.of("devicesInPool", "Au parc", "devicesOnLoan", "Prêtés",
            "inRepair", "En réparation", "lost", "Perdus");
    private static final List<String> STATE_ORDER = List.of("devicesInPool", "devicesOnLoan", "inRepair", "lost");
    /** The map's groupings, as the form sends them. */
    static final String BY_COMMUNE = "commune";
    static final String BY_CATCHMENT = "secteur";
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM yyyy", Locale.FRENCH);

    private final ReportService reports;
    private final OutlineService outlines;
    private final Clock clock;

    Dashboard(ReportService reports, OutlineService outlines, Clock clock) {
        this.reports = reports;
        this.outlines = outlines;
        this.clock = clock;
    }

    /**
     * The page for the period asked ({@code from}, {@code to}: ISO days, empty for the school year so
     * far); {@code mapBy} {@code secteur} shades a département's communes by their collège's catchment.
     */
    DashboardView view(BrowserSession.SignedIn signedIn, String territory, String from, String to, String indicatorSlug,
                       String mapBy) {
        User user = signedIn.user();
        Indicator indicator = Indicator.of(indicatorSlug);
        DashboardView.Asked asked = new DashboardView.Asked(blank(territory), blank(from), blank(to), indicator.slug,
                BY_CATCHMENT.equals(blank(mapBy)) ? BY_CATCHMENT : BY_COMMUNE);
        try {
            ReportTable summary = reports.report(user, "summary", asked.territory(), null, asked.from(), asked.to(), null, false);
            List<DashboardView.Figure> headline = new ArrayList<>();
            for (Map<String, Object> row : summary.rows()) {
                if (!String.valueOf(row.get("key")).startsWith("whiteZoneHouseholds:")) {
                    headline.add(new DashboardView.Figure(String.valueOf(row.get("label")), DashboardView.number(row.get("value"))));
                }
            }
            List<DashboardView.Table> tables = new ArrayList<>();
            DashboardView.Table byCommune = table(user, asked, indicator, "commune", "Par commune");
            tables.add(byCommune);
            // a count of households, not a rate of devices: what a catchment groups
            boolean counts = !"loans".equals(indicator.report);
            boolean catchments = summary.territory().startsWith("departement:") && counts;
            DashboardView.Table byCatchment = catchments
                    ? table(user, asked, indicator, "catchment", "Par secteur de collège") : null;
            if (byCatchment != null) {
                tables.add(byCatchment);
            }
            // the territory was checked by the summary: its communes' outlines are public data, as the carte scolaire
            OutlineService.TerritoryMap outlined = outlines.map(Territory.parse(summary.territory()));
            DashboardView.Map map;
            if (byCatchment != null && BY_CATCHMENT.equals(asked.mapBy())) {
                java.util.Map<String, String> catchmentOf = reports.catchmentOf(outlined.shapes().stream()
                        .map(OutlineService.Shape::insee).toList());
                map = DashboardView.Map.of(outlined, byCatchment, counts, catchmentOf::get);
            } else {
                map = DashboardView.Map.of(outlined, byCommune, counts, insee -> insee);
            }
            ReportTable loans = reports.report(user, "loans", asked.territory(), "establishment", asked.from(), asked.to(),
                    null, false);
            List<DashboardView.Bar> states = new ArrayList<>();
            for (String state : STATE_ORDER) {
                states.add(new DashboardView.Bar(STATES.get(state), DashboardView.count(loans.totals().get(state))));
            }
            // by funder: a collectivity's own devices are its inventory, counted exactly (its devices elsewhere
            // included, which is why the states above come from the territory's establishments instead)
            ReportTable funders = reports.report(user, "loans", asked.territory(), "funder", asked.from(), asked.to(),
                    null, false);
            List<DashboardView.Funder> byFunder = new ArrayList<>();
            for (Map<String, Object> row : funders.rows()) {
                byFunder.add(new DashboardView.Funder(String.valueOf(row.get("label")),
                        STATE_ORDER.stream().map(state -> DashboardView.number(row.get(state))).toList()));
            }
            return new DashboardView(signedIn, asked, summary.territory(), summary.from().toString(), summary.to().toString(),
                    headline, map, tables, DashboardView.Bars.of(states), byFunder,
                    months(user, asked, summary.from(), summary.to()),
                    List.of(Indicator.values()), catchments, null)
                    .survey(survey(user, asked, SchoolCalendar.schoolYear(summary.to())))
                    .academie(reports.academieName(summary.territory()));
        } catch (ApiException refused) {
            return new DashboardView(signedIn, asked, asked.territory(), asked.from(), asked.to(), List.of(), null, List.of(),
                    DashboardView.Bars.of(List.of()), List.of(), List.of(), List.of(Indicator.values()), false,
                    refused.getMessage());
        }
    }

    /** The indicator's figure for each group, with the report's total. */
    private DashboardView.Table table(User user, DashboardView.Asked asked, Indicator indicator, String groupBy, String title) {
        ReportTable table = reports.report(user, indicator.report, asked.territory(), groupBy, asked.from(), asked.to(),
                null, false);
        List<DashboardView.Row> rows = new ArrayList<>();
        for (Map<String, Object> row : table.rows()) {
            Object figure = row.get(indicator.column);
            rows.add(new DashboardView.Row(String.valueOf(row.get("key")), String.valueOf(row.get("label")),
                    DashboardView.number(figure), figure instanceof Number number ? number.doubleValue() : null));
        }
        Object total = table.totals() == null ? null : table.totals().get(indicator.column);
        return new DashboardView.Table(title, groupBy, rows, total == null && table.totals() == null ? null : DashboardView.number(total),
                DashboardResource.csv(indicator.report, groupBy, asked));
    }

    /** The survey's figures in the order of its columns, after the answers and the response rate. */
    static final List<String> SURVEY_SHARES = List.of("noDevice", "smartphoneOnly", "sharedDevice", "noConnection",
            "mobileCapped", "whiteZone");

    /** The survey of every family of {@code schoolYear}, by establishment, protected as the API gives it to the caller. */
    private DashboardView.Survey survey(User user, DashboardView.Asked asked, int schoolYear) {
        ReportTable table = reports.report(user, "survey", asked.territory(), "establishment", null, null, null,
                String.valueOf(schoolYear), false);
        List<DashboardView.SurveyRow> rows = table.rows().stream().map(row -> surveyRow(String.valueOf(row.get("key")),
                String.valueOf(row.get("label")), row)).toList();
        return new DashboardView.Survey(schoolYear + "-" + (schoolYear + 1), rows,
                rows.isEmpty() || table.totals() == null ? null : surveyRow("", "Total du territoire", table.totals()),
                DashboardResource.surveyCsv(asked, schoolYear));
    }

    private static DashboardView.SurveyRow surveyRow(String key, String label, Map<String, Object> figures) {
        Object answers = figures.get("answers");
        String rate = figures.get("pupils") == null ? DashboardView.NONE
                : figures.get("responseRate") == null ? DashboardView.WITHHELD
                : DashboardView.number(figures.get("responseRate")) + " %";
        List<String> shares = new ArrayList<>();
        for (String column : SURVEY_SHARES) {
            shares.add(share(figures.get(column), answers));
        }
        return new DashboardView.SurveyRow(key, label, DashboardView.number(figures.get("codes")),
                answers == null ? DashboardView.WITHHELD : DashboardView.number(answers), rate, shares);
    }

    /** A count of households and its share of the answers, in whole per cent: « 12 (30 %) ». */
    static String share(Object count, Object answers) {
        if (!(count instanceof Number households)) {
            return DashboardView.WITHHELD;
        }
        String figure = DashboardView.number(count);
        if (!(answers instanceof Number all) || all.longValue() == 0) {
            return figure;
        }
        return figure + " (" + Math.round(households.doubleValue() * 100 / all.doubleValue()) + " %)";
    }

    /** Devices lent and back, month by month over the period (at most its last 12 months). */
    private List<DashboardView.Month> months(User user, DashboardView.Asked asked, LocalDate from, LocalDate to) {
        List<DashboardView.Month> months = new ArrayList<>();
        LocalDate month = to.withDayOfMonth(1).minusMonths(11);
        if (month.isBefore(from.withDayOfMonth(1))) {
            month = from.withDayOfMonth(1);
        }
        for (; !month.isAfter(to); month = month.plusMonths(1)) {
            LocalDate start = month.isBefore(from) ? from : month;
            LocalDate end = month.plusMonths(1).minusDays(1).isAfter(to) ? to : month.plusMonths(1).minusDays(1);
            ReportTable table = reports.report(user, "loans", asked.territory(), "establishment", start.toString(),
                    end.toString(), null, false);
            months.add(new DashboardView.Month(MONTH.format(month), DashboardView.count(table.totals().get("lent")),
                    DashboardView.count(table.totals().get("returned"))));
        }
        return months;
    }

    private static String blank(String text) {
        return text == null ? "" : text.strip();
    }

    /** The school year so far, the default period, for the form's hint. */
    static LocalDate yearStart(Clock clock) {
        return SchoolCalendar.schoolYearStart(SchoolCalendar.today(clock));
    }
}
