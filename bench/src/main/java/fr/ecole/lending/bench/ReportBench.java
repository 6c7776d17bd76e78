package fr.ecole.lending.bench;

import fr.ecole.lending.audit.Audit;
import fr.ecole.lending.auth.Role;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.calendar.SchoolCalendar;
import fr.ecole.lending.db.Database;
import fr.ecole.lending.reports.ReportService;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The three collectivity reports of the synthetic région (loans, fragility, connectivity), through
 * the service's own code (queries, suppression, labels), against the raw SQL aggregates of the same
 * figures: one plain GROUP BY per table over the same rows, as things stand now rather than as of a
 * day, over every diagnostic rather than each household's latest, and without any suppression.
 */
final class ReportBench {
    private static final int ROUNDS = 7;
    private static final String LYCEES = "e.region = '" + SyntheticRegion.REGION + "' AND e.type = 'LYCEE'";
    private static final String OUT = "l.returned_at IS NULL AND l.lost_at IS NULL";
    /** The loans report's figures: loans of the period with their devices, open agreements, the pool. */
    private static final List<String> LOANS = List.of("""
            SELECT a.uai, d.funded_by,
                   SUM(CASE WHEN""" + " " + OUT + """
                    THEN 1 ELSE 0 END),
                   SUM(CASE WHEN d.kind = 'LAPTOP' AND""" + " " + OUT + """
                    THEN 1 ELSE 0 END),
                   SUM(CASE WHEN d.kind = 'TABLET' AND""" + " " + OUT + """
                    THEN 1 ELSE 0 END),
                   SUM(CASE WHEN d.kind = 'DONGLE_4G' AND""" + " " + OUT + """
                    THEN 1 ELSE 0 END),
                   SUM(CASE WHEN d.kind = 'HEADSET' AND""" + " " + OUT + """
                    THEN 1 ELSE 0 END),
                   SUM(CASE WHEN l.out_at >= ? THEN 1 ELSE 0 END),
                   SUM(CASE WHEN l.returned_at >= ? THEN 1 ELSE 0 END)
              FROM establishments e
              JOIN agreements a ON a.uai = e.uai
              JOIN loans l ON l.agreement_id = a.id
              JOIN devices d ON d.id = l.device_id
             WHERE""" + " " + LYCEES + """
               AND (l.returned_at IS NULL OR l.returned_at >= ?)
             GROUP BY a.uai, d.funded_by""", """
            SELECT a.uai, COUNT(*), SUM(CASE WHEN a.due_date < ? THEN 1 ELSE 0 END)
              FROM establishments e
              JOIN agreements a ON a.uai = e.uai
             WHERE""" + " " + LYCEES + """
               AND a.status = 'ACTIVE'
             GROUP BY a.uai""", """
            SELECT d.uai, d.funded_by,
                   SUM(CASE WHEN d.status NOT IN ('LOST', 'RETIRED') THEN 1 ELSE 0 END),
                   SUM(CASE WHEN d.status = 'IN_REPAIR' THEN 1 ELSE 0 END),
                   SUM(CASE WHEN d.status = 'LOST' THEN 1 ELSE 0 END)
              FROM establishments e
              JOIN devices d ON d.uai = e.uai
             WHERE""" + " " + LYCEES + """
             GROUP BY d.uai, d.funded_by""");
    private static final String HOUSEHOLDS_OF_THE_REGION = "SUBSTR(f.commune_insee, 1, 2) IN ('22', '29', '35', '56')";
    /** The fragility report's figures: households with their diagnostics, and whether they borrow. */
    private static final String FRAGILITY = """
            SELECT f.commune_insee, COUNT(*),
                   SUM(CASE WHEN d.eligible THEN 1 ELSE 0 END),
                   SUM(CASE WHEN d.eligible AND EXISTS (SELECT 1 FROM agreements a
                                                         WHERE a.family_id = f.id AND a.status = 'ACTIVE')
                            THEN 1 ELSE 0 END),
                   SUM(CASE WHEN d.need_laptop THEN 1 ELSE 0 END),
                   SUM(CASE WHEN d.need_dongle THEN 1 ELSE 0 END),
                   SUM(CASE WHEN d.need_headset THEN 1 ELSE 0 END),
                   SUM(CASE WHEN d.alternative_access THEN 1 ELSE 0 END)
              FROM families f
              JOIN diagnostics d ON d.family_id = f.id
             WHERE""" + " " + HOUSEHOLDS_OF_THE_REGION + """
             GROUP BY f.commune_insee""";
    /** The connectivity report's figures. */
    private static final String CONNECTIVITY = """
            SELECT f.commune_insee, COUNT(*),
                   SUM(CASE WHEN d.no_connection THEN 1 ELSE 0 END),
                   SUM(CASE WHEN d.mobile_capped THEN 1 ELSE 0 END),
                   SUM(CASE WHEN d.white_zone THEN 1 ELSE 0 END),
                   SUM(CASE WHEN d.low_fixed_speed THEN 1 ELSE 0 END)
              FROM families f
              JOIN diagnostics d ON d.family_id = f.id
             WHERE""" + " " + HOUSEHOLDS_OF_THE_REGION + """
             GROUP BY f.commune_insee""";

    private final Database database;
    private final int warmupSeconds;
    private final ReportService reports;
    private final User administrator = new User(0, "bench", Role.ADMIN, null, Set.of());

    ReportBench(Database database, int warmupSeconds) {
        this.database = database;
        this.warmupSeconds = warmupSeconds;
        this.reports = new ReportService(database, new Audit(database, Clock.systemUTC()), Clock.systemUTC());
    }

    Map<String, Object> run() {
        long deadline = System.nanoTime() + warmupSeconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            service();
            baseline();
        }
        List<Double> service = new ArrayList<>();
        List<Double> baseline = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            // alternate which goes first, so that neither always finds the caches the other warmed
            if (round % 2 == 0) {
                service.add(Stats.time(this::service));
                baseline.add(Stats.time(this::baseline));
            } else {
                baseline.add(Stats.time(this::baseline));
                service.add(Stats.time(this::service));
            }
        }
        return BenchCommand.figure("report", Stats.median(service), "ms", Stats.median(baseline), "<= 2x the raw aggregates");
    }

    private void service() {
        for (String report : List.of("loans", "fragility", "connectivity")) {
            reports.report(administrator, report, "region:" + SyntheticRegion.REGION, null, null, null, null, false);
        }
    }

    private void baseline() {
        LocalDate today = LocalDate.now(SchoolCalendar.ZONE);
        long from = SchoolCalendar.schoolYearStart(today).atStartOfDay(SchoolCalendar.ZONE).toInstant().toEpochMilli();
        database.read(handle -> {
            Connection connection = handle.getConnection();
            try {
                drain(connection, LOANS.get(0), from, from, from);
                drain(connection, LOANS.get(1), today.toString());
                drain(connection, LOANS.get(2));
                drain(connection, FRAGILITY);
                drain(connection, CONNECTIVITY);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return null;
        });
    }

    private static void drain(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                int columns = rows.getMetaData().getColumnCount();
                while (rows.next()) {
                    for (int column = 1; column <= columns; column++) {
                        rows.getObject(column);
                    }
                }
            }
        }
    }
}
