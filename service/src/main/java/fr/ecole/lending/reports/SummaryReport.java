package fr.ecole.lending.reports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Headline figures of the territory, each the total of the report it comes from (hidden when that
 * total is), then its white-zone households per catchment as the connectivity report shows them.
 */
final class SummaryReport {
    private final ReportTables tables;
    private final HouseholdReports households;
    private final LoansReport loans;

    SummaryReport(ReportTables tables, HouseholdReports households, LoansReport loans) {
        this.tables = tables;
        this.households = households;
        this.loans = loans;
    }

    /**
     * Headline figures of the territory, each the total of the report it comes from (hidden when that
     * total is), then its white-zone households per catchment as the connectivity report shows them.
     */
    ReportTable make(ReportDao reports, ReportRequest request) {
        List<ReportDao.Counts> groups = households.groups(reports, request);
        Map<String, Object> fragility = households.table(reports, request.as(Report.FRAGILITY, Grouping.COMMUNE),
                HouseholdReports.FRAGILITY_COLUMNS, groups).totals();
        LoansReport.Loans loans = this.loans.make(reports, null, request.as(Report.LOANS, Grouping.ESTABLISHMENT));
        ReportTable whiteZones = households.table(reports, request.as(Report.CONNECTIVITY, Grouping.CATCHMENT),
                HouseholdReports.CONNECTIVITY_COLUMNS, groups);

        Long diagnosed = (Long) fragility.get("diagnosed");
        Long eligible = (Long) fragility.get("eligible");
        Long equipped = (Long) fragility.get("equipped");
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(indicator("householdsDiagnosed", "Foyers diagnostiqués", diagnosed));
        rows.add(indicator("householdsEligible", "Foyers éligibles", eligible));
        rows.add(indicator("eligibleShare", "Part des foyers diagnostiqués éligibles (%)", ReportTables.per100(eligible, diagnosed)));
        rows.add(indicator("householdsEquipped", "Foyers éligibles équipés (convention en cours)", equipped));
        rows.add(indicator("equippedShare", "Part des foyers éligibles équipés (%)", ReportTables.per100(equipped, eligible)));
        rows.add(indicator("devicesOnLoan", "Appareils prêtés", loans.onLoan()));
        rows.add(indicator("pupils", "Élèves des établissements couverts (ayant un effectif connu)", loans.pupils()));
        rows.add(indicator("devicesOnLoanPer100Pupils", "Appareils prêtés pour 100 élèves", loans.per100Pupils()));
        for (Map<String, Object> catchment : whiteZones.rows()) {
            rows.add(indicator("whiteZoneHouseholds:" + catchment.get("key"), "Foyers en zone blanche, "
                    + catchment.get("label"), catchment.get("whiteZone")));
        }
        return tables.output(request, List.of("key", "label", "value"), rows, null);
    }

    private static Map<String, Object> indicator(String key, String label, Object value) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("key", key);
        row.put("label", label);
        row.put("value", value);
        return row;
    }
}
