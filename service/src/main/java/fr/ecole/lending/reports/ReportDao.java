package fr.ecole.lending.reports;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The aggregates reports rest on: one pass over each table, grouped by establishment (and funder)
 * or by commune; reports roll them up further in memory. {@code <establishmentsIn>} and
 * {@code <familiesIn>} are fixed fragments chosen by {@link ReportService} for the kind of territory,
 * never caller text.
 * An instant bound {@code until} is the start of the day after the report's {@code to}.
 */
public interface ReportDao {

    /** What the loans of one establishment (and one funder of its devices) add up to. */
    record LoanCounts(String uai, String funder, long onLoan, long laptopsOnLoan, long tabletsOnLoan,
                      long donglesOnLoan, long headsetsOnLoan, long lent, long returned, long agreementsActive,
                      long overdue) {
    }

    /** Open at {@code until}: out before it, neither back nor lost by then. */
    String OPEN = "(l.out_at < :until AND (l.returned_at IS NULL OR l.returned_at >= :until)"
            + " AND (l.lost_at IS NULL OR l.lost_at >= :until))";

    /**
     * An agreement's due date as of {@code until}: the one its latest renewal by then set, else the
     * first one it had (renewals keep the date before), else the one it has.
     */
    String DUE_THEN = """
            COALESCE((SELECT r.due_after FROM agreement_renewals r
                       WHERE r.agreement_id = a.id AND r.renewed_at < :until ORDER BY r.number DESC LIMIT 1),
                     (SELECT r.due_before FROM agreement_renewals r
                       WHERE r.agreement_id = a.id ORDER BY r.number LIMIT 1),
                     a.due_date)""";

    /**
     * An agreement's counts per funder: an agreement lends devices of several funders, so it is
     * counted once in each funder's cell that has a device of it out.
     */
    String AGREEMENTS_PER_FUNDER = "COUNT(DISTINCT CASE WHEN " + OPEN + " THEN a.id END) AS agreements_active, "
            + "COUNT(DISTINCT CASE WHEN " + OPEN + " AND " + DUE_THEN + " < :toDate THEN a.id END) AS overdue";

    /**
     * Devices out at the end of {@code to}, by kind; loans made and devices back between {@code from}
     * and {@code to}: one pass over the loans that were out at some time in the period, per
     * establishment and funder, with {@link #AGREEMENTS_PER_FUNDER}. Besides the establishments of
     * the types asked for, a collectivity's own devices count wherever they are in the territory
     * ({@code :ownFunder}).
     */
    @SqlQuery("""
            SELECT a.uai, d.funded_by AS funder,
                   SUM(CASE WHEN""" + OPEN + """
                    THEN 1 ELSE 0 END) AS on_loan,
                   SUM(CASE WHEN d.kind = 'LAPTOP' AND""" + OPEN + """
                    THEN 1 ELSE 0 END) AS laptops_on_loan,
                   SUM(CASE WHEN d.kind = 'TABLET' AND""" + OPEN + """
                    THEN 1 ELSE 0 END) AS tablets_on_loan,
                   SUM(CASE WHEN d.kind = 'DONGLE_4G' AND""" + OPEN + """
                    THEN 1 ELSE 0 END) AS dongles_on_loan,
                   SUM(CASE WHEN d.kind = 'HEADSET' AND""" + OPEN + """
                    THEN 1 ELSE 0 END) AS headsets_on_loan,
                   SUM(CASE WHEN l.out_at >= :from THEN 1 ELSE 0 END) AS lent,
                   SUM(CASE WHEN l.returned_at >= :from AND l.returned_at < :until THEN 1 ELSE 0 END) AS returned,
                   """ + AGREEMENTS_PER_FUNDER + """

              FROM establishments e
              JOIN agreements a ON a.uai = e.uai
              JOIN loans l ON l.agreement_id = a.id
              JOIN devices d ON d.id = l.device_id
             WHERE <establishmentsIn> AND (e.type IN (<types>) OR d.funded_by = :ownFunder)
               AND l.out_at < :until
               AND (l.returned_at IS NULL OR l.returned_at >= :from)
               AND (l.lost_at IS NULL OR l.lost_at >= :from)
             GROUP BY a.uai, d.funded_by""")
    @RegisterConstructorMapper(LoanCounts.class)
    List<LoanCounts> loans(@Define("establishmentsIn") String establishmentsIn, @Bind("code") String code,
                           @BindList("types") Collection<String> types, @Bind("ownFunder") String ownFunder,
                           @Bind("from") Instant from, @Bind("until") Instant until, @Bind("toDate") LocalDate to);

    /** Agreements of one establishment open at the end of {@code to}, and those overdue then. */
    record AgreementCounts(String uai, long active, long overdue) {
    }

    /** An agreement is open from its creation until it closes with its last device back (or lost). */
    @SqlQuery("""
            SELECT a.uai, COUNT(*) AS active,
                   SUM(CASE WHEN (""" + DUE_THEN + """
                   ) < :toDate THEN 1 ELSE 0 END) AS overdue
              FROM establishments e
              JOIN agreements a ON a.uai = e.uai
             WHERE <establishmentsIn> AND e.type IN (<types>)
               AND a.created_at < :until AND (a.closed_at IS NULL OR a.closed_at >= :until)
             GROUP BY a.uai""")
    @RegisterConstructorMapper(AgreementCounts.class)
    List<AgreementCounts> agreements(@Define("establishmentsIn") String establishmentsIn, @Bind("code") String code,
                                     @BindList("types") Collection<String> types, @Bind("until") Instant until,
                                     @Bind("toDate") LocalDate to);

    /** The devices of one establishment's pool (and one funder), as of the end of {@code to}. */
    record PoolCounts(String uai, String funder, long inPool, long inRepair, long lost) {
    }

    /**
     * In the pool: registered by then, and neither lost nor retired then: for a device ever declared
     * lost or retired, the last change of its state by then tells (found again, it is back in the
     * pool). In repair: a repair ticket open then. Lost: declared lost within the period, on loan or
     * on the shelf. Each device counts in the pool it belongs to today. The few devices ever lost or
     * retired ({@code g}) are found through the index of events by kind.
     */
    @SqlQuery("""
            SELECT d.uai, d.funded_by AS funder,
                   SUM(CASE WHEN d.created_at < :until
                             AND (g.device_id IS NULL
                                  OR COALESCE((SELECT ev.event FROM device_events ev
                                                WHERE ev.device_id = d.id AND ev.at < :until
                                                  AND ev.event IN ('LOST', 'RETIRED', 'STATUS_CHANGED', 'REPAIR_OUT',
                                                                   'REPAIR_BACK')
                                                ORDER BY ev.at DESC, ev.id DESC LIMIT 1), 'CREATED')
                                     NOT IN ('LOST', 'RETIRED'))
                            THEN 1 ELSE 0 END) AS in_pool,
                   SUM(CASE WHEN EXISTS (SELECT 1 FROM repairs r
                                          WHERE r.device_id = d.id AND r.out_at < :until
                                            AND (r.back_at IS NULL OR r.back_at >= :until))
                            THEN 1 ELSE 0 END) AS in_repair,
                   SUM(CASE WHEN g.device_id IS NOT NULL
                             AND EXISTS (SELECT 1 FROM device_events x
                                          WHERE x.device_id = d.id AND x.event = 'LOST'
                                            AND x.at >= :from AND x.at < :until)
                            THEN 1 ELSE 0 END) AS lost
              FROM establishments e
              JOIN devices d ON d.uai = e.uai
              LEFT JOIN (SELECT device_id FROM device_events WHERE event = 'LOST'
                         UNION SELECT device_id FROM device_events WHERE event = 'RETIRED') g ON g.device_id = d.id
             WHERE <establishmentsIn> AND (e.type IN (<types>) OR d.funded_by = :ownFunder)
             GROUP BY d.uai, d.funded_by""")
    @RegisterConstructorMapper(PoolCounts.class)
    List<PoolCounts> pool(@Define("establishmentsIn") String establishmentsIn, @Bind("code") String code,
                          @BindList("types") Collection<String> types, @Bind("ownFunder") String ownFunder,
                          @Bind("from") Instant from, @Bind("until") Instant until);

    /** An establishment under the competence asked for, with its commune and latest pupil count by then. */
    record School(String uai, String communeInsee, Long pupils) {
    }

    @SqlQuery("""
            SELECT e.uai, e.commune_insee,
                   (SELECT n.pupils FROM enrolments n WHERE n.uai = e.uai AND n.school_year <= :schoolYear
                     ORDER BY n.school_year DESC LIMIT 1) AS pupils
              FROM establishments e
             WHERE <establishmentsIn> AND e.type IN (<types>)
             ORDER BY e.uai""")
    @RegisterConstructorMapper(School.class)
    List<School> schools(@Define("establishmentsIn") String establishmentsIn, @Bind("code") String code,
                         @BindList("types") Collection<String> types, @Bind("schoolYear") int schoolYear);

    /**
     * Diagnosed households of one commune whose pupils attend the same schools (their UAIs in order,
     * space separated), each counted once with its latest diagnostic made by then: the finest group a
     * household report shows, whether by commune, catchment or school.
     */
    record HouseholdCounts(String commune, String schools, long diagnosed, long eligible, long equipped,
                           long needsLaptop, long needsDongle, long needsHeadset, long alternativeAccess,
                           long noConnection, long mobileCapped, long whiteZone, long lowFixedSpeed) {
    }

    @SqlQuery("""
            SELECT h.commune, h.schools,
                   COUNT(*) AS diagnosed,
                   SUM(CASE WHEN h.eligible THEN 1 ELSE 0 END) AS eligible,
                   SUM(h.equipped) AS equipped,
                   SUM(CASE WHEN h.need_laptop THEN 1 ELSE 0 END) AS needs_laptop,
                   SUM(CASE WHEN h.need_dongle THEN 1 ELSE 0 END) AS needs_dongle,
                   SUM(CASE WHEN h.need_headset THEN 1 ELSE 0 END) AS needs_headset,
                   SUM(CASE WHEN h.alternative_access THEN 1 ELSE 0 END) AS alternative_access,
                   SUM(CASE WHEN h.no_connection THEN 1 ELSE 0 END) AS no_connection,
                   SUM(CASE WHEN h.mobile_capped THEN 1 ELSE 0 END) AS mobile_capped,
                   SUM(CASE WHEN h.white_zone THEN 1 ELSE 0 END) AS white_zone,
                   SUM(CASE WHEN h.low_fixed_speed THEN 1 ELSE 0 END) AS low_fixed_speed
              FROM (SELECT f.commune_insee AS commune,
                           (SELECT string_agg(s.uai, ' ' ORDER BY s.uai)
                              FROM (SELECT DISTINCT p.uai FROM pupils p WHERE p.family_id = f.id) s) AS schools,
                           d.eligible, d.need_laptop, d.need_dongle, d.need_headset, d.alternative_access,
                           d.no_connection, d.mobile_capped, d.white_zone, d.low_fixed_speed,
                           CASE WHEN d.eligible AND EXISTS (
                                   SELECT 1 FROM agreements a WHERE a.family_id = f.id AND a.created_at < :until
                                      AND (a.closed_at IS NULL OR a.closed_at >= :until)) THEN 1 ELSE 0 END AS equipped
                      FROM families f
                      JOIN diagnostics d ON d.id = (SELECT d2.id FROM diagnostics d2
                                                     WHERE d2.family_id = f.id AND d2.made_at < :until
                                                     ORDER BY d2.made_at DESC, d2.id DESC LIMIT 1)
                     WHERE <familiesIn>) h
             GROUP BY h.commune, h.schools""")
    @RegisterConstructorMapper(HouseholdCounts.class)
    List<HouseholdCounts> households(@Define("familiesIn") String familiesIn, @Bind("code") String code,
                                     @Bind("low") String low, @Bind("high") String high, @Bind("until") Instant until);

    /** Names of communes (or of establishments), for row labels. */
    record Name(String key, String name) {
    }

    @SqlQuery("SELECT insee AS key, name FROM communes WHERE insee IN (<keys>)")
    @RegisterConstructorMapper(Name.class)
    List<Name> communeNames(@BindList("keys") Collection<String> keys);

    @SqlQuery("SELECT uai AS key, name || ' (' || commune_name || ')' AS name FROM establishments WHERE uai IN (<keys>)")
    @RegisterConstructorMapper(Name.class)
    List<Name> establishmentNames(@BindList("keys") Collection<String> keys);

    /** Which collèges serve a commune, for each commune of the carte scolaire asked about. */
    record Served(String communeInsee, String uai) {
    }

    @SqlQuery("SELECT DISTINCT commune_insee, uai FROM catchments WHERE commune_insee IN (<communes>)")
    @RegisterConstructorMapper(Served.class)
    List<Served> catchments(@BindList("communes") Collection<String> communes);
}
