package fr.ecole.lending.reports;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * What the survey report rests on: the campaigns of a school year per establishment of the territory
 * (codes handed out, pupils enrolled), and their anonymous answers per establishment, each count with
 * the sum of its record keys ({@link ReportDao} explains them). {@code <establishmentsIn>} is one of
 * {@link ReportDao#establishmentsIn}'s fixed fragments.
 */
public interface SurveyReportDao {
    /** An establishment with a campaign that year: its commune, the codes handed out, its latest pupil count by then. */
    record Campaigns(String uai, String communeInsee, long codes, Long pupils) {
    }

    @SqlQuery("""
            SELECT e.uai, e.commune_insee, SUM(s.codes) AS codes,
                   (SELECT n.pupils FROM enrolments n WHERE n.uai = e.uai AND n.school_year <= :schoolYear
                     ORDER BY n.school_year DESC LIMIT 1) AS pupils
              FROM establishments e
              JOIN surveys s ON s.uai = e.uai AND s.school_year = :schoolYear
             WHERE <establishmentsIn>
             GROUP BY e.uai, e.commune_insee""")
    @RegisterConstructorMapper(Campaigns.class)
    List<Campaigns> campaigns(@Define("establishmentsIn") String establishmentsIn, @Bind("code") String code,
                              @Bind("schoolYear") int schoolYear);

    /** The answers of one establishment's campaigns that year: the finest group the report shows. */
    @SqlQuery("""
            SELECT s.uai, SUM(a.record_key) AS population,
                   COUNT(*) AS answers, SUM(a.record_key) AS answers_key,
                   SUM(CASE WHEN a.no_device THEN 1 ELSE 0 END) AS no_device,
                   SUM(CASE WHEN a.no_device THEN a.record_key ELSE 0 END) AS no_device_key,
                   SUM(CASE WHEN a.smartphone_only THEN 1 ELSE 0 END) AS smartphone_only,
                   SUM(CASE WHEN a.smartphone_only THEN a.record_key ELSE 0 END) AS smartphone_only_key,
                   SUM(CASE WHEN a.shared_device THEN 1 ELSE 0 END) AS shared_device,
                   SUM(CASE WHEN a.shared_device THEN a.record_key ELSE 0 END) AS shared_device_key,
                   SUM(CASE WHEN a.no_connection THEN 1 ELSE 0 END) AS no_connection,
                   SUM(CASE WHEN a.no_connection THEN a.record_key ELSE 0 END) AS no_connection_key,
                   SUM(CASE WHEN a.mobile_capped THEN 1 ELSE 0 END) AS mobile_capped,
                   SUM(CASE WHEN a.mobile_capped THEN a.record_key ELSE 0 END) AS mobile_capped_key,
                   SUM(CASE WHEN a.white_zone THEN 1 ELSE 0 END) AS white_zone,
                   SUM(CASE WHEN a.white_zone THEN a.record_key ELSE 0 END) AS white_zone_key
              FROM establishments e
              JOIN surveys s ON s.uai = e.uai AND s.school_year = :schoolYear
              JOIN survey_answers a ON a.survey_id = s.id
             WHERE <establishmentsIn>
             GROUP BY s.uai""")
    @RegisterRowMapper(ReportDao.CountsMapper.class)
    List<ReportDao.Counts> answers(@Define("establishmentsIn") String establishmentsIn, @Bind("code") String code,
                                   @Bind("schoolYear") int schoolYear);
}
