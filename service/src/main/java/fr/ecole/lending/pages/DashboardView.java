package fr.ecole.lending.pages;

import fr.ecole.lending.territory.OutlineService;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The territory's dashboard, {@code /territoire}: aggregated figures only. A figure without meaning
 * (a rate without a known pupil count) is {@code null} in the reports and reads "sans objet" here, never 0.
 */
public final class DashboardView extends PageView {
    static final String NONE = "sans objet";
    /** A figure the report still protects (suppressed): never shown as 0. */
    static final String WITHHELD = "non diffusé";

    /** What the form asked: territory (an administrator's choice), period, indicator, the map's grouping. */
    public record Asked(String territory, String from, String to, String indicator, String mapBy) {
    }

    public record Figure(String label, String value) {
    }

    /**
     * One group's figure of the indicator: {@code key} is the commune's INSEE code or the catchment's key;
     * {@code value} as shown, {@code amount} as a number for the map's shades (null without meaning).
     */
    public record Row(String key, String label, String value, Double amount) {
    }

    public record Table(String title, String groupBy, List<Row> rows, String total, String csv) {
    }

    /** A bar of a chart, drawn on the server as SVG: its height in the chart's units. */
    public record Bar(String label, long value) {
    }

    /** Bars scaled to the tallest: {@code height} per bar out of 100. */
    public record Bars(List<Bar> bars, List<Integer> heights, long max) {
        static Bars of(List<Bar> bars) {
            long max = bars.stream().mapToLong(Bar::value).max().orElse(0);
            List<Integer> heights = new ArrayList<>();
            bars.forEach(bar -> heights.add(max == 0 ? 0 : (int) Math.round(bar.value() * 100.0 / max)));
            return new Bars(bars, heights, max);
        }
    }

    /** A funder's devices by state, in the order of the devices' chart. */
    public record Funder(String label, List<String> states) {
    }

    /** A month's devices lent and back, and their bars' heights out of 100. */
    public record Month(String label, long lent, long returned) {
    }

    /** A commune drawn: its path, its shade (0 to 4, or -1 for a figure without meaning) and what it reads. */
    public record Shape(String insee, String path, int shade, String says) {
    }

    /** A shade of the legend: the figures it stands for. */
    public record Shade(int shade, String range) {
    }

    /**
     * The territory's communes shaded by the indicator's figure of the group each belongs to (itself, or
     * its collège's catchment), with the legend and the communes that have no outline. A group missing
     * from a count's report has no household counted: 0; from a rate's, no figure: drawn hatched, as a
     * figure without meaning, never as 0.
     */
    public record Map(String viewBox, List<Shape> shapes, List<Shade> legend, List<String> withoutOutline, String groupBy) {
        /** {@code groupOf}: the key of the row of {@code table} a commune (its INSEE code) is drawn with. */
        static Map of(OutlineService.TerritoryMap map, Table table, boolean counts,
                      java.util.function.Function<String, String> groupOf) {
            java.util.Map<String, Row> rows = new java.util.HashMap<>();
            table.rows().forEach(row -> rows.put(row.key(), row));
            double max = table.rows().stream().filter(row -> row.amount() != null).mapToDouble(Row::amount)
                    .max().orElse(0);
            boolean byCommune = "commune".equals(table.groupBy());
            List<Shape> shapes = new ArrayList<>();
            for (OutlineService.Shape commune : map.shapes()) {
                String group = groupOf.apply(commune.insee());
                Row row = group == null ? null : rows.get(group);
                String value = row != null ? row.value() : counts ? "0" : NONE;
                Double amount = row != null ? row.amount() : counts ? Double.valueOf(0) : null;
                int shade = amount == null ? -1 : shade(amount, max);
                // by catchment, the commune says which catchment its shade is the figure of
                String says = byCommune || row == null ? commune.name() + " : " + value
                        : commune.name() + ", " + lowerFirst(row.label()) + " : " + value;
                shapes.add(new Shape(commune.insee(), commune.path(), shade, says));
            }
            List<Shade> legend = new ArrayList<>();
            legend.add(new Shade(0, "0"));
            for (int shade = 1; shade <= 4 && max > 0; shade++) {
                double upTo = max * shade / 4;
                legend.add(new Shade(shade, "jusqu'à " + (counts ? number((long) Math.ceil(upTo)) : number(upTo))));
            }
            legend.add(new Shade(-1, NONE));
            return new Map(map.viewBox(), shapes, legend,
                    map.withoutOutline().stream().map(commune -> commune.name() + " (" + commune.insee() + ")").toList(),
                    table.groupBy());
        }

        private static String lowerFirst(String label) {
            return label.isEmpty() ? label : Character.toLowerCase(label.charAt(0)) + label.substring(1);
        }

        /** 0 for nothing, then four equal steps up to the largest figure. */
        private static int shade(double value, double max) {
            return value <= 0 || max <= 0 ? 0 : Math.max(1, (int) Math.ceil(value * 4 / max));
        }
    }

    /**
     * One row of the survey of every family: codes and answers, the response rate, and each difficulty
     * as its figure and its share of the answers; a figure still suppressed reads "non diffusé", never 0.
     */
    public record SurveyRow(String key, String label, String codes, String answers, String rate, List<String> shares) {
    }

    /** The survey section: the school year, one row per surveyed establishment, the total, the report's CSV. */
    public record Survey(String schoolYear, List<SurveyRow> rows, SurveyRow total, String csv) {
    }

    /** A choice of indicator in the form. */
    public record Choice(String value, String label, boolean chosen) {
    }

    private final Asked asked;
    private final String territory;
    private final String from;
    private final String to;
    private final List<Figure> headline;
    private final Map map;
    private final List<Table> tables;
    private final Bars states;
    private final List<Funder> funders;
    private final List<Month> months;
    private final List<Choice> indicators;
    private final boolean catchments;
    private final String refusal;
    private Survey survey;
    /** The académie's name as the directory gives it (Rennes), for « académie de Rennes »; or null. */
    private String academieName;

    DashboardView(BrowserSession.SignedIn signedIn, Asked asked, String territory, String from, String to,
                  List<Figure> headline, Map map, List<Table> tables, Bars states, List<Funder> funders, List<Month> months,
                  List<Dashboard.Indicator> indicators, boolean catchments, String refusal) {
        super("territoire.ftlh", "Tableau de bord du territoire", signedIn.user(), signedIn.csrf());
        this.asked = asked;
        this.territory = territory;
        this.from = from;
        this.to = to;
        this.headline = headline;
        this.map = map;
        this.tables = tables;
        this.states = states;
        this.funders = funders;
        this.months = months;
        this.indicators = indicators.stream().map(i -> new Choice(i.slug, i.label, i.slug.equals(asked.indicator()))).toList();
        this.catchments = catchments;
        this.refusal = refusal;
    }

    /** A figure as the French write it; one without meaning says so. */
    static String number(Object value) {
        if (value == null) {
            return NONE;
        }
        Number number = (Number) value;
        if (value instanceof Long || value instanceof Integer) {
            return String.format(Locale.FRANCE, "%,d", number.longValue()).replace('\u202f', '\u00a0');
        }
        // a rate: two decimals at most, as the reports give it
        return new java.text.DecimalFormat("#,##0.##", java.text.DecimalFormatSymbols.getInstance(Locale.FRANCE))
                .format(number.doubleValue()).replace('\u202f', '\u00a0');
    }

    /** A count for a chart: one without meaning is drawn as nothing. */
    static long count(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }

    public Asked getAsked() {
        return asked;
    }

    public String getTerritory() {
        return academieName == null ? territoryWords(territory, "") : academieWords(academieName);
    }

    /** The same page, naming its académie. */
    DashboardView academie(String name) {
        this.academieName = name;
        return this;
    }

    /** « académie de Rennes », « académie d'Orléans-Tours ». */
    static String academieWords(String name) {
        return "académie " + ("AEIOUÉÈÎ".indexOf(Character.toUpperCase(name.charAt(0))) >= 0 ? "d'" : "de ") + name;
    }

    public String getFrom() {
        return day(from);
    }

    public String getTo() {
        return day(to);
    }

    /** An ISO day as the French write it: 1 septembre 2026. */
    private static String day(String iso) {
        try {
            return java.time.LocalDate.parse(iso).format(java.time.format.DateTimeFormatter.ofPattern("d MMMM yyyy",
                    Locale.FRENCH));
        } catch (RuntimeException notADay) {
            return iso;
        }
    }

    public List<Figure> getHeadline() {
        return headline;
    }

    /** Null when the page could not be made (a refusal). */
    public Map getMap() {
        return map;
    }

    public List<Table> getTables() {
        return tables;
    }

    public Bars getStates() {
        return states;
    }

    public List<Funder> getFunders() {
        return funders;
    }

    public List<Month> getMonths() {
        return months;
    }

    /** The tallest month, for the chart's scale. */
    public long getMonthsMax() {
        return Math.max(1, months.stream().mapToLong(m -> Math.max(m.lent(), m.returned())).max().orElse(1));
    }

    public List<Choice> getIndicators() {
        return indicators;
    }

    public String getIndicatorLabel() {
        return indicators.stream().filter(Choice::chosen).map(Choice::label).findFirst().orElse("");
    }

    /** A département's figures by collège catchment: the map may be shaded by them. */
    public boolean isCatchments() {
        return catchments;
    }

    /** The survey of every family of the period's school year; null when the page could not be made. */
    DashboardView survey(Survey section) {
        this.survey = section;
        return this;
    }

    public Survey getSurvey() {
        return survey;
    }

    public String getRefusal() {
        return refusal;
    }
}
