package fr.ecole.lending.pages;

import fr.ecole.lending.agreements.Agreement;
import fr.ecole.lending.agreements.AgreementDocumentService;
import fr.ecole.lending.agreements.LendingRules;
import fr.ecole.lending.agreements.LendingService;
import fr.ecole.lending.agreements.NewAgreement;
import fr.ecole.lending.agreements.NewReturn;
import fr.ecole.lending.agreements.ReturnCondition;
import fr.ecole.lending.agreements.ReturnReceipt;
import fr.ecole.lending.agreements.ReturnService;
import fr.ecole.lending.auth.Role;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.calendar.SchoolCalendar;
import fr.ecole.lending.devices.AssetTag;
import fr.ecole.lending.devices.Device;
import fr.ecole.lending.devices.DeviceKind;
import fr.ecole.lending.devices.DeviceService;
import fr.ecole.lending.devices.DeviceStatus;
import fr.ecole.lending.diagnostics.Decision;
import fr.ecole.lending.diagnostics.DiagnosticService;
import fr.ecole.lending.diagnostics.DiagnosticView;
import fr.ecole.lending.establishments.EstablishmentService;
import fr.ecole.lending.families.Family;
import fr.ecole.lending.families.FamilyService;
import fr.ecole.lending.families.Pupil;
import fr.ecole.lending.geography.Uai;
import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.http.PageRequest;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The desk's work, page by page: each step calls the services the API's resources call (the same
 * roles, scopes and rules), and turns their refusals into sentences for the live region.
 */
final class Desk {
    private final DeskScans scans;
    private final FamilyService families;
    private final DiagnosticService diagnostics;
    private final DeviceService devices;
    private final LendingService lending;
    private final ReturnService returns;
    private final DeskSwaps swaps;
    private final EstablishmentService establishments;
    private final AgreementDocumentService documents;
    private final Clock clock;

    Desk(DeskScans scans, FamilyService families, DiagnosticService diagnostics, DeviceService devices,
         LendingService lending, ReturnService returns, DeskSwaps swaps, EstablishmentService establishments,
         AgreementDocumentService documents, Clock clock) {
        this.scans = scans;
        this.families = families;
        this.diagnostics = diagnostics;
        this.devices = devices;
        this.lending = lending;
        this.returns = returns;
        this.swaps = swaps;
        this.establishments = establishments;
        this.documents = documents;
        this.clock = clock;
    }

    /** What the page shows besides the state: filled in by each step. */
    static final class Work {
        DeskState state;
        DeskView.Outcome outcome;
        DeskScans.Answer answer;
        String query;
        List<DeskView.FamilyChoice> results = List.of();
        String dueDate;
        String reason;
        DeskView.ReturnForm returnForm;
        /** An agreement just made, to be signed; with its guardian's name, as the signer by default. */
        String toSign;
        String signer;
        /** The signature was asked for on screen (kept when it was refused). */
        boolean signOnScreen;
        /** The agreement shown, offered to the pupil's new school (as typed, after a refusal), and its amendments. */
        DeskView.Handovers handovers;

        Work(DeskState state) {
            this.state = state;
        }
    }

    /** The school worked for: the one asked for when the user may lend there, else a desk's first. */
    DeskState school(User user, DeskState state) {
        if (user.role() == Role.ADMIN) {
            if (state.school() == null) {
                return state;
            }
            try {
                establishments.get(Uai.parse(state.school(), "ecole"));
                return state.inSchool(state.school().toUpperCase(Locale.ROOT));
            } catch (ApiException unknown) {
                return state.inSchool(null);
            }
        }
        Set<String> own = new TreeSet<>(user.establishments());
        return state.school() != null && own.contains(state.school()) ? state : state.inSchool(own.isEmpty() ? null : own.iterator().next());
    }

    /** The desk as it is: a scan, a search or a device taken out of the bundle first, when asked for. */
    Work look(User user, DeskState asked, String code, String query, String remove) {
        Work work = new Work(school(user, asked));
        if (remove != null && work.state.bundle().contains(remove)) {
            work.state = work.state.without(remove);
            work.outcome = DeskView.Outcome.info(remove + " retiré du prêt en préparation ("
                    + DeskWords.devicesCount(work.state.bundle().size()) + ").");
        }
        familyFirst(user, work);
        if (code != null && !code.isBlank()) {
            scan(user, work, code);
        }
        if (query != null && !query.isBlank()) {
            search(user, work, query.strip());
        }
        return work;
    }

    private void familyFirst(User user, Work work) {
        if (work.state.family() == null) {
            return;
        }
        try {
            Family family = families.get(user, work.state.family());
            // lend from a school of the family's pupils, when the desk has one
            Set<String> schools = new TreeSet<>(family.pupils().stream().map(Pupil::uai).toList());
            if (work.state.school() == null || !schools.contains(work.state.school())) {
                schools.stream().filter(uai -> user.role() == Role.ADMIN || user.establishments().contains(uai))
                        .findFirst().ifPresent(uai -> work.state = work.state.inSchool(uai));
            }
        } catch (ApiException unknown) {
            work.state = work.state.cleared();
            work.outcome = DeskView.Outcome.error("Cette famille est introuvable : recherchez-la à nouveau.");
        }
    }

    private void scan(User user, Work work, String code) {
        DeskScans.Answer answer = scans.scan(user, code);
        work.answer = answer;
        Device device = answer.foundDevice();
        if (!answer.found()) {
            work.outcome = DeskView.Outcome.error(answer.message());
            return;
        }
        if (device != null && device.status() == DeviceStatus.ON_LOAN && device.openLoan() != null) {
            work.returnForm = new DeskView.ReturnForm(device.assetTag(), DeskScans.capitalised(device.kind().label()),
                    device.openLoan().agreementNumber(), answer.guardian(), DeskWords.accessories(device), "GOOD", List.of(), "",
                    null);
        }
        if (device == null || work.state.family() == null) {
            work.outcome = DeskView.Outcome.info("Trouvé : " + answer.message());
            return;
        }
        if (work.state.bundle().contains(device.assetTag())) {
            work.outcome = DeskView.Outcome.info(device.assetTag() + " est déjà dans le prêt en préparation ("
                    + DeskWords.devicesCount(work.state.bundle().size()) + ").");
            return;
        }
        try {
            LendingRules.checkLendable(device, work.state.school() == null ? device.uai() : work.state.school(),
                    SchoolCalendar.today(clock), "code");
            if (work.state.bundle().size() >= DeskState.MAX_BUNDLE) {
                work.outcome = DeskView.Outcome.error("Refusé : " + device.assetTag() + " — un prêt compte au plus "
                        + DeskState.MAX_BUNDLE + " appareils.");
                return;
            }
            work.state = work.state.with(device.assetTag());
            work.outcome = DeskView.Outcome.success(DeskScans.capitalised(device.kind().label()) + " "
                    + device.assetTag() + " ajouté au prêt (" + DeskWords.devicesCount(work.state.bundle().size()) + ").");
        } catch (ApiException refused) {
            work.outcome = DeskView.Outcome.error("Refusé : " + device.assetTag() + " — " + refused.getMessage());
        }
    }

    private void search(User user, Work work, String query) {
        work.query = query;
        try {
            List<Family> found = families.search(user, query, new PageRequest(10, 0)).items();
            work.results = found.stream().map(family -> new DeskView.FamilyChoice(DeskWords.guardian(family),
                    DeskWords.pupils(family).isEmpty() ? "" : String.join(", ", DeskWords.pupils(family)),
                    work.state.forFamily(family.id()).link())).toList();
            if (work.outcome == null) {
                work.outcome = DeskView.Outcome.info(found.isEmpty()
                        ? "Aucune famille ne correspond à « " + query + " » : vérifiez l'orthographe ou cherchez par téléphone."
                        : found.size() + (found.size() > 1 ? " familles trouvées" : " famille trouvée")
                        + " pour « " + query + " ».");
            }
        } catch (ApiException refused) {
            work.outcome = DeskView.Outcome.error(refused.getMessage());
        }
    }

    /** Lends the bundle: once per bundle however often it is sent, thanks to the bundle's key. */
    Work lend(User user, DeskState asked, String dueDate, String reason) {
        Work work = new Work(school(user, asked));
        work.dueDate = dueDate;
        work.reason = reason;
        familyFirst(user, work);
        DeskState state = work.state;
        if (state.family() == null) {
            work.outcome = DeskView.Outcome.error("Choisissez d'abord la famille (Rechercher une famille).");
            return work;
        }
        if (state.bundle().isEmpty()) {
            work.outcome = DeskView.Outcome.error("Le prêt ne compte encore aucun appareil : scannez-les dans "
                    + "« Scanner une étiquette ».");
            return work;
        }
        LocalDate due;
        try {
            due = LocalDate.parse(dueDate == null ? "" : dueDate.strip());
        } catch (DateTimeParseException e) {
            work.outcome = DeskView.Outcome.error("La date de retour prévue n'est pas une date (jj/mm/aaaa).");
            return work;
        }
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        try {
            Agreement agreement = lending.lend(user, new NewAgreement(state.family(), state.school(), state.bundle(),
                    due, state.key(), why == null ? null : new NewAgreement.OverrideReason(why)));
            String guardian = DeskWords.guardian(families.get(user, agreement.familyId()));
            work.state = state.cleared();
            work.dueDate = null;
            work.reason = null;
            work.toSign = agreement.number();
            work.signer = guardian;
            work.outcome = DeskView.Outcome.success("Convention " + agreement.number() + " enregistrée : "
                    + DeskWords.devicesCount(agreement.loans().size()) + " prêté" + (agreement.loans().size() > 1 ? "s" : "")
                    + " à " + guardian + ", retour prévu le " + DeskScans.DATE.format(agreement.dueDate()) + ".",
                    new DeskView.Link("Convention (PDF)", DeskResource.agreementPdf(agreement.number())));
        } catch (ApiException refused) {
            work.outcome = DeskView.Outcome.error("Prêt refusé : " + DeskWords.refusal(refused, state.bundle()));
        }
        return work;
    }

    /**
     * The guardian signed the agreement, on paper ({@code drawing} empty) or on the page's signature pad
     * ({@code onScreen}, its PNG): who, and now; the document is frozen as signed.
     */
    Work sign(User user, DeskState asked, String number, String signedBy, boolean onScreen, String drawing) {
        Work work = new Work(school(user, asked));
        familyFirst(user, work);
        try {
            if (onScreen && (drawing == null || drawing.isBlank())) {
                throw ApiException.invalid("invalid_drawing", "drawing", "rien n'a été dessiné ; faites signer dans "
                        + "la zone de signature, ou choisissez « Sur la convention imprimée ».");
            }
            Agreement signed = documents.sign(user, number, new AgreementDocumentService.Signature(
                    signedBy == null ? null : signedBy.strip(), clock.instant(), onScreen ? drawing : null));
            work.outcome = DeskView.Outcome.success("Convention " + signed.number() + " signée "
                    + (onScreen ? "à l'écran " : "") + "par " + signed.signedBy()
                    + " : le document signé est conservé tel quel.",
                    new DeskView.Link("Convention (PDF)", DeskResource.agreementPdf(signed.number())));
        } catch (ApiException refused) {
            work.toSign = number;
            work.signer = signedBy;
            work.signOnScreen = onScreen;
            work.outcome = DeskView.Outcome.error("Signature refusée : " + refused.getMessage());
        }
        return work;
    }

    /**
     * Records a device's return, and offers its receipt; or, with {@code replacement} (null for a
     * return, empty to ask for it), swaps it within its agreement for that device and offers the amendment.
     */
    Work receive(User user, DeskState asked, String assetTag, String condition, List<String> missing, String note,
                 String replacement) {
        Work work = new Work(school(user, asked));
        familyFirst(user, work);
        ReturnCondition chosen = null;
        for (ReturnCondition value : ReturnCondition.values()) {
            if (value.name().equals(condition)) {
                chosen = value;
            }
        }
        List<String> missingAccessories = missing == null ? List.of() : missing.stream().filter(a -> !a.isBlank()).toList();
        String remark = note == null || note.isBlank() ? null : note.strip();
        if (chosen == null) {
            work.outcome = DeskView.Outcome.error("Choisissez l'état de l'appareil : Bon état, Abîmé ou Cassé.");
        } else if (replacement != null) {
            work.outcome = swaps.swap(user, assetTag, replacement, chosen, missingAccessories, remark);
            if ("success".equals(work.outcome.kind())) {
                return work;
            }
        } else {
            try {
                ReturnReceipt receipt = returns.receive(user, new NewReturn(assetTag, chosen, missingAccessories, remark));
                work.outcome = DeskView.Outcome.success("Retour de " + receipt.assetTag() + " enregistré ("
                        + DeskWords.conditionLabel(chosen).toLowerCase(Locale.ROOT)
                        + (missingAccessories.isEmpty() ? "" : ", manque : " + String.join(", ", missingAccessories))
                        + "). Convention " + receipt.agreementNumber()
                        + (receipt.agreementStatus() != null && receipt.agreementStatus().name().equals("CLOSED")
                        ? " close : tout est rendu." : " : d'autres appareils restent prêtés.")
                        + (receipt.message() == null ? "" : " " + receipt.message()),
                        new DeskView.Link("Reçu (PDF)", DeskResource.receiptPdf(receipt.id())));
                return work;
            } catch (ApiException refused) {
                work.outcome = DeskView.Outcome.error("Retour refusé : " + refused.getMessage());
            }
        }
        // what was typed stays, with the form
        try {
            Device device = devices.get(user, AssetTag.of(assetTag));
            work.returnForm = new DeskView.ReturnForm(device.assetTag(), DeskScans.capitalised(device.kind().label()),
                    device.openLoan() == null ? null : device.openLoan().agreementNumber(), null, DeskWords.accessories(device),
                    condition, missingAccessories, note == null ? "" : note,
                    replacement == null ? null : replacement.strip());
        } catch (ApiException gone) {
            // nothing to offer again: the message says why
        }
        return work;
    }

    /** The view of {@code work}: the loan in progress with its family, eligibility and bundle. */
    DeskView view(BrowserSession.SignedIn signedIn, Work work) {
        User user = signedIn.user();
        DeskState state = work.state;
        DeskView.Loan loan = null;
        if (state.family() != null) {
            Family family = families.get(user, state.family());
            DeskView.Eligibility eligibility = eligibility(user, family.id());
            List<DeskView.BundleLine> bundle = new ArrayList<>();
            List<DeviceKind> kinds = new ArrayList<>();
            for (String tag : state.bundle()) {
                try {
                    Device device = devices.get(user, AssetTag.of(tag));
                    kinds.add(device.kind());
                    bundle.add(new DeskView.BundleLine(tag, DeskScans.capitalised(device.kind().label()),
                            state.link() + "&retirer=" + java.net.URLEncoder.encode(tag, java.nio.charset.StandardCharsets.UTF_8)));
                } catch (ApiException gone) {
                    // a device no longer visible drops out of the bundle
                }
            }
            String hint = DeskWords.reasonHint(eligibility, kinds);
            loan = new DeskView.Loan(new DeskView.FamilyCard(family.id(), DeskWords.guardian(family),
                    family.guardian() == null ? null : family.guardian().phone(), DeskWords.pupils(family), eligibility),
                    bundle, work.dueDate == null ? defaultDueDate().toString() : work.dueDate,
                    work.reason == null ? "" : work.reason, hint != null, hint);
        }
        return new DeskView(signedIn, state, schools(user, state.school()), user.role() == Role.ADMIN, work.outcome,
                work.answer, work.query, work.results, loan, work.returnForm,
                work.toSign == null ? null : new DeskView.Signing(work.toSign, work.signer == null ? "" : work.signer,
                        work.signOnScreen), work.handovers);
    }

    /** The end of the school year in progress; in July and August, of the coming one. */
    LocalDate defaultDueDate() {
        LocalDate today = SchoolCalendar.today(clock);
        int endYear = today.getMonthValue() >= 7 ? today.getYear() + 1 : today.getYear();
        return LocalDate.of(endYear, 6, 30);
    }

    private DeskView.Eligibility eligibility(User user, long familyId) {
        List<DiagnosticView> history = diagnostics.history(user, familyId, new PageRequest(PageRequest.MAX_LIMIT, 0)).items();
        if (history.isEmpty()) {
            return new DeskView.Eligibility(false, false, false, null, null, List.of(), List.of());
        }
        DiagnosticView latest = history.get(history.size() - 1);
        boolean expired = latest.expires() != null && latest.expires().isBefore(SchoolCalendar.today(clock));
        return new DeskView.Eligibility(true, latest.eligible(), expired,
                latest.expires() == null ? null : DeskScans.DATE.format(latest.expires()), latest.criteriaVersion(),
                latest.reasons() == null ? List.of() : latest.reasons().stream().map(Decision.Reason::effect).toList(),
                latest.needs() == null ? List.of() : latest.needs().stream().map(DeskWords::needLabel).toList());
    }

    private List<DeskView.School> schools(User user, String chosen) {
        List<String> uais = user.role() == Role.ADMIN ? (chosen == null ? List.of() : List.of(chosen))
                : List.copyOf(new TreeSet<>(user.establishments()));
        List<DeskView.School> out = new ArrayList<>();
        for (String uai : uais) {
            String name;
            try {
                name = establishments.get(Uai.parse(uai, "ecole")).name();
            } catch (ApiException unknown) {
                name = uai;
            }
            out.add(new DeskView.School(uai, name, uai.equals(chosen)));
        }
        return out;
    }
}
