package fr.ecole.lending.agreements;

import fr.ecole.lending.geography.Uai;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Overdue agreements to follow up, and the reminders already made. */
@RegisterConstructorMapper(FollowUpDao.OverdueRow.class)
public interface FollowUpDao {
    /**
     * The loans whose device the family still has to bring back: not returned, not lost, and not handed
     * in at another school where it waits for this school's word.
     */
    String AWAITED = """
            WITH awaited AS (SELECT l.id, l.agreement_id, l.device_id FROM loans l
                              WHERE l.returned_at IS NULL AND l.lost_at IS NULL
                                AND NOT EXISTS (SELECT 1 FROM hand_ins h WHERE h.loan_id = l.id AND h.status = 'PENDING'))
            """;

    @SqlQuery(AWAITED + """
            SELECT d.asset_tag FROM awaited l JOIN devices d ON d.id = l.device_id
             WHERE l.agreement_id = :agreementId ORDER BY l.id""")
    List<String> awaitedDevices(@Bind("agreementId") long agreementId);

    /**
     * An overdue agreement with its household, for households not reminded since {@code remindedSince}.
     * A device the family handed in at another school, waiting for this school's word, is not asked for.
     */
    record OverdueRow(long familyId, String guardianName, String guardianPhone, String guardianEmail,
                      String preferredContact, long agreementId, String number, LocalDate dueDate) {
    }

    @SqlQuery(AWAITED + """
            SELECT f.id AS family_id, f.guardian_name, f.guardian_phone, f.guardian_email, f.preferred_contact,
                   a.id AS agreement_id, a.number, a.due_date
              FROM agreements a JOIN families f ON f.id = a.family_id
             WHERE a.uai = :uai AND a.status = 'ACTIVE' AND a.due_date < :today
               AND EXISTS (SELECT 1 FROM awaited l WHERE l.agreement_id = a.id)
               AND NOT EXISTS (SELECT 1 FROM reminders r WHERE r.family_id = f.id AND r.reminded_at > :remindedSince)
             ORDER BY f.id, a.due_date""")
    List<OverdueRow> overdue(@Bind("uai") Uai uai, @Bind("today") LocalDate today,
                             @Bind("remindedSince") Instant remindedSince);

    @SqlQuery(AWAITED + """
            SELECT COUNT(DISTINCT a.family_id) FROM agreements a
             WHERE a.uai = :uai AND a.status = 'ACTIVE' AND a.due_date < :today
               AND EXISTS (SELECT 1 FROM awaited l WHERE l.agreement_id = a.id)
               AND EXISTS (SELECT 1 FROM reminders r WHERE r.family_id = a.family_id AND r.reminded_at > :remindedSince)""")
    int recentlyReminded(@Bind("uai") Uai uai, @Bind("today") LocalDate today,
                         @Bind("remindedSince") Instant remindedSince);

    @SqlUpdate("""
            INSERT INTO reminders (family_id, uai, channel, reminded_by, reminded_at)
            VALUES (:familyId, :uai, :channel, :by, :at)""")
    void remind(@Bind("familyId") long familyId, @Bind("uai") Uai uai, @Bind("channel") String channel,
                @Bind("by") long by, @Bind("at") Instant at);
}
