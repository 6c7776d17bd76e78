package fr.ecole.lending.reports;

import fr.ecole.lending.http.ApiException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The reports a collectivity reads, each with the groupings its rows may take (the first by default). */
public enum Report {
    LOANS(Grouping.ESTABLISHMENT, Grouping.COMMUNE, Grouping.FUNDER),
    FRAGILITY(Grouping.COMMUNE, Grouping.ESTABLISHMENT, Grouping.CATCHMENT),
    CONNECTIVITY(Grouping.COMMUNE, Grouping.CATCHMENT),
    /** Households referred to help beyond devices, by kind and by status. */
    REFERRALS(Grouping.COMMUNE, Grouping.ESTABLISHMENT, Grouping.CATCHMENT),
    /** The survey of every family of a school year, by the campaigns' establishments. */
    SURVEY(Grouping.ESTABLISHMENT, Grouping.COMMUNE, Grouping.CATCHMENT),
    /** Headline indicators of a territory, one per row. */
    SUMMARY;

    private final List<Grouping> groupings;

    Report(Grouping... groupings) {
        this.groupings = List.of(groupings);
    }

    /** The report of the path; 404 when there is none of that name. */
    public static Report named(String name) {
        return Arrays.stream(values()).filter(report -> report.parameter().equals(name)).findFirst()
                .orElseThrow(() -> ApiException.notFound("unknown_report", null, "Le rapport « " + name
                        + " » n'existe pas ; rapports : " + Arrays.stream(values()).map(Report::parameter)
                        .collect(Collectors.joining(", ")) + "."));
    }

    public String parameter() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The grouping asked for, or the report's default; 422 for one the report does not offer. */
    public Grouping grouping(String text) {
        if (text == null || text.isBlank()) {
            return groupings.isEmpty() ? null : groupings.get(0);
        }
        return groupings.stream().filter(grouping -> grouping.parameter().equalsIgnoreCase(text.strip())).findFirst()
                .orElseThrow(() -> ApiException.invalid("invalid_value", "groupBy", groupings.isEmpty()
                        ? "Le rapport « " + parameter() + " » ne se regroupe pas : retirez « groupBy »."
                        : "Le rapport « " + parameter() + " » se regroupe par " + groupings.stream()
                        .map(Grouping::parameter).collect(Collectors.joining(", ")) + " ; pas par « " + text + " »."));
    }
}
