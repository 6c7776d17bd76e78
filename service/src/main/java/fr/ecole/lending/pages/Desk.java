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
import fr.ecole.lending.care.DeviceCareService;
import fr.ecole.lending.devices.AssetTag;
import fr.ecole.lending.devices.Device;
import fr.ecole.lending.devices.DeviceKind;
import fr.ecole.lending.devices.DeviceNote;
import fr.ecole.lending.devices.DeviceService;
import fr.ecole.lending.devices.DeviceStatus;
import fr.ecole.lending.devices.DeviceStatusChange;
import fr.ecole.lending.diagnostics.Decision;
import fr.ecole.lending.diagnostics.DiagnosticService;
import fr.ecole.lending.diagnostics.DiagnosticView;
import fr.ecole.lending.establishments.Establishment;
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
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The desk's work, page by page: each step calls the services the API's resources call (the same
 * roles, scopes and rules), and turns their refusals into sentences for the live region.
 */
final class Desk {
    private static final Map<ReturnCondition, String> CONDITIONS = Map.of(ReturnCondition.GOOD, "Bon état",
            ReturnCondition.DAMAGED, "Abîmé", ReturnCondition.BROKEN, "Cassé");

    private final DeskScans scans;
    private final FamilyService families;
    private final DiagnosticService diagnostics;
    private final DeviceService devices;
    private final LendingService lending;
    private final ReturnService returns;
    private final DeviceCareService care;
    private final EstablishmentService establishments;
    private final AgreementDocumentService documents;
    private final Clock clock;

    Desk(DeskScans scans, FamilyService families, DiagnosticService diagnostics, DeviceService devices,
         LendingService lending, ReturnService returns, DeviceCareService care, EstablishmentService establishments,
         AgreementDocumentService documents, Clock clock) {
        this.scans = scans;
        this.families = families;
        this.diagnostics = diagnostics;
        this.devices = devices;
        this.lending = lending;
        this.returns = returns;
        this.care = care;
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
        /** An agreement just made, to be signed on paper; with its guardian's name, as the signer by default. */
        String toSign;
        String signer;

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
                    + devicesCount(work.state.bundle().size()) + ").");
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
                    device.openLoan().agreementNumber(), answer.guardian(), accessories(device), "GOOD", List.of(), "");
        }
        if (device == null || work.state.family() == null) {
            work.outcome = DeskView.Outcome.info("Trouvé : " + answer.message());
            return;
        }
        if (work.state.bundle().contains(device.assetTag())) {
            work.outcome = DeskView.Outcome.info(device.assetTag() + " est déjà dans le prêt en préparation ("
                    + devicesCount(work.state.bundle().size()) + ").");
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
                    + device.assetTag() + " ajouté au prêt (" + devicesCount(work.state.bundle().size()) + ").");
        } catch (ApiException refused) {
            work.outcome = DeskView.Outcome.error("Refusé : " + device.assetTag() + " — " + refused.getMessage());
        }
    }

    private void search(User user, Work work, String query) {
        work.query = query;
        try {
            List<Family> found = families.search(user, query, new PageRequest(10, 0)).items();
            work.results = found.stream().map(family -> new DeskView.FamilyChoice(guardian(family),
                    pupils(family).isEmpty() ? "" : String.join(", ", pupils(family)),
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
            String guardian = guardian(families.get(user, agreement.familyId()));
            work.state = state.cleared();
            work.dueDate = null;
            work.reason = null;
            work.toSign = agreement.number();
            work.signer = guardian;
            work.outcome = DeskView.Outcome.success("Convention " + agreement.number() + " enregistrée : "
                    + devicesCount(agreement.loans().size()) + " prêté" + (agreement.loans().size() > 1 ? "s" : "")
                    + " à " + guardian + ", retour prévu le " + DeskScans.DATE.format(agreement.dueDate()) + ".",
                    new DeskView.Link("Convention (PDF)", DeskResource.agreementPdf(agreement.number())));
        } catch (ApiException refused) {
            work.outcome = DeskView.Outcome.error("Prêt refusé : " + refusal(refused, state.bundle()));
        }
        return work;
    }

    /** The guardian signed the agreement on paper: who, and now; the document is frozen as signed. */
    Work sign(User user, DeskState asked, String number, String signedBy) {
        Work work = new Work(school(user, asked));
        familyFirst(user, work);
        try {
            Agreement signed = documents.sign(user, number, new AgreementDocumentService.Signature(
                    signedBy == null ? null : signedBy.strip(), clock.instant()));
            work.outcome = DeskView.Outcome.success("Convention " + signed.number() + " signée par " + signed.signedBy()
                    + " : le document signé est conservé tel quel.",
                    new DeskView.Link("Convention (PDF)", DeskResource.agreementPdf(signed.number())));
        } catch (ApiException refused) {
            work.toSign = number;
            work.signer = signedBy;
            work.outcome = DeskView.Outcome.error("Signature refusée : " + refused.getMessage());
        }
        return work;
    }

    /** The school's devices to wipe and in repair, and its agreements overdue with each family's preferred contact. */
    BetweenLoansView betweenLoans(BrowserSession.SignedIn signedIn, String asked, DeskView.Outcome outcome) {
        User user = signedIn.user();
        String school = school(user, DeskState.parse(asked, null, null, null)).school();
        if (school == null) {
            return new BetweenLoansView(signedIn, null, null, outcome == null
                    ? DeskView.Outcome.info("Choisissez un établissement au poste de prêt.") : outcome,
                    List.of(), List.of(), List.of());
        }
        Uai uai = Uai.parse(school, "ecole");
        PageRequest all = new PageRequest(PageRequest.MAX_LIMIT, 0);
        List<BetweenLoansView.DeviceLine> toWipe = new ArrayList<>();
        for (DeviceStatus status : List.of(DeviceStatus.AVAILABLE, DeviceStatus.IN_REPAIR)) {
            devices.list(user, uai, status, null, all).items().stream().filter(Device::needsWipe)
                    .forEach(device -> toWipe.add(line(device)));
        }
        List<BetweenLoansView.DeviceLine> inRepair = devices.list(user, uai, DeviceStatus.IN_REPAIR, null, all).items()
                .stream().map(Desk::line).toList();
        List<BetweenLoansView.OverdueLine> overdue = new ArrayList<>();
        for (AgreementDocumentService.AgreementSummary late : documents.list(user, uai, null, true, all).items()) {
            overdue.add(new BetweenLoansView.OverdueLine(late.number(), guardian(families.get(user, late.familyId())),
                    DeskScans.DATE.format(late.dueDate()), contactLabel(late.preferredContact()),
                    DeskResource.agreementPdf(late.number())));
        }
        return new BetweenLoansView(signedIn, school, establishments.get(uai).name(), outcome, toWipe, inRepair, overdue);
    }

    /** Staff confirm a device was wiped of the last family's data: it may be lent again. */
    DeskView.Outcome wipe(User user, String assetTag) {
        try {
            Device wiped = care.confirmWiped(user, AssetTag.of(assetTag), new DeviceNote(null));
            return DeskView.Outcome.success(DeskScans.capitalised(wiped.kind().label()) + " " + wiped.assetTag()
                    + " : effacement confirmé" + (wiped.status() == DeviceStatus.AVAILABLE ? ", il peut être prêté." : "."));
        } catch (ApiException refused) {
            return DeskView.Outcome.error("Effacement refusé : " + refused.getMessage());
        }
    }

    /** The school's pool, of one status or all, narrowed to the devices whose tag, serial or model holds {@code query}. */
    PoolView pool(BrowserSession.SignedIn signedIn, String asked, String status, String query) {
        User user = signedIn.user();
        String school = school(user, DeskState.parse(asked, null, null, null)).school();
        DeviceStatus chosen = null;
        for (DeviceStatus value : DeviceStatus.values()) {
            if (value.name().equals(status)) {
                chosen = value;
            }
        }
        List<PoolView.Status> statuses = new ArrayList<>();
        statuses.add(new PoolView.Status("", "Tous", chosen == null));
        for (DeviceStatus value : DeviceStatus.values()) {
            statuses.add(new PoolView.Status(value.name(), DeskScans.capitalised(DeskScans.statusLabel(value)), value == chosen));
        }
        String wanted = query == null ? "" : query.strip();
        if (school == null) {
            return new PoolView(signedIn, null, null, statuses, wanted, List.of(), false);
        }
        Uai uai = Uai.parse(school, "ecole");
        fr.ecole.lending.http.Page<Device> page = devices.list(user, uai, chosen, null, new PageRequest(PageRequest.MAX_LIMIT, 0));
        String folded = wanted.toLowerCase(Locale.ROOT);
        List<PoolView.Line> lines = page.items().stream()
                .filter(device -> folded.isEmpty() || contains(device.assetTag(), folded) || contains(device.serial(), folded)
                        || contains(device.model(), folded))
                .map(device -> new PoolView.Line(device.assetTag(), DeskScans.capitalised(device.kind().label()),
                        device.model() == null ? "" : device.model(), device.serial() == null ? "" : device.serial(),
                        new DeskScans.DeviceLine(device).getStatus()))
                .toList();
        return new PoolView(signedIn, school, establishments.get(uai).name(), statuses, wanted, lines,
                page.nextCursor() != null);
    }

    private static boolean contains(String text, String folded) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(folded);
    }

    /** A device back from repair joins the pool again (still to wipe, when it was not wiped yet). */
    DeskView.Outcome backFromRepair(User user, String assetTag) {
        try {
            Device back = care.changeStatus(user, AssetTag.of(assetTag), new DeviceStatusChange(DeviceStatus.AVAILABLE,
                    "Revenu de réparation"));
            return DeskView.Outcome.success(DeskScans.capitalised(back.kind().label()) + " " + back.assetTag()
                    + " revenu de réparation" + (back.needsWipe() ? " : confirmez son effacement avant de le prêter."
                    : " : il peut être prêté."));
        } catch (ApiException refused) {
            return DeskView.Outcome.error("Retour de réparation refusé : " + refused.getMessage());
        }
    }

    private static BetweenLoansView.DeviceLine line(Device device) {
        return new BetweenLoansView.DeviceLine(device.assetTag(), DeskScans.capitalised(device.kind().label()),
                device.model() == null ? "" : device.model());
    }

    private static String contactLabel(String preferred) {
        return switch (preferred == null ? "" : preferred) {
            case "SMS" -> "SMS";
            case "EMAIL" -> "courriel";
            case "PHONE" -> "téléphone";
            case "PAPER" -> "courrier";
            default -> preferred == null ? "non indiqué" : preferred;
        };
    }

    /** Records a device's return, and offers its receipt. */
    Work receive(User user, DeskState asked, String assetTag, String condition, List<String> missing, String note) {
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
        } else {
            try {
                ReturnReceipt receipt = returns.receive(user, new NewReturn(assetTag, chosen, missingAccessories, remark));
                work.outcome = DeskView.Outcome.success("Retour de " + receipt.assetTag() + " enregistré ("
                        + CONDITIONS.get(chosen).toLowerCase(Locale.ROOT)
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
                    device.openLoan() == null ? null : device.openLoan().agreementNumber(), null, accessories(device),
                    condition, missingAccessories, note == null ? "" : note);
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
            String hint = reasonHint(eligibility, kinds);
            loan = new DeskView.Loan(new DeskView.FamilyCard(family.id(), guardian(family),
                    family.guardian() == null ? null : family.guardian().phone(), pupils(family), eligibility),
                    bundle, work.dueDate == null ? defaultDueDate().toString() : work.dueDate,
                    work.reason == null ? "" : work.reason, hint != null, hint);
        }
        return new DeskView(signedIn, state, schools(user, state.school()), user.role() == Role.ADMIN, work.outcome,
                work.answer, work.query, work.results, loan, work.returnForm,
                work.toSign == null ? null : new DeskView.Signing(work.toSign, work.signer == null ? "" : work.signer));
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
                latest.needs() == null ? List.of() : latest.needs().stream().map(Desk::needLabel).toList());
    }

    /** Why a reason must be given (none needed: null), as the lending service will decide. */
    private static String reasonHint(DeskView.Eligibility eligibility, List<DeviceKind> kinds) {
        if (!eligibility.known()) {
            return "obligatoire : la famille n'a pas de diagnostic d'éligibilité";
        }
        if (eligibility.expired()) {
            return "obligatoire : le diagnostic de la famille a expiré";
        }
        if (!eligibility.eligible()) {
            return "obligatoire : le diagnostic dit la famille non éligible";
        }
        for (DeviceKind kind : kinds) {
            String need = needLabel(switch (kind) {
                case LAPTOP, TABLET -> Decision.Need.LAPTOP;
                case DONGLE_4G -> Decision.Need.DONGLE_4G;
                case HEADSET -> Decision.Need.HEADSET;
            });
            if (!eligibility.needs().contains(need)) {
                return "obligatoire : le prêt va au-delà des besoins du diagnostic (" + kind.label() + ")";
            }
        }
        return null;
    }

    private static String needLabel(Decision.Need need) {
        return switch (need) {
            case LAPTOP -> "ordinateur ou tablette";
            case DONGLE_4G -> "connexion 4G";
            case HEADSET -> "casque";
            case ALTERNATIVE_ACCESS -> "autre accès (pas de couverture)";
        };
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

    /** The refusal in words, naming the device when it is about one of the bundle's. */
    private static String refusal(ApiException refused, List<String> bundle) {
        String field = refused.field();
        if (field != null && field.startsWith("assetTags[")) {
            try {
                String tag = bundle.get(Integer.parseInt(field.substring("assetTags[".length(), field.length() - 1)));
                return refused.getMessage().contains(tag) ? refused.getMessage() : tag + " — " + refused.getMessage();
            } catch (RuntimeException e) {
                return refused.getMessage();
            }
        }
        if ("override".equals(field)) {
            return refused.getMessage().replace("indiquez la raison du prêt dans « override.reason »",
                    "indiquez le motif du prêt").replace("indiquez la raison dans « override.reason »", "indiquez le motif du prêt");
        }
        return refused.getMessage();
    }

    private static List<String> accessories(Device device) {
        return device.accessories() == null ? List.of() : device.accessories();
    }

    static String guardian(Family family) {
        return family.guardian() == null || family.guardian().name() == null ? "famille n° " + family.id()
                : family.guardian().name();
    }

    private static List<String> pupils(Family family) {
        return family.pupils() == null ? List.of() : family.pupils().stream()
                .map(pupil -> pupil.firstName() + (pupil.level() == null ? "" : " (" + pupil.level() + ")")).toList();
    }

    static String devicesCount(int count) {
        return count + (count > 1 ? " appareils" : " appareil");
    }

    static String conditionLabel(ReturnCondition condition) {
        return CONDITIONS.get(condition);
    }
}
