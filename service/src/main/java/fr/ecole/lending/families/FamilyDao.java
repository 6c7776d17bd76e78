package fr.ecole.lending.families;

import fr.ecole.lending.geography.CommuneDao;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(FamilyDao.FamilyRow.class)
@RegisterConstructorMapper(FamilyDao.PupilRow.class)
public interface FamilyDao {
    String COLUMNS = """
            id, guardian_name, guardian_phone, guardian_email, preferred_contact, commune_insee,
            created_at, updated_at, anonymised_at""";

    record FamilyRow(long id, String guardianName, String guardianPhone, String guardianEmail,
                     PreferredContact preferredContact, String communeInsee, Instant createdAt, Instant updatedAt,
                     Instant anonymisedAt) {
    }

    record PupilRow(long familyId, int position, String firstName, String uai, String level) {
    }

    @SqlQuery("""
            INSERT INTO families (guardian_name, guardian_phone, guardian_email, preferred_contact, commune_insee,
                                  search_name, phone_digits, created_at, updated_at)
            VALUES (:name, :phone, :email, :preferredContact, :communeInsee, :searchName, :phoneDigits, :now, :now)
            RETURNING id""")
    long insert(@BindMethods Guardian guardian, @Bind("communeInsee") String communeInsee,
                @Bind("searchName") String searchName, @Bind("phoneDigits") String phoneDigits,
                @Bind("now") Instant now);

    @SqlUpdate("""
            UPDATE families
               SET guardian_name = :name, guardian_phone = :phone, guardian_email = :email,
                   preferred_contact = :preferredContact, commune_insee = :communeInsee,
                   search_name = :searchName, phone_digits = :phoneDigits, updated_at = :now
             WHERE id = :id""")
    void update(@Bind("id") long id, @BindMethods Guardian guardian, @Bind("communeInsee") String communeInsee,
                @Bind("searchName") String searchName, @Bind("phoneDigits") String phoneDigits,
                @Bind("now") Instant now);

    /**
     * PostgreSQL only: writes the family's row as it is, so that no one changes the family until the
     * transaction ends, and so that a serializable erasure or purge that read the family before this
     * commits fails and runs again, then sees the loan. A lock alone ({@code FOR SHARE}) would let it
     * write the family once the lock is gone, anonymising a family with devices out.
     */
    @SqlUpdate("UPDATE families SET anonymised_at = anonymised_at WHERE id = :id")
    int holdForLoan(@Bind("id") long id);

    @SqlQuery("SELECT " + COLUMNS + " FROM families WHERE id = :id")
    Optional<FamilyRow> find(@Bind("id") long id);

    /**
     * The desk's search: any part of the folded name, or any run of the phone's digits; within the
     * caller's reach: the families with a pupil in one of {@code schools} when {@code bySchool}, the
     * families living in the territory {@code territoryKind:territoryCode} when one is given.
     */
    @SqlQuery("SELECT " + COLUMNS + """
             FROM families f
            WHERE id > :after
              -- an anonymised family is no one to find any more
              AND anonymised_at IS NULL
              AND (CAST(:namePattern AS TEXT) IS NULL
                   OR search_name LIKE :namePattern ESCAPE '!'
                   OR phone_digits LIKE :phonePattern ESCAPE '!')
              AND (NOT :bySchool
                   OR EXISTS (SELECT 1 FROM pupils p WHERE p.family_id = f.id AND p.uai IN (<schools>)))
              AND """ + CommuneDao.FAMILY_IN_TERRITORY + """

            ORDER BY id
            LIMIT :limit""")
    List<FamilyRow> search(@Bind("namePattern") String namePattern, @Bind("phonePattern") String phonePattern,
                           @Bind("bySchool") boolean bySchool, @BindList("schools") Collection<String> schools,
                           @Bind("territoryKind") String territoryKind, @Bind("territoryCode") String territoryCode,
                           @Bind("after") long after, @Bind("limit") int limit);

    @SqlBatch("""
            INSERT INTO pupils (family_id, position, first_name, uai, level)
            VALUES (:familyId, :position, :firstName, :uai, :level)""")
    void insertPupils(@BindMethods List<PupilRow> pupils);

    @SqlQuery("SELECT family_id, position, first_name, uai, level FROM pupils WHERE uai = :uai ORDER BY family_id, position")
    List<PupilRow> pupilsAt(@Bind("uai") String uai);

    @SqlUpdate("UPDATE pupils SET level = :level, uai = :uai WHERE family_id = :familyId AND position = :position")
    void movePupil(@Bind("familyId") long familyId, @Bind("position") int position, @Bind("level") String level,
                   @Bind("uai") String uai);

    /** The school's active agreements whose family has no pupil enrolled there any more. */
    @SqlQuery("""
            SELECT COUNT(*) FROM agreements a
             WHERE a.uai = :uai AND a.status = 'ACTIVE'
               AND NOT EXISTS (SELECT 1 FROM pupils p WHERE p.family_id = a.family_id AND p.uai = :uai)""")
    int agreementsLeftBehind(@Bind("uai") String uai);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM promotions WHERE uai = :uai AND school_year = :year)")
    boolean promoted(@Bind("uai") String uai, @Bind("year") int schoolYear);

    @SqlUpdate("INSERT INTO promotions (uai, school_year, promoted_by, promoted_at) VALUES (:uai, :year, :by, :at)")
    void recordPromotion(@Bind("uai") String uai, @Bind("year") int schoolYear, @Bind("by") long by,
                         @Bind("at") java.time.Instant at);

    @SqlUpdate("DELETE FROM pupils WHERE family_id = :familyId")
    void deletePupils(@Bind("familyId") long familyId);

    /** The schools of one family's pupils: asked at every check-out, so without a list to expand. */
    @SqlQuery("SELECT uai FROM pupils WHERE family_id = :familyId ORDER BY position")
    List<String> schoolsOf(@Bind("familyId") long familyId);

    @SqlQuery("""
            SELECT family_id, position, first_name, uai, level FROM pupils
             WHERE family_id IN (<familyIds>)
             ORDER BY family_id, position""")
    List<PupilRow> pupilsOf(@BindList("familyIds") Collection<Long> familyIds);
}
