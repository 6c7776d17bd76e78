package fr.ecole.lending.reports;

import fr.ecole.lending.geography.Territory;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The aggregates reports rest on: one pass over each table, grouped by establishment (and funder)
 * or by commune; reports roll them up further in memory. {@code <establishmentsIn>} and
 * {@code <familiesIn>} are fixed fragments, chosen at the end of this file for the kind of territory,
 * never caller text.
 * An instant bound {@code until} is the start of the day after the report's {@code to}.
 * Beside each count {@code x} a query gives {@code x_key}, the sum of the record keys of what it counts
 * (see {@link CellKey}), and {@code population}, the sum of the keys of all the group's records.
 */
public interface ReportDao {

    /**
     * One finest group: where it is ({@code place}: a commune or an establishment; {@code part}: the
     * schools of its households, or the funder of its devices), its counts and their key sums by
     * figure (as the report names them), and the key sum of all its records.
     */
    record Counts(String place, String part, Map<String, Long> counts, Map<String, Long> keys, long population) {
    }

    /** Reads {@code commune}/{@code uai}, {@code schools}/{@code funder}, each count, its {@code _key} and {@code population}. */
    class CountsMapper implements RowMapper<Counts> {
        @Override
        public Counts map(ResultSet rs, StatementContext ctx) throws SQLException {
            ResultSetMetaData meta = rs.getMetaData();
            String place = null;
            String part = null;
            long population = 0;
            Map<String, Long> counts = new LinkedHashMap<>();
            Map<String, Long> keys = new LinkedHashMap<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                String label = meta.getColumnLabel(i).toLowerCase(Locale.ROOT);
                switch (label) {
                    case "commune", "uai" -> place = rs.getString(i);
                    case "schools", "funder" -> part = rs.getString(i);
                    case "population" -> population = rs.getLong(i);
                    default -> {
                        if (label.endsWith("_key")) {
                            keys.put(camel(label.substring(0, label.length() - 4)), rs.getLong(i));
                        } else {
                            counts.put(camel(label), rs.getLong(i));
                        }
                    }
                }
            }
            return new Counts(place, part, counts, keys, population);
        }

        private static String camel(String snake) {
            StringBuilder camel = new StringBuilder();
            boolean upper = false;
            for (char c : snake.toCharArray()) {
                if (c == '_') {
                    upper = true;
                } else {
                    camel.append(upper ? Character.toUpperCase(c) : c);
                    upper = false;
                }
            }
            return camel.toString();
        }
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
     * Devices out at the end of {@code to}, by kind; loans made and devices back between {@code from}
     * and {@code to}: one pass over the loans that were out at some time in the period, per
     * establishment and funder. An agreement lends devices of several funders, so it is counted once
     * in each funder's group that has a device of it out. Besides the establishments of the types
     * asked for, a collectivity's own devices count wherever they are in the territory
     * ({@code :ownFunder}); a funder's user counts its own devices only ({@code :onlyFunder}, else empty).
     */
    @SqlQuery("""
            SELECT x.uai, x.funder,
                   SUM(x.is_open) AS devices_on_loan, SUM(x.is_open * x.loan_key) AS devices_on_loan_key,
                   SUM(CASE WHEN x.kind = 'LAPTOP' THEN x.is_open ELSE 0 END) AS laptops_on_loan,
                   SUM(CASE WHEN x.kind = 'LAPTOP' THEN x.is_open * x.loan_key ELSE 0 END) AS laptops_on_loan_key,
                   SUM(CASE WHEN x.kind = 'TABLET' THEN x.is_open ELSE 0 END) AS tablets_on_loan,
                   SUM(CASE WHEN x.kind = 'TABLET' THEN x.is_open * x.loan_key ELSE 0 END) AS tablets_on_loan_key,
                   SUM(CASE WHEN x.kind = 'DONGLE_4G' THEN x.is_open ELSE 0 END) AS dongles_on_loan,
                   SUM(CASE WHEN x.kind = 'DONGLE_4G' THEN x.is_open * x.loan_key ELSE 0 END) AS dongles_on_loan_key,
                   SUM(CASE WHEN x.kind = 'HEADSET' THEN x.is_open ELSE 0 END) AS headsets_on_loan,
                   SUM(CASE WHEN x.kind = 'HEADSET' THEN x.is_open * x.loan_key ELSE 0 END) AS headsets_on_loan_key,
                   SUM(x.lent) AS lent, SUM(x.lent * x.loan_key) AS lent_key,
                   SUM(x.returned) AS returned, SUM(x.returned * x.loan_key) AS returned_key,
                   COUNT(DISTINCT CASE WHEN x.is_open = 1 THEN x.agreement_id END) AS agreements_active,
                   COALESCE(SUM(DISTINCT CASE WHEN x.is_open = 1 THEN x.agreement_key END), 0) AS agreements_active_key,
                   COUNT(DISTINCT CASE WHEN x.late = 1 THEN x.agreement_id END) AS overdue,
                   COALESCE(SUM(DISTINCT CASE WHEN x.late = 1 THEN x.agreement_key END), 0) AS overdue_key
              FROM (SELECT a.uai, d.funded_by AS funder, d.kind, a.id AS agreement_id, a.record_key AS agreement_key,
                           l.record_key AS loan_key,
                           CASE WHEN""" + OPEN + """
                            THEN 1 ELSE 0 END AS is_open,
                           CASE WHEN l.out_at >= :from THEN 1 ELSE 0 END AS lent,
                           CASE WHEN l.returned_at >= :from AND l.returned_at < :until THEN 1 ELSE 0 END AS returned,
                           CASE WHEN""" + OPEN + " AND " + DUE_THEN + """
                            < :toDate THEN 1 ELSE 0 END AS late
                      FROM establishments e
                      JOIN agreements a ON a.uai = e.uai
                      JOIN loans l ON l.agreement_id = a.id
                      JOIN devices d ON d.id = l.device_id
                     WHERE <establishmentsIn> AND (e.type IN (<types>) OR d.funded_by = :ownFunder)
                       AND (:onlyFunder = '' OR d.funded_by = :onlyFunder)
                       AND l.out_at < :until
                       AND (l.returned_at IS NULL OR l.returned_at >= :from)
                       AND (l.lost_at IS NULL OR l.lost_at >= :from)) x
             GROUP BY x.uai, x.funder""")
    @RegisterRowMapper(CountsMapper.class)
    List<Counts> loans(@Define("establishmentsIn") String establishmentsIn, @Bind("code") String code,
                       @BindList("types") Collection<String> types, @Bind("ownFunder") String ownFunder,
                       @Bind("onlyFunder") String onlyFunder, @Bind("from") Instant from, @Bind("until") Instant until,
                       @Bind("toDate") LocalDate to);

    /** An agreement is open from its creation until it closes with its last device back (or lost). */
    @SqlQuery("""
            SELECT x.uai, COUNT(*) AS agreements_active, SUM(x.agreement_key) AS agreements_active_key,
                   SUM(x.late) AS overdue, SUM(x.late * x.agreement_key) AS overdue_key
              FROM (SELECT a.uai, a.record_key AS agreement_key,
                           CASE WHEN (""" + DUE_THEN + """
                           ) < :toDate THEN 1 ELSE 0 END AS late
                      FROM establishments e
                      JOIN agreements a ON a.uai = e.uai
                     WHERE <establishmentsIn> AND e.type IN (<types>)
                       AND a.created_at < :until AND (a.closed_at IS NULL OR a.closed_at >= :until)) x
             GROUP BY x.uai""")
    @RegisterRowMapper(CountsMapper.class)
    List<Counts> agreements(@Define("establishmentsIn") String establishmentsIn, @Bind("code") String code,
                            @BindList("types") Collection<String> types, @Bind("until") Instant until,
                            @Bind("toDate") LocalDate to);

    /**
     * In the pool: registered by then, and neither lost nor retired then: for a device ever declared
     * lost or retired, the last change of its state by then tells (found again, it is back in the
     * pool). In repair: a repair ticket open then. Lost: declared lost within the period, on loan or
     * on the shelf. Each device counts in the pool it belongs to today. The few devices ever lost or
     * retired ({@code g}) are found through the index of events by kind.
     */
    @SqlQuery("""
            SELECT x.uai, x.funder,
                   SUM(x.in_pool) AS devices_in_pool, SUM(x.in_pool * x.device_key) AS devices_in_pool_key,
                   SUM(x.in_repair) AS in_repair, SUM(x.in_repair * x.device_key) AS in_repair_key,
                   SUM(x.lost) AS lost, SUM(x.lost * x.device_key) AS lost_key
              FROM (SELECT d.uai, d.funded_by AS funder, d.record_key AS device_key,
                           CASE WHEN d.created_at < :until
                                 AND (g.device_id IS NULL
                                      OR COALESCE((SELECT ev.event FROM device_events ev
                                                    WHERE ev.device_id = d.id AND ev.at < :until
                                                      AND ev.event IN ('LOST', 'RETIRED', 'STATUS_CHANGED', 'REPAIR_OUT',
                                                                       'REPAIR_BACK')
                                                    ORDER BY ev.at DESC, ev.id DESC LIMIT 1), 'CREATED')
                                         NOT IN ('LOST', 'RETIRED'))
                                THEN 1 ELSE 0 END AS in_pool,
                           CASE WHEN EXISTS (SELECT 1 FROM repairs r
                                              WHERE r.device_id = d.id AND r.out_at < :until
                                                AND (r.back_at IS NULL OR r.back_at >= :until))
                                THEN 1 ELSE 0 END AS in_repair,
                           CASE WHEN g.device_id IS NOT NULL
                                 AND EXISTS (SELECT 1 FROM device_events x
                                              WHERE x.device_id = d.id AND x.event = 'LOST'
                                                AND x.at >= :from AND x.at < :until)
                                THEN 1 ELSE 0 END AS lost
                      FROM establishments e
                      JOIN devices d ON d.uai = e.uai
                      LEFT JOIN (SELECT device_id FROM device_events WHERE event = 'LOST'
                                 UNION SELECT device_id FROM device_events WHERE event = 'RETIRED') g
                             ON g.device_id = d.id
                     WHERE <establishmentsIn> AND (e.type IN (<types>) OR d.funded_by = :ownFunder)
                       AND (:onlyFunder = '' OR d.funded_by = :onlyFunder)) x
             GROUP BY x.uai, x.funder""")
    @RegisterRowMapper(CountsMapper.class)
    List<Counts> pool(@Define("establishmentsIn") String establishmentsIn, @Bind("code") String code,
                      @BindList("types") Collection<String> types, @Bind("ownFunder") String ownFunder,
                      @Bind("onlyFunder") String onlyFunder, @Bind("from") Instant from, @Bind("until") Instant until);

    /**
     * An establishment under the competence asked for (one that holds or lent a device of {@code :onlyFunder}
     * when given), with its commune and latest pupil count by then.
     */
    record School(String uai, String communeInsee, Long pupils) {
    }

    @SqlQuery("""
            SELECT e.uai, e.commune_insee,
                   (SELECT n.pupils FROM enrolments n WHERE n.uai = e.uai AND n.school_year <= :schoolYear
                     ORDER BY n.school_year DESC LIMIT 1) AS pupils
              FROM establishments e
             WHERE <establishmentsIn> AND e.type IN (<types>)
               AND (:onlyFunder = '' OR e.uai IN (SELECT d.uai FROM devices d WHERE d.funded_by = :onlyFunder
                    UNION SELECT a.uai FROM agreements a JOIN loans l ON l.agreement_id = a.id
                     JOIN devices d ON d.id = l.device_id WHERE d.funded_by = :onlyFunder))
             ORDER BY e.uai""")
    @RegisterConstructorMapper(School.class)
    List<School> schools(@Define("establishmentsIn") String establishmentsIn, @Bind("code") String code,
                         @BindList("types") Collection<String> types, @Bind("onlyFunder") String onlyFunder,
                         @Bind("schoolYear") int schoolYear);

    /** A household report's sums over its households {@code h}: each count and the sum of its keys. */
    String HOUSEHOLD_SUMS = """
            SELECT h.commune, h.schools, SUM(h.record_key) AS population,
                   COUNT(*) AS diagnosed, SUM(h.record_key) AS diagnosed_key,
                   SUM(h.eligible) AS eligible, SUM(h.eligible * h.record_key) AS eligible_key,
                   SUM(h.equipped) AS equipped, SUM(h.equipped * h.record_key) AS equipped_key,
                   SUM(h.need_laptop) AS needs_laptop, SUM(h.need_laptop * h.record_key) AS needs_laptop_key,
                   SUM(h.need_dongle) AS needs_dongle, SUM(h.need_dongle * h.record_key) AS needs_dongle_key,
                   SUM(h.need_headset) AS needs_headset, SUM(h.need_headset * h.record_key) AS needs_headset_key,
                   SUM(h.alternative_access) AS alternative_access,
                   SUM(h.alternative_access * h.record_key) AS alternative_access_key,
                   SUM(h.no_connection) AS no_connection, SUM(h.no_connection * h.record_key) AS no_connection_key,
                   SUM(h.mobile_capped) AS mobile_capped, SUM(h.mobile_capped * h.record_key) AS mobile_capped_key,
                   SUM(h.white_zone) AS white_zone, SUM(h.white_zone * h.record_key) AS white_zone_key,
                   SUM(h.low_fixed_speed) AS low_fixed_speed, SUM(h.low_fixed_speed * h.record_key) AS low_fixed_speed_key,
                   SUM(h.smartphone_only) AS smartphone_only, SUM(h.smartphone_only * h.record_key) AS smartphone_only_key,
                   SUM(h.shared_device) AS shared_device, SUM(h.shared_device * h.record_key) AS shared_device_key,
                   SUM(h.parents_without_autonomy) AS parents_without_autonomy,
                   SUM(h.parents_without_autonomy * h.record_key) AS parents_without_autonomy_key,
                   SUM(h.other_language) AS other_language, SUM(h.other_language * h.record_key) AS other_language_key,
                   SUM(h.adapted_equipment) AS adapted_equipment,
                   SUM(h.adapted_equipment * h.record_key) AS adapted_equipment_key
            """;

    /** The answers of a household's latest diagnostic {@code d} a household report counts, as 0 or 1. */
    String DIAGNOSTIC_FLAGS = """
                           CASE WHEN d.eligible THEN 1 ELSE 0 END AS eligible,
                           CASE WHEN d.need_laptop THEN 1 ELSE 0 END AS need_laptop,
                           CASE WHEN d.need_dongle THEN 1 ELSE 0 END AS need_dongle,
                           CASE WHEN d.need_headset THEN 1 ELSE 0 END AS need_headset,
                           CASE WHEN d.alternative_access THEN 1 ELSE 0 END AS alternative_access,
                           CASE WHEN d.no_connection THEN 1 ELSE 0 END AS no_connection,
                           CASE WHEN d.mobile_capped THEN 1 ELSE 0 END AS mobile_capped,
                           CASE WHEN d.white_zone THEN 1 ELSE 0 END AS white_zone,
                           CASE WHEN d.low_fixed_speed THEN 1 ELSE 0 END AS low_fixed_speed,
                           CASE WHEN d.smartphone_only THEN 1 ELSE 0 END AS smartphone_only,
                           CASE WHEN d.shared_device THEN 1 ELSE 0 END AS shared_device,
                           CASE WHEN d.parents_without_autonomy THEN 1 ELSE 0 END AS parents_without_autonomy,
                           CASE WHEN d.other_language THEN 1 ELSE 0 END AS other_language,
                           CASE WHEN d.adapted_equipment THEN 1 ELSE 0 END AS adapted_equipment,
            """;

    /**
     * Diagnosed households of one commune whose pupils attend the same schools (their UAIs in order,
     * space separated), each counted once with its latest diagnostic made by then: the finest group a
     * household report shows, whether by commune, catchment or school. The keys are the families':
     * a household keeps its key through every diagnostic, and through its anonymisation.
     */
    @SqlQuery(HOUSEHOLD_SUMS + """
              FROM (SELECT f.commune_insee AS commune, f.record_key,
                           (SELECT string_agg(s.uai, ' ' ORDER BY s.uai)
                              FROM (SELECT DISTINCT p.uai FROM pupils p WHERE p.family_id = f.id) s) AS schools,
                           """ + DIAGNOSTIC_FLAGS + """
                           CASE WHEN d.eligible AND EXISTS (
                                   SELECT 1 FROM agreements a WHERE a.family_id = f.id AND a.created_at < :until
                                      AND (a.closed_at IS NULL OR a.closed_at >= :until)) THEN 1 ELSE 0 END AS equipped
                      FROM families f
                      JOIN diagnostics d ON d.id = (SELECT d2.id FROM diagnostics d2
                                                     WHERE d2.family_id = f.id AND d2.made_at < :until
                                                     ORDER BY d2.made_at DESC, d2.id DESC LIMIT 1)
                     WHERE <familiesIn>) h
             GROUP BY h.commune, h.schools""")
    @RegisterRowMapper(CountsMapper.class)
    List<Counts> households(@Define("familiesIn") String familiesIn, @Bind("code") String code,
                            @Bind("low") String low, @Bind("high") String high, @Bind("until") Instant until);

    /**
     * The same groups as {@link #households}, for PostgreSQL: the territory's families read once, then each
     * household's latest diagnostic ({@code DISTINCT ON}), the schools of its pupils and whether it holds an
     * agreement, each as one set joined to them, where {@link #households} asks three subqueries of every
     * household. SQLite answers those from its indexes at little cost; PostgreSQL takes about a third
     * less time this way over a région (docs/performance.md).
     */
    @SqlQuery("""
            WITH territory AS MATERIALIZED (
                    SELECT f.id, f.commune_insee, f.record_key FROM families f WHERE <familiesIn>),
                 latest AS (
                    SELECT DISTINCT ON (d.family_id) d.family_id, d.eligible, d.need_laptop, d.need_dongle,
                           d.need_headset, d.alternative_access, d.no_connection, d.mobile_capped, d.white_zone,
                           d.low_fixed_speed, d.smartphone_only, d.shared_device, d.parents_without_autonomy,
                           d.other_language, d.adapted_equipment
                      FROM diagnostics d JOIN territory t ON t.id = d.family_id
                     WHERE d.made_at < :until
                     ORDER BY d.family_id, d.made_at DESC, d.id DESC),
                 schools AS (
                    SELECT p.family_id, string_agg(DISTINCT p.uai, ' ' ORDER BY p.uai) AS schools
                      FROM pupils p JOIN territory t ON t.id = p.family_id
                     GROUP BY p.family_id),
                 holding AS (
                    SELECT DISTINCT a.family_id
                      FROM agreements a JOIN territory t ON t.id = a.family_id
                     WHERE a.created_at < :until AND (a.closed_at IS NULL OR a.closed_at >= :until))
            """ + HOUSEHOLD_SUMS + """
              FROM (SELECT f.commune_insee AS commune, f.record_key, s.schools,
                           """ + DIAGNOSTIC_FLAGS + """
                           CASE WHEN d.eligible AND o.family_id IS NOT NULL THEN 1 ELSE 0 END AS equipped
                      FROM territory f
                      JOIN latest d ON d.family_id = f.id
                      LEFT JOIN schools s ON s.family_id = f.id
                      LEFT JOIN holding o ON o.family_id = f.id) h
             GROUP BY h.commune, h.schools""")
    @RegisterRowMapper(CountsMapper.class)
    List<Counts> householdsSetBased(@Define("familiesIn") String familiesIn, @Bind("code") String code,
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

    /**
     * Establishments of the territory (null: all), in SQL: a fixed fragment per kind of territory, bound to {@code :code}.
     * An académie holds the départements its communes lie in, so that an establishment the directory gave no
     * académie still counts in that of its département.
     */
    static String establishmentsIn(Territory territory) {
        if (territory == null) {
            // everywhere: a funder's own devices, asked without a territory; :code is then empty
            return ":code = ''";
        }
        return switch (territory.kind()) {
            case "commune" -> "e.commune_insee = :code";
            case "departement" -> "e.departement = :code";
            case "academie" -> "e.departement IN (SELECT c.departement FROM communes c WHERE c.academie = :code)";
            default -> "e.region = :code";
        };
    }

    /**
     * Families living in the territory, by their commune: the département follows from the INSEE code
     * (as {@link Territory#departementOf}: the codes from {@code :low} up to {@code :high}), so that a
     * commune without a school still counts; a région or an académie holds the départements the directory
     * places in it (their codes start the INSEE codes: 035 → 35, 02A → 2A, 974 → 974).
     */
    static String familiesIn(Territory territory) {
        return switch (territory.kind()) {
            case "commune" -> "f.commune_insee = :code";
            case "departement" -> "f.commune_insee >= :low AND f.commune_insee < :high";
            case "academie" -> familiesInDepartementsOf("academie");
            default -> familiesInDepartementsOf("region");
        };
    }

    /** Families whose commune's département is one of those whose communes have {@code column} = {@code :code}. */
    private static String familiesInDepartementsOf(String column) {
        return "(SUBSTR(f.commune_insee, 1, 2) IN (SELECT SUBSTR(c.departement, 2) FROM communes c"
                + " WHERE c." + column + " = :code AND c.departement LIKE '0%')"
                + " OR SUBSTR(f.commune_insee, 1, 3) IN (SELECT c.departement FROM communes c"
                + " WHERE c." + column + " = :code AND c.departement NOT LIKE '0%'))";
    }
}
