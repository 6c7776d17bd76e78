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
 * never caller text; {@code <funder>} is {@code d.funded_by} when rows are per funder, else NULL.
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
     * Stocks as of the end of {@code to}, flows between {@code from} and {@code to}. An agreement is
     * active while a device of it is out (it closes when the last one comes back). Its due date as of
     * then is the one its latest renewal by then set, else the first one it had.
     */
    @SqlQuery("""
            SELECT a.uai, <funder> AS funder,
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
                   COUNT(DISTINCT CASE WHEN""" + OPEN + """
                    THEN a.id END) AS agreements_active,
                   COUNT(DISTINCT CASE WHEN""" + OPEN + """
                    AND COALESCE(
                           (SELECT r.due_after FROM agreement_renewals r
                             WHERE r.agreement_id = a.id AND r.renewed_at < :until ORDER BY r.number DESC LIMIT 1),
                           (SELECT r.due_before FROM agreement_renewals r
                             WHERE r.agreement_id = a.id ORDER BY r.number LIMIT 1),
                           a.due_date) < :toDate
                    THEN a.id END) AS overdue
              FROM establishments e
              JOIN agreements a ON a.uai = e.uai
              JOIN loans l ON l.agreement_id = a.id
              JOIN devices d ON d.id = l.device_id
             WHERE <establishmentsIn> AND e.type IN (<types>)
               AND l.out_at < :until
               AND (l.returned_at IS NULL OR l.returned_at >= :from)
               AND (l.lost_at IS NULL OR l.lost_at >= :from)
             GROUP BY a.uai<byFunder>""")
    @RegisterConstructorMapper(LoanCounts.class)
    List<LoanCounts> loans(@Define("establishmentsIn") String establishmentsIn, @Bind("code") String code,
                           @BindList("types") Collection<String> types, @Define("funder") String funder,
                           @Define("byFunder") String byFunder,
                           @Bind("from") Instant from, @Bind("until") Instant until, @Bind("toDate") LocalDate to);

    /** The devices of one establishment's pool (and one funder), as of the end of {@code to}. */
    record PoolCounts(String uai, String funder, long inPool, long inRepair, long lost) {
    }

    /**
     * In the pool: registered by then, and not lost or retired by then (a device lost then found
     * again counts as in the pool). In repair: a repair ticket open then. Lost: declared lost within
     * the period, on loan or on the shelf.
     */
    @SqlQuery("""
            SELECT d.uai, <funder> AS funder,
                   SUM(CASE WHEN d.created_at < :until
                             AND (d.status NOT IN ('LOST', 'RETIRED')
                                  OR NOT EXISTS (SELECT 1 FROM device_events ev
                                                  WHERE ev.device_id = d.id AND ev.event = d.status
                                                    AND ev.at < :until))
                            THEN 1 ELSE 0 END) AS in_pool,
                   SUM(CASE WHEN r.device_id IS NOT NULL THEN 1 ELSE 0 END) AS in_repair,
                   SUM(CASE WHEN x.device_id IS NOT NULL THEN 1 ELSE 0 END) AS lost
              FROM establishments e
              JOIN devices d ON d.uai = e.uai
              LEFT JOIN (SELECT DISTINCT device_id FROM repairs
                          WHERE out_at < :until AND (back_at IS NULL OR back_at >= :until)) r ON r.device_id = d.id
              LEFT JOIN (SELECT DISTINCT device_id FROM device_events
                          WHERE event = 'LOST' AND at >= :from AND at < :until) x ON x.device_id = d.id
             WHERE <establishmentsIn> AND e.type IN (<types>)
             GROUP BY d.uai<byFunder>""")
    @RegisterConstructorMapper(PoolCounts.class)
    List<PoolCounts> pool(@Define("establishmentsIn") String establishmentsIn, @Bind("code") String code,
                          @BindList("types") Collection<String> types, @Define("funder") String funder,
                          @Define("byFunder") String byFunder,
                          @Bind("from") Instant from, @Bind("until") Instant until);

    /** An establishment under the competence asked for, with its commune and latest pupil count by then. */
    record School(String uai, String name, String communeInsee, String communeName, Long pupils) {
    }

    @SqlQuery("""
            SELECT e.uai, e.name, e.commune_insee, e.commune_name,
                   (SELECT n.pupils FROM enrolments n WHERE n.uai = e.uai AND n.school_year <= :schoolYear
                     ORDER BY n.school_year DESC LIMIT 1) AS pupils
              FROM establishments e
             WHERE <establishmentsIn> AND e.type IN (<types>)
             ORDER BY e.uai""")
    @RegisterConstructorMapper(School.class)
    List<School> schools(@Define("establishmentsIn") String establishmentsIn, @Bind("code") String code,
                         @BindList("types") Collection<String> types, @Bind("schoolYear") int schoolYear);

    /**
     * Diagnosed households of one area (a commune, or a school one of their pupils attends), each
     * counted once with its latest diagnostic made by then.
     */
    record HouseholdCounts(String area, long diagnosed, long eligible, long equipped, long needsLaptop,
                           long needsDongle, long needsHeadset, long alternativeAccess, long noConnection,
                           long mobileCapped, long whiteZone, long lowFixedSpeed) {
    }

    /** {@code <area>} is the family's commune, or its pupils' school (then joined as {@code p}). */
    @SqlQuery("""
            SELECT <area> AS area,
                   COUNT(DISTINCT f.id) AS diagnosed,
                   COUNT(DISTINCT CASE WHEN d.eligible THEN f.id END) AS eligible,
                   COUNT(DISTINCT CASE WHEN d.eligible AND EXISTS (
                           SELECT 1 FROM agreements a WHERE a.family_id = f.id AND a.created_at < :until
                              AND (a.closed_at IS NULL OR a.closed_at >= :until)) THEN f.id END) AS equipped,
                   COUNT(DISTINCT CASE WHEN d.need_laptop THEN f.id END) AS needs_laptop,
                   COUNT(DISTINCT CASE WHEN d.need_dongle THEN f.id END) AS needs_dongle,
                   COUNT(DISTINCT CASE WHEN d.need_headset THEN f.id END) AS needs_headset,
                   COUNT(DISTINCT CASE WHEN d.alternative_access THEN f.id END) AS alternative_access,
                   COUNT(DISTINCT CASE WHEN d.no_connection THEN f.id END) AS no_connection,
                   COUNT(DISTINCT CASE WHEN d.mobile_capped THEN f.id END) AS mobile_capped,
                   COUNT(DISTINCT CASE WHEN d.white_zone THEN f.id END) AS white_zone,
                   COUNT(DISTINCT CASE WHEN d.low_fixed_speed THEN f.id END) AS low_fixed_speed
              FROM families f
              JOIN diagnostics d ON d.id = (SELECT d2.id FROM diagnostics d2
                                             WHERE d2.family_id = f.id AND d2.made_at < :until
                                             ORDER BY d2.made_at DESC, d2.id DESC LIMIT 1)
              <pupils>
             WHERE <familiesIn>
             GROUP BY <area>""")
    @RegisterConstructorMapper(HouseholdCounts.class)
    List<HouseholdCounts> households(@Define("area") String area, @Define("pupils") String pupilsJoin,
                                     @Define("familiesIn") String familiesIn, @Bind("code") String code,
                                     @Bind("until") Instant until);

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
