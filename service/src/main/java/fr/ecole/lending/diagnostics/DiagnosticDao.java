package fr.ecole.lending.diagnostics;

import fr.ecole.lending.geography.CommuneDao;
import fr.ecole.lending.geography.Uai;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

@RegisterConstructorMapper(DiagnosticDao.DiagnosticRow.class)
@RegisterConstructorMapper(DiagnosticDao.WaitingRow.class)
public interface DiagnosticDao {
    String COLUMNS = """
            d.id, d.family_id, d.criteria_version, d.answers, d.need_laptop, d.need_dongle, d.need_headset,
            d.alternative_access, d.white_zone, d.no_connection, d.mobile_capped, d.low_fixed_speed, d.eligible,
            d.priority_hundredths, d.reasons, d.made_by,
            u.name AS made_by_name, d.made_at, d.expires, d.anonymised_at""";

    record DiagnosticRow(long id, long familyId, String criteriaVersion, String answers, boolean needLaptop,
                         boolean needDongle, boolean needHeadset, boolean alternativeAccess, boolean whiteZone,
                         boolean noConnection, boolean mobileCapped, boolean lowFixedSpeed,
                         boolean eligible, int priorityHundredths, String reasons, long madeBy, String madeByName,
                         Instant madeAt, LocalDate expires, Instant anonymisedAt) {
    }

    /** A household waiting for a loan: its place in the queue, and what it needs. */
    record WaitingRow(long familyId, String guardianName, long diagnosticId, int priorityHundredths,
                      boolean needLaptop, boolean needDongle, boolean needHeadset, Instant requestedAt,
                      LocalDate expires) {
    }

    /** What a diagnostic records, in the row's terms; the household facts are those the fragility report counts. */
    record NewRow(long familyId, String criteriaVersion, String answers, boolean needLaptop, boolean needDongle,
                  boolean needHeadset, boolean alternativeAccess, boolean whiteZone, boolean noConnection,
                  boolean mobileCapped, boolean lowFixedSpeed, boolean eligible, int priorityHundredths,
                  String reasons, long madeBy, Instant madeAt, LocalDate expires, boolean smartphoneOnly,
                  boolean sharedDevice, boolean parentsWithoutAutonomy, boolean otherLanguage,
                  boolean adaptedEquipment) {
    }

    @SqlQuery("""
            INSERT INTO diagnostics (family_id, criteria_version, answers, need_laptop, need_dongle, need_headset,
                                     alternative_access, white_zone, no_connection, mobile_capped, low_fixed_speed,
                                     eligible, priority_hundredths, reasons, made_by, made_at, expires,
                                     smartphone_only, shared_device, parents_without_autonomy, other_language,
                                     adapted_equipment)
            VALUES (:familyId, :criteriaVersion, :answers, :needLaptop, :needDongle, :needHeadset,
                    :alternativeAccess, :whiteZone, :noConnection, :mobileCapped, :lowFixedSpeed,
                    :eligible, :priorityHundredths, :reasons, :madeBy, :madeAt, :expires,
                    :smartphoneOnly, :sharedDevice, :parentsWithoutAutonomy, :otherLanguage, :adaptedEquipment)
            RETURNING id""")
    long insert(@BindMethods NewRow row);

    @SqlQuery("SELECT " + COLUMNS + " FROM diagnostics d JOIN users u ON u.id = d.made_by WHERE d.id = :id")
    Optional<DiagnosticRow> find(@Bind("id") long id);

    @SqlQuery("SELECT " + COLUMNS + """
             FROM diagnostics d JOIN users u ON u.id = d.made_by
            WHERE d.family_id = :familyId AND d.id > :after
            ORDER BY d.id
            LIMIT :limit""")
    List<DiagnosticRow> ofFamily(@Bind("familyId") long familyId, @Bind("after") long after, @Bind("limit") int limit);

    /** The family's latest diagnostic, expired or not. */
    @SqlQuery("SELECT " + COLUMNS + """
             FROM diagnostics d JOIN users u ON u.id = d.made_by
            WHERE d.family_id = :familyId
            ORDER BY d.id DESC
            LIMIT 1""")
    Optional<DiagnosticRow> latest(@Bind("familyId") long familyId);

    /**
     * Eligible households without an active agreement, by their latest diagnostic still valid on
     * {@code :today}, among those the condition that follows keeps; {@link #WAITING_ORDER} ends it.
     */
    String WAITING = """
            SELECT f.id AS family_id, f.guardian_name, d.id AS diagnostic_id, d.priority_hundredths,
                   d.need_laptop, d.need_dongle, d.need_headset,
                   (SELECT MIN(d3.made_at) FROM diagnostics d3 WHERE d3.family_id = f.id) AS requested_at, d.expires
              FROM families f
              JOIN diagnostics d ON d.id = (SELECT MAX(d2.id) FROM diagnostics d2 WHERE d2.family_id = f.id)
             WHERE d.eligible AND d.expires >= :today AND f.anonymised_at IS NULL
               AND NOT EXISTS (SELECT 1 FROM agreements a WHERE a.family_id = f.id AND a.status = 'ACTIVE')
               AND """;
    /**
     * Highest priority first, then the earlier request (the family's first diagnostic: a new one after a
     * change of circumstances keeps its place).
     */
    String WAITING_ORDER = """

             ORDER BY d.priority_hundredths DESC, requested_at, f.id
             LIMIT :limit OFFSET :offset""";

    /** The waiting list of an establishment: households with a pupil there. */
    @SqlQuery(WAITING + " EXISTS (SELECT 1 FROM pupils p WHERE p.family_id = f.id AND p.uai = :uai)" + WAITING_ORDER)
    List<WaitingRow> waitingList(@Bind("uai") Uai uai, @Bind("today") LocalDate today, @Bind("limit") int limit,
                                 @Bind("offset") long offset);

    /** The waiting list of a territory: households living there (all of them without a territory). */
    @SqlQuery(WAITING + " " + CommuneDao.FAMILY_IN_TERRITORY + WAITING_ORDER)
    List<WaitingRow> territoryWaitingList(@Bind("territoryKind") String territoryKind,
                                          @Bind("territoryCode") String territoryCode, @Bind("today") LocalDate today,
                                          @Bind("limit") int limit, @Bind("offset") long offset);

    @SqlBatch("""
            INSERT INTO commune_coverage (insee, mobile4g, imported_at) VALUES (:insee, :mobile4g, :now)
            ON CONFLICT (insee) DO UPDATE SET mobile4g = excluded.mobile4g, imported_at = excluded.imported_at""")
    void saveCoverage(@BindMethods Collection<CommuneCoverage> rows, @Bind("now") Instant now);

    @SqlQuery("SELECT mobile4g FROM commune_coverage WHERE insee = :insee")
    Optional<String> coverageOf(@Bind("insee") String insee);

    /** A commune's best 4G level, as the regulator's maps give it. */
    record CommuneCoverage(String insee, String mobile4g) {
    }
}
