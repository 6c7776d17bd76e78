package fr.ecole.lending.pages;

import fr.ecole.lending.agreements.Agreement;
import fr.ecole.lending.agreements.AgreementStatus;
import fr.ecole.lending.agreements.HandoverService;
import fr.ecole.lending.agreements.LendingService;
import fr.ecole.lending.agreements.NewHandover;
import fr.ecole.lending.auth.Scope;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.devices.Device;
import fr.ecole.lending.establishments.EstablishmentService;
import fr.ecole.lending.families.FamilyService;
import fr.ecole.lending.families.Pupil;
import fr.ecole.lending.geography.Uai;
import fr.ecole.lending.http.ApiException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** An agreement handed at the desk, whole or some of its devices, to the school the pupil now attends. */
final class DeskHandovers {
    private final HandoverService handovers;
    private final LendingService lending;
    private final FamilyService families;
    private final EstablishmentService establishments;

    DeskHandovers(HandoverService handovers, LendingService lending, FamilyService families,
                  EstablishmentService establishments) {
        this.handovers = handovers;
        this.lending = lending;
        this.families = families;
        this.establishments = establishments;
    }

    static String amendmentPdf(String number, int n) {
        return "/poste/conventions/" + URLEncoder.encode(number, StandardCharsets.UTF_8) + "/passations/" + n + ".pdf";
    }

    /**
     * For the agreement just scanned (or the one the scanned device is out on): the handover form, when it is
     * one of the desk's own schools' and devices are still out under it, and the amendments of the handovers
     * it came from or went through; null when there is neither.
     */
    DeskView.Handovers offer(User user, DeskScans.Answer answer) {
        if (answer == null || !answer.found()) {
            return null;
        }
        Agreement agreement = answer.foundAgreement();
        Device device = answer.foundDevice();
        if (agreement == null && (device == null || device.openLoan() == null)) {
            return null;
        }
        try {
            if (agreement == null) {
                agreement = lending.get(user, device.openLoan().agreementNumber());
            }
            String number = agreement.number();
            List<DeskView.Link> amendments = handovers.handoversOf(user, number).stream()
                    .map(h -> new DeskView.Link("Avenant de passation de " + h.fromAgreement() + " à " + h.toAgreement()
                            + " (PDF)", amendmentPdf(h.fromAgreement(), h.number())))
                    .toList();
            DeskView.HandoverForm form = form(user, agreement, null, null, false);
            return form == null && amendments.isEmpty() ? null : new DeskView.Handovers(form, amendments);
        } catch (ApiException unseen) {
            return null;
        }
    }

    /** Hands {@code number} over as the form asked; a refusal keeps the form as it was typed. */
    void handOver(User user, Desk.Work work, String number, String toUai, List<String> tags, boolean keep) {
        String typed = toUai == null ? "" : toUai.strip();
        List<String> chosen = tags == null ? List.of() : tags.stream().filter(t -> t != null && !t.isBlank()).toList();
        try {
            work.outcome = handOver(user, number, typed, chosen, keep);
        } catch (ApiException refused) {
            work.outcome = DeskView.Outcome.error("Passation refusée : " + refused.getMessage());
            try {
                work.handovers = new DeskView.Handovers(form(user, lending.get(user, number), typed, chosen, keep),
                        List.of());
            } catch (ApiException gone) {
                // nothing to offer again: the message says why
            }
        }
    }

    /** The handover itself, all the devices out when {@code tags} is null: its outcome, or the service's refusal. */
    DeskView.Outcome handOver(User user, String number, String toUai, List<String> tags, boolean keep) {
        Agreement handed = handovers.handover(user, number, new NewHandover(toUai, tags, keep));
        String school = schoolName(handed.uai());
        // the amendment is printed from the first agreement: the new one belongs to the other school
        int n = handovers.handoversOf(user, number).stream()
                .filter(h -> h.toAgreement().equals(handed.number()) && h.fromAgreement().equalsIgnoreCase(number.strip()))
                .mapToInt(HandoverService.Handover::number).findFirst().orElse(1);
        List<String> devices = handed.loans().stream().filter(loan -> loan.returnedAt() == null && loan.lostAt() == null)
                .map(Agreement.Loan::assetTag).toList();
        return DeskView.Outcome.success("Convention " + number + " passée à " + school + " (" + handed.uai()
                + ") : nouvelle convention " + handed.number() + ", " + DeskWords.devicesCount(devices.size())
                + " (" + String.join(", ", devices) + "), retour prévu le " + DeskScans.DATE.format(handed.dueDate())
                + ". Faites signer l'avenant de passation au responsable.",
                new DeskView.Link("Avenant de passation (PDF)", amendmentPdf(number, n)));
    }

    byte[] amendment(User user, String number, int n) {
        return handovers.amendment(user, number, n);
    }

    private DeskView.HandoverForm form(User user, Agreement agreement, String typed, List<String> chosen, boolean keep) {
        if (agreement.status() != AgreementStatus.ACTIVE || !Scope.of(user).coversEstablishment(agreement.uai())) {
            return null;
        }
        List<DeskView.HandoverDevice> out = agreement.loans().stream()
                .filter(loan -> loan.returnedAt() == null && loan.lostAt() == null)
                .map(loan -> new DeskView.HandoverDevice(loan.assetTag(), DeskScans.capitalised(loan.kind().label()),
                        chosen == null || chosen.contains(loan.assetTag()))).toList();
        if (out.isEmpty()) {
            return null;
        }
        List<DeskView.School> schools = new ArrayList<>();
        for (String uai : familySchools(user, agreement)) {
            schools.add(new DeskView.School(uai, schoolName(uai), false));
        }
        // one other school of the family's pupils: the likely answer, typed already
        String toUai = typed != null ? typed : schools.size() == 1 ? schools.get(0).uai() : "";
        return new DeskView.HandoverForm(agreement.number(), out, schools, toUai, keep);
    }

    /**
     * The schools the family's pupils attend besides the agreement's: from the family when the desk still sees
     * it (a sibling stayed), else from the handovers offered once none of its pupils is left at the school.
     */
    private List<String> familySchools(User user, Agreement agreement) {
        Set<String> schools = new LinkedHashSet<>();
        try {
            families.get(user, agreement.familyId()).pupils().stream().map(Pupil::uai)
                    .filter(uai -> !uai.equals(agreement.uai())).forEach(schools::add);
        } catch (ApiException outOfReach) {
            handovers.offers(user, Uai.parse(agreement.uai(), "ecole")).stream()
                    .filter(offer -> offer.agreementNumber().equals(agreement.number()))
                    .forEach(offer -> offer.newSchools().forEach(school -> schools.add(school.uai())));
        }
        return List.copyOf(schools);
    }

    String schoolName(String uai) {
        try {
            return establishments.get(Uai.parse(uai, "uai")).name();
        } catch (ApiException unknown) {
            return uai.toUpperCase(Locale.ROOT);
        }
    }
}
