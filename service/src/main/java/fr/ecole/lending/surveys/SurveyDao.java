package fr.ecole.lending.surveys;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Survey campaigns, their codes, their anonymous answers and the families' requests to be called back. */
@RegisterConstructorMapper(SurveyDao.SurveyRow.class)
@RegisterConstructorMapper(SurveyDao.CodeRow.class)
@RegisterConstructorMapper(SurveyDao.ContactRow.class)
public interface SurveyDao {
    /** A campaign with its answers so far and the pupil count of its establishment for its year, if known. */
    record SurveyRow(long id, String uai, int schoolYear, String criteriaVersion, int codes, long answers,
                     Long pupils, Instant createdAt) {
    }

    String SURVEY = """
            SELECT s.id, s.uai, s.school_year, s.criteria_version, s.codes, s.created_at,
                   (SELECT COUNT(*) FROM survey_answers a WHERE a.survey_id = s.id) AS answers,
                   (SELECT n.pupils FROM enrolments n WHERE n.uai = s.uai AND n.school_year <= s.school_year
                     ORDER BY n.school_year DESC LIMIT 1) AS pupils
              FROM surveys s""";

    @SqlQuery("""
            INSERT INTO surveys (uai, school_year, criteria_version, codes, created_by, created_at)
            VALUES (:uai, :schoolYear, :criteriaVersion, :codes, :createdBy, :createdAt)
            RETURNING id""")
    long insert(@Bind("uai") String uai, @Bind("schoolYear") int schoolYear,
                @Bind("criteriaVersion") String criteriaVersion, @Bind("codes") int codes,
                @Bind("createdBy") long createdBy, @Bind("createdAt") Instant createdAt);

    @SqlQuery(SURVEY + " WHERE s.id = :id")
    Optional<SurveyRow> find(@Bind("id") long id);

    @SqlQuery(SURVEY + " WHERE s.uai = :uai AND s.id > :after ORDER BY s.id LIMIT :limit")
    List<SurveyRow> ofEstablishment(@Bind("uai") String uai, @Bind("after") long after, @Bind("limit") int limit);

    /** The latest pupil count of the establishment up to {@code schoolYear}: the reports' rule. */
    @SqlQuery("""
            SELECT pupils FROM enrolments WHERE uai = :uai AND school_year <= :schoolYear
             ORDER BY school_year DESC LIMIT 1""")
    Optional<Integer> pupils(@Bind("uai") String uai, @Bind("schoolYear") int schoolYear);

    /** New codes; one already drawn (for any campaign) is skipped, and drawn again by the caller. */
    @SqlBatch("INSERT INTO survey_codes (survey_id, code, spent) VALUES (:surveyId, :code, FALSE) ON CONFLICT (code) DO NOTHING")
    int[] insertCodes(@Bind("surveyId") long surveyId, @Bind("code") List<String> codes);

    /** A campaign's codes, in the order they were drawn (itself random). */
    @SqlQuery("SELECT code FROM survey_codes WHERE survey_id = :surveyId ORDER BY code")
    List<String> codes(@Bind("surveyId") long surveyId);

    /** A code, its campaign, the school year the campaign is for and the campaign's establishment. */
    record CodeRow(long surveyId, String code, boolean spent, int schoolYear, String uai) {
    }

    @SqlQuery("""
            SELECT c.survey_id, c.code, c.spent, s.school_year, s.uai
              FROM survey_codes c JOIN surveys s ON s.id = c.survey_id WHERE c.code = :code""")
    Optional<CodeRow> code(@Bind("code") String code);

    @SqlQuery("""
            SELECT c.survey_id, c.code, c.spent, s.school_year, s.uai
              FROM survey_codes c JOIN surveys s ON s.id = c.survey_id WHERE c.code IN (<codes>)""")
    List<CodeRow> codes(@BindList("codes") List<String> codes);

    /** Spends the code: 1 when it was unspent, 0 when another answer spent it first. */
    @SqlUpdate("UPDATE survey_codes SET spent = TRUE WHERE code = :code AND spent = FALSE")
    int spend(@Bind("code") String code);

    /** What an answer stores: no code, no time, no contact. */
    record NewAnswer(long id, long surveyId, boolean noDevice, boolean smartphoneOnly, boolean sharedDevice,
                     boolean noConnection, boolean mobileCapped, boolean whiteZone, String answers) {
    }

    @SqlUpdate("""
            INSERT INTO survey_answers (id, survey_id, no_device, smartphone_only, shared_device, no_connection,
                                        mobile_capped, white_zone, answers)
            VALUES (:id, :surveyId, :noDevice, :smartphoneOnly, :sharedDevice, :noConnection, :mobileCapped,
                    :whiteZone, :answers)""")
    void insertAnswer(@BindMethods NewAnswer answer);

    @SqlQuery("SELECT mobile4g FROM commune_coverage c JOIN establishments e ON e.commune_insee = c.insee WHERE e.uai = :uai")
    Optional<String> coverageOf(@Bind("uai") String uai);

    @SqlUpdate("""
            INSERT INTO survey_contact_requests (survey_id, name, phone, created_on)
            VALUES (:surveyId, :name, :phone, :createdOn)""")
    void insertContact(@Bind("surveyId") long surveyId, @Bind("name") String name, @Bind("phone") String phone,
                       @Bind("createdOn") LocalDate createdOn);

    /** A request to be called back, with the campaign's establishment. */
    record ContactRow(long id, long surveyId, String uai, String name, String phone, LocalDate createdOn,
                      Instant handledAt) {
    }

    String CONTACT = """
            SELECT c.id, c.survey_id, s.uai, c.name, c.phone, c.created_on, c.handled_at
              FROM survey_contact_requests c JOIN surveys s ON s.id = c.survey_id""";

    @SqlQuery(CONTACT + " WHERE c.id = :id")
    Optional<ContactRow> contact(@Bind("id") long id);

    @SqlQuery(CONTACT + " WHERE s.uai = :uai AND c.id > :after ORDER BY c.id LIMIT :limit")
    List<ContactRow> contactsOf(@Bind("uai") String uai, @Bind("after") long after, @Bind("limit") int limit);

    @SqlUpdate("UPDATE survey_contact_requests SET handled_at = :at, handled_by = :by WHERE id = :id AND handled_at IS NULL")
    int handle(@Bind("id") long id, @Bind("at") Instant at, @Bind("by") long by);

    @SqlUpdate("DELETE FROM survey_contact_requests WHERE id = :id")
    int deleteContact(@Bind("id") long id);
}
