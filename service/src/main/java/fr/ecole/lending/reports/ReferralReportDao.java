package fr.ecole.lending.reports;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The households referred to help beyond devices, in the groups every household report is made of. */
public interface ReferralReportDao {
    /** A referral's status on {@code :until}, from its dates: a period's report shows it as it stood then. */
    String STATUS_THEN = "(CASE WHEN r.declined_at < :until THEN 'DECLINED' WHEN r.done_at < :until THEN 'DONE'"
            + " WHEN r.accepted_at < :until THEN 'ACCEPTED' ELSE 'PROPOSED' END)";

    /** Whether the household has a referral in each status on {@code :until}, as 0 or 1. */
    String STATUS_FLAGS = "MAX(CASE WHEN " + STATUS_THEN + " = 'PROPOSED' THEN 1 ELSE 0 END) AS proposed, "
            + "MAX(CASE WHEN " + STATUS_THEN + " = 'ACCEPTED' THEN 1 ELSE 0 END) AS accepted, "
            + "MAX(CASE WHEN " + STATUS_THEN + " = 'DONE' THEN 1 ELSE 0 END) AS done, "
            + "MAX(CASE WHEN " + STATUS_THEN + " = 'DECLINED' THEN 1 ELSE 0 END) AS declined";

    /**
     * Households of one commune whose pupils attend the same schools, with a referral proposed by
     * {@code :until}: each counted once per kind and per status it has a referral of (a household sent to
     * a tariff and to a mediator counts in both), with the family's key, as {@link ReportDao#households}.
     */
    @SqlQuery("""
            SELECT h.commune, h.schools, SUM(h.record_key) AS population,
                   COUNT(*) AS referred, SUM(h.record_key) AS referred_key,
                   SUM(h.social_tariff) AS social_tariff, SUM(h.social_tariff * h.record_key) AS social_tariff_key,
                   SUM(h.mediation) AS mediation, SUM(h.mediation * h.record_key) AS mediation_key,
                   SUM(h.public_access) AS public_access, SUM(h.public_access * h.record_key) AS public_access_key,
                   SUM(h.printed_work) AS printed_work, SUM(h.printed_work * h.record_key) AS printed_work_key,
                   SUM(h.educational_programme) AS educational_programme,
                   SUM(h.educational_programme * h.record_key) AS educational_programme_key,
                   SUM(h.association) AS association, SUM(h.association * h.record_key) AS association_key,
                   SUM(h.other) AS other, SUM(h.other * h.record_key) AS other_key,
                   SUM(h.proposed) AS proposed, SUM(h.proposed * h.record_key) AS proposed_key,
                   SUM(h.accepted) AS accepted, SUM(h.accepted * h.record_key) AS accepted_key,
                   SUM(h.done) AS done, SUM(h.done * h.record_key) AS done_key,
                   SUM(h.declined) AS declined, SUM(h.declined * h.record_key) AS declined_key
              FROM (SELECT f.id, f.commune_insee AS commune, f.record_key,
                           (SELECT string_agg(s.uai, ' ' ORDER BY s.uai)
                              FROM (SELECT DISTINCT p.uai FROM pupils p WHERE p.family_id = f.id) s) AS schools,
                           MAX(CASE WHEN r.kind = 'SOCIAL_TARIFF' THEN 1 ELSE 0 END) AS social_tariff,
                           MAX(CASE WHEN r.kind = 'MEDIATION' THEN 1 ELSE 0 END) AS mediation,
                           MAX(CASE WHEN r.kind = 'PUBLIC_ACCESS' THEN 1 ELSE 0 END) AS public_access,
                           MAX(CASE WHEN r.kind = 'PRINTED_WORK' THEN 1 ELSE 0 END) AS printed_work,
                           MAX(CASE WHEN r.kind = 'EDUCATIONAL_PROGRAMME' THEN 1 ELSE 0 END) AS educational_programme,
                           MAX(CASE WHEN r.kind = 'ASSOCIATION' THEN 1 ELSE 0 END) AS association,
                           MAX(CASE WHEN r.kind = 'OTHER' THEN 1 ELSE 0 END) AS other,
            """ + STATUS_FLAGS + """

                      FROM families f JOIN referrals r ON r.family_id = f.id AND r.proposed_at < :until
                     WHERE <familiesIn>
                     GROUP BY f.id, f.commune_insee, f.record_key) h
             GROUP BY h.commune, h.schools""")
    @RegisterRowMapper(ReportDao.CountsMapper.class)
    List<ReportDao.Counts> households(@Define("familiesIn") String familiesIn, @Bind("code") String code,
                                      @Bind("low") String low, @Bind("high") String high, @Bind("until") Instant until);
}
