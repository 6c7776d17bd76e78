package fr.ecole.lending.pages;

import fr.ecole.lending.auth.Role;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.calendar.SchoolCalendar;
import fr.ecole.lending.diagnostics.Decision;
import fr.ecole.lending.diagnostics.DiagnosticService;
import fr.ecole.lending.diagnostics.DiagnosticView;
import fr.ecole.lending.families.Family;
import fr.ecole.lending.families.FamilyService;
import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.http.PageRequest;
import fr.ecole.lending.referrals.NewReferral;
import fr.ecole.lending.referrals.Referral;
import fr.ecole.lending.referrals.ReferralChange;
import fr.ecole.lending.referrals.ReferralKind;
import fr.ecole.lending.referrals.ReferralService;
import fr.ecole.lending.referrals.ReferralStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The page of a family's referrals, for its desks, the social workers of its territory and the
 * administrator: it calls the services the API calls, so who may see and change what is decided there.
 */
final class Referrals {
    /** The API's fields, as the form names them. */
    private static final Map<String, String> FIELDS = Map.of("kind", "type", "to", "vers", "note", "remarque");

    private final FamilyService families;
    private final DiagnosticService diagnostics;
    private final ReferralService referrals;

    Referrals(FamilyService families, DiagnosticService diagnostics, ReferralService referrals) {
        this.families = families;
        this.diagnostics = diagnostics;
        this.referrals = referrals;
    }

    /** The outcome of a referral proposed from the form: its number, or the refusal with the form as typed. */
    record Proposal(Long id, ReferralsView view) {
    }

    ReferralsView view(BrowserSession.SignedIn signedIn, Long familyId, ReferralsView.Typed typed,
                       DeskView.Outcome outcome, String errorField) {
        User user = signedIn.user();
        String[] back = user.role() == Role.SOCIAL_WORKER ? new String[] {"/social", "Retour aux familles et à l'éligibilité"}
                : new String[] {"/poste", "Retour au poste de prêt"};
        if (familyId == null) {
            return new ReferralsView(signedIn, null, null, back[0], back[1], false, List.of(), kinds(""), typed,
                    outcome == null ? DeskView.Outcome.error("Choisissez d'abord la famille, au poste de prêt ou dans "
                            + "« Familles et éligibilité ».") : outcome, null);
        }
        Family family;
        try {
            family = families.get(user, familyId);
        } catch (ApiException unknown) {
            // a family out of reach is not found, exactly as a number no family has
            return new ReferralsView(signedIn, null, null, back[0], back[1], false, List.of(), kinds(""), typed,
                    DeskView.Outcome.error(unknown.getMessage()), null);
        }
        List<ReferralsView.Line> lines = referrals.ofFamily(user, familyId, new PageRequest(PageRequest.MAX_LIMIT, 0))
                .items().stream().map(Referrals::line).toList();
        return new ReferralsView(signedIn, familyId, DeskWords.guardian(family), back[0], back[1],
                alternativeAccess(user, familyId), lines, kinds(typed.kind()), typed, outcome, errorField);
    }

    /** A referral proposed from the form's words; refused, nothing is stored and the form keeps what was typed. */
    Proposal propose(BrowserSession.SignedIn signedIn, long familyId, ReferralsView.Typed typed) {
        ReferralKind kind = null;
        for (ReferralKind candidate : ReferralKind.values()) {
            if (candidate.name().equals(typed.kind())) {
                kind = candidate;
            }
        }
        if (kind == null) {
            return new Proposal(null, view(signedIn, familyId, typed, DeskView.Outcome.error(
                    "Orientation non enregistrée : choisissez le type d'aide dans la liste."), "type"));
        }
        try {
            return new Proposal(referrals.propose(signedIn.user(), familyId, new NewReferral(kind, typed.to(),
                    typed.note())).id(), null);
        } catch (ApiException refused) {
            return new Proposal(null, view(signedIn, familyId, typed, DeskView.Outcome.error(
                    "Orientation non enregistrée : " + refused.getMessage()), FIELDS.get(refused.field())));
        }
    }

    /** A referral moved to {@code status}; the page says what happened, or why not. */
    ReferralsView follow(BrowserSession.SignedIn signedIn, long familyId, long referralId, String status) {
        ReferralStatus next = null;
        for (ReferralStatus candidate : ReferralStatus.values()) {
            if (candidate.name().equals(status)) {
                next = candidate;
            }
        }
        DeskView.Outcome outcome;
        try {
            if (next == null) {
                throw ApiException.invalid("invalid_value", "status", "choisissez Acceptée, Réalisée ou Refusée.");
            }
            Referral moved = referrals.change(signedIn.user(), referralId, new ReferralChange(next, null));
            outcome = DeskView.Outcome.success("Orientation n° " + moved.id() + " (" + moved.kind().label() + ") : "
                    + moved.status().label().toLowerCase(Locale.FRENCH) + ".");
        } catch (ApiException refused) {
            outcome = DeskView.Outcome.error("Orientation non modifiée : " + refused.getMessage());
        }
        return view(signedIn, familyId, ReferralsView.Typed.EMPTY, outcome, null);
    }

    /** The message after a referral was proposed and the page asked for again. */
    static DeskView.Outcome proposed(ReferralsView view, long id) {
        return view.getReferrals().stream().filter(line -> line.id() == id).findFirst()
                .map(line -> DeskView.Outcome.success("Orientation n° " + id + " enregistrée : " + line.kind()
                        + (line.to() == null ? "" : ", vers " + line.to()) + ". Suivez-la ici quand la famille répond."))
                .orElse(null);
    }

    private boolean alternativeAccess(User user, long familyId) {
        List<DiagnosticView> history = diagnostics.history(user, familyId, new PageRequest(PageRequest.MAX_LIMIT, 0)).items();
        return !history.isEmpty() && history.get(history.size() - 1).needs() != null
                && history.get(history.size() - 1).needs().contains(Decision.Need.ALTERNATIVE_ACCESS);
    }

    private static List<ReferralsView.Choice> kinds(String chosen) {
        List<ReferralsView.Choice> kinds = new ArrayList<>();
        for (ReferralKind kind : ReferralKind.values()) {
            kinds.add(new ReferralsView.Choice(kind.name(), kind.label(), kind.name().equals(chosen)));
        }
        return kinds;
    }

    private static ReferralsView.Line line(Referral referral) {
        StringBuilder dates = new StringBuilder("proposée le " + day(referral.proposedAt()) + " par " + referral.proposedBy());
        if (referral.acceptedAt() != null) {
            dates.append(", acceptée le ").append(day(referral.acceptedAt()));
        }
        if (referral.doneAt() != null) {
            dates.append(", réalisée le ").append(day(referral.doneAt()));
        }
        if (referral.declinedAt() != null) {
            dates.append(", refusée le ").append(day(referral.declinedAt()));
        }
        List<ReferralsView.Step> steps = new ArrayList<>();
        for (ReferralStatus next : ReferralStatus.values()) {
            if (referral.status().mayBecome(next)) {
                steps.add(new ReferralsView.Step(next.name(), "Marquer " + next.label().toLowerCase(Locale.FRENCH)
                        + " l'orientation n° " + referral.id()));
            }
        }
        return new ReferralsView.Line(referral.id(), referral.kind().label(), referral.to(), referral.note(),
                referral.status().label(), dates.toString(), steps);
    }

    private static String day(Instant at) {
        return DeskScans.DATE.format(at.atZone(SchoolCalendar.ZONE));
    }
}
