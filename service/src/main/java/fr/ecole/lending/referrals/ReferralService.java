package fr.ecole.lending.referrals;

import fr.ecole.lending.audit.Audit;
import fr.ecole.lending.auth.Scope;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.db.Daos;
import fr.ecole.lending.db.Database;
import fr.ecole.lending.families.FamilyService;
import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.http.Check;
import fr.ecole.lending.http.Page;
import fr.ecole.lending.http.PageRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Help beyond devices: a desk or a social worker sends a family to a social tariff, a mediator, a
 * public access point, printed work, the city's programme or an association, and follows what came
 * of it. Whoever may see the family may record and follow its referrals.
 */
public class ReferralService {
    private static final int MAX_DESTINATION = 200;

    private final Database database;
    private final FamilyService families;
    private final Audit audit;
    private final Clock clock;

    public ReferralService(Database database, FamilyService families, Audit audit, Clock clock) {
        this.database = database;
        this.families = families;
        this.audit = audit;
        this.clock = clock;
    }

    /** A referral proposed to the family now. */
    public Referral propose(User actor, long familyId, NewReferral request) {
        Check.body(request);
        ReferralKind kind = Check.present(request.kind(), "kind");
        String destination = ReferralNote.check(request.to(), "to", MAX_DESTINATION);
        String note = ReferralNote.check(request.note(), "note");
        Instant now = clock.instant();
        return database.write(handle -> {
            FamilyService.findToChange(handle, Scope.of(actor), familyId, "id");
            ReferralDao referrals = Daos.on(handle, ReferralDao.class);
            long id = referrals.insert(new ReferralDao.NewRow(familyId, kind, destination, note, actor.id(), now));
            // the kind only: where to and the note may name someone, and the log outlives an erasure
            audit.record(handle, actor, "CREATE", Audit.Entity.REFERRAL, id, Map.of("familyId", familyId,
                    "kind", kind.name()));
            return referrals.find(id).orElseThrow().view();
        });
    }

    /** The family's referrals, oldest first. */
    public Page<Referral> ofFamily(User actor, long familyId, PageRequest page) {
        Page<Referral> referrals = database.read(handle -> {
            FamilyService.find(handle, Scope.of(actor), familyId, "id");
            return Page.of(allOf(handle, familyId, page), page, Referral::key);
        });
        families.auditReading(actor, List.of(familyId), "referrals");
        return referrals;
    }

    /** Every referral of the family, oldest first, inside another transaction (the family's export). */
    public static List<Referral> allOf(Handle handle, long familyId) {
        return allOf(handle, familyId, new PageRequest(Integer.MAX_VALUE - 1, 0));
    }

    private static List<Referral> allOf(Handle handle, long familyId, PageRequest page) {
        return Daos.on(handle, ReferralDao.class).ofFamily(familyId, page.after(), page.fetch()).stream()
                .map(ReferralDao.ReferralRow::view).toList();
    }

    /**
     * The referral moves to {@code change.status()} (the same status again changes nothing, so a second
     * click is harmless); a done or declined referral is closed (409), a family erased takes no change.
     */
    public Referral change(User actor, long referralId, ReferralChange change) {
        Check.body(change);
        ReferralStatus next = Check.present(change.status(), "status");
        if (next == ReferralStatus.PROPOSED) {
            throw ApiException.invalid("invalid_value", "status", "Une orientation ne revient pas à « proposée » : "
                    + "choisissez ACCEPTED, DONE ou DECLINED.");
        }
        String note = ReferralNote.check(change.note(), "note");
        Instant now = clock.instant();
        return database.write(handle -> {
            ReferralDao referrals = Daos.on(handle, ReferralDao.class);
            ReferralDao.ReferralRow row = referrals.find(referralId).orElseThrow(() -> unknown(referralId));
            try {
                FamilyService.findToChange(handle, Scope.of(actor), row.familyId(), "id");
            } catch (ApiException refused) {
                // a family out of reach: its referral is not found, exactly as one no family has
                throw "unknown_family".equals(refused.code()) ? unknown(referralId) : refused;
            }
            if (row.status() == next && note == null) {
                return row.view();
            }
            if (row.status() != next && !row.status().mayBecome(next)) {
                throw ApiException.conflict("referral_closed", "status", "Cette orientation est déjà « "
                        + row.status().label().toLowerCase() + " » : enregistrez une nouvelle orientation si la "
                        + "famille en a besoin.");
            }
            if (referrals.move(referralId, row.status(), next, note != null, note, actor.id(), now) != 1) {
                throw ApiException.busy("L'orientation vient d'être modifiée par quelqu'un d'autre : rechargez-la.");
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("familyId", row.familyId());
            detail.put("from", row.status().name());
            detail.put("to", next.name());
            audit.record(handle, actor, "UPDATE", Audit.Entity.REFERRAL, referralId, detail);
            return referrals.find(referralId).orElseThrow().view();
        });
    }

    private static ApiException unknown(long id) {
        return ApiException.notFound("unknown_referral", "id", "Aucune orientation n'a le numéro " + id + ".");
    }
}
