package fr.ecole.lending.referrals;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(ReferralDao.ReferralRow.class)
public interface ReferralDao {
    String COLUMNS = """
            r.id, r.family_id, r.kind, r.destination, r.note, r.status, r.proposed_at, p.name AS proposed_by,
            r.accepted_at, r.done_at, r.declined_at, r.updated_at, u.name AS updated_by, r.anonymised_at
              FROM referrals r JOIN users p ON p.id = r.proposed_by LEFT JOIN users u ON u.id = r.updated_by""";

    record ReferralRow(long id, long familyId, ReferralKind kind, String destination, String note,
                       ReferralStatus status, Instant proposedAt, String proposedBy, Instant acceptedAt,
                       Instant doneAt, Instant declinedAt, Instant updatedAt, String updatedBy, Instant anonymisedAt) {
        Referral view() {
            return new Referral(id, familyId, kind, destination, note, status, proposedAt, proposedBy, acceptedAt,
                    doneAt, declinedAt, updatedAt, updatedBy, anonymisedAt);
        }
    }

    record NewRow(long familyId, ReferralKind kind, String destination, String note, long proposedBy,
                  Instant proposedAt) {
    }

    @SqlQuery("""
            INSERT INTO referrals (family_id, kind, destination, note, status, proposed_by, proposed_at, updated_at)
            VALUES (:familyId, :kind, :destination, :note, 'PROPOSED', :proposedBy, :proposedAt, :proposedAt)
            RETURNING id""")
    long insert(@BindMethods NewRow row);

    @SqlQuery("SELECT " + COLUMNS + " WHERE r.id = :id")
    Optional<ReferralRow> find(@Bind("id") long id);

    @SqlQuery("SELECT " + COLUMNS + " WHERE r.family_id = :familyId AND r.id > :after ORDER BY r.id LIMIT :limit")
    List<ReferralRow> ofFamily(@Bind("familyId") long familyId, @Bind("after") long after, @Bind("limit") int limit);

    /**
     * The status moves and its date is set (accepting sets {@code accepted_at}; done sets {@code done_at}
     * and, when the family went straight there, {@code accepted_at} too), never moved again by a note
     * added later; only from {@code :from}, so that two desks changing it at once cannot both succeed.
     */
    @SqlUpdate("""
            UPDATE referrals
               SET status = :to,
                   accepted_at = CASE WHEN :to IN ('ACCEPTED', 'DONE') THEN COALESCE(accepted_at, :now)
                                      ELSE accepted_at END,
                   done_at = CASE WHEN :to = 'DONE' THEN COALESCE(done_at, :now) ELSE done_at END,
                   declined_at = CASE WHEN :to = 'DECLINED' THEN COALESCE(declined_at, :now) ELSE declined_at END,
                   note = CASE WHEN :noteGiven THEN :note ELSE note END,
                   updated_by = :actor, updated_at = :now
             WHERE id = :id AND status = :from""")
    int move(@Bind("id") long id, @Bind("from") ReferralStatus from, @Bind("to") ReferralStatus to,
             @Bind("noteGiven") boolean noteGiven, @Bind("note") String note, @Bind("actor") long actor,
             @Bind("now") Instant now);
}
