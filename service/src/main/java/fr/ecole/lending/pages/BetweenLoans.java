package fr.ecole.lending.pages;

import fr.ecole.lending.agreements.AgreementDocumentService;
import fr.ecole.lending.agreements.HandoverService;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.care.DeviceCareService;
import fr.ecole.lending.devices.AssetTag;
import fr.ecole.lending.devices.Device;
import fr.ecole.lending.devices.DeviceNote;
import fr.ecole.lending.devices.DeviceService;
import fr.ecole.lending.devices.DeviceStatus;
import fr.ecole.lending.devices.DeviceStatusChange;
import fr.ecole.lending.establishments.EstablishmentService;
import fr.ecole.lending.families.Family;
import fr.ecole.lending.families.FamilyService;
import fr.ecole.lending.geography.Uai;
import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.http.PageRequest;
import fr.ecole.lending.messages.Message;
import fr.ecole.lending.messages.MessageService;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The desk between loans: devices to wipe and in repair, the agreements overdue, the e-mails to families,
 * each action calling the services the API's resources call.
 */
final class BetweenLoans {
    /** The latest e-mails listed: enough to see that this week's went, without a page of its own. */
    private static final int MESSAGES_SHOWN = 20;
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH'h'mm");

    private final Desk desk;
    private final FamilyService families;
    private final DeviceService devices;
    private final DeviceCareService care;
    private final EstablishmentService establishments;
    private final AgreementDocumentService documents;
    private final MessageService messages;
    private final HandoverService handovers;

    BetweenLoans(Desk desk, FamilyService families, DeviceService devices, DeviceCareService care,
                 EstablishmentService establishments, AgreementDocumentService documents, MessageService messages,
                 HandoverService handovers) {
        this.desk = desk;
        this.families = families;
        this.devices = devices;
        this.care = care;
        this.establishments = establishments;
        this.documents = documents;
        this.messages = messages;
        this.handovers = handovers;
    }

    /** The school's devices to wipe and in repair, and its agreements overdue with each family's preferred contact. */
    BetweenLoansView betweenLoans(BrowserSession.SignedIn signedIn, String asked, DeskView.Outcome outcome) {
        User user = signedIn.user();
        String school = desk.school(user, DeskState.parse(asked, null, null, null)).school();
        if (school == null) {
            return new BetweenLoansView(signedIn, null, null, outcome == null
                    ? DeskView.Outcome.info("Choisissez un établissement au poste de prêt.") : outcome,
                    List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
        }
        Uai uai = Uai.parse(school, "ecole");
        PageRequest all = new PageRequest(PageRequest.MAX_LIMIT, 0);
        // the devices in repair are read once: they are listed, and those still holding data are to wipe too
        List<Device> repairing = devices.list(user, uai, DeviceStatus.IN_REPAIR, null, all).items();
        List<BetweenLoansView.DeviceLine> toWipe = new ArrayList<>();
        for (List<Device> pool : List.of(devices.list(user, uai, DeviceStatus.AVAILABLE, null, all).items(), repairing)) {
            pool.stream().filter(Device::needsWipe).forEach(device -> toWipe.add(line(device)));
        }
        List<BetweenLoansView.DeviceLine> inRepair = repairing.stream().map(BetweenLoans::line).toList();
        List<BetweenLoansView.OverdueLine> overdue = new ArrayList<>();
        List<AgreementDocumentService.AgreementSummary> late = documents.list(user, uai, null, true, all).items();
        // the guardians of the whole list in one reading, not one per agreement
        Map<Long, Family> guardians = families.getAll(user,
                late.stream().map(AgreementDocumentService.AgreementSummary::familyId).toList());
        for (AgreementDocumentService.AgreementSummary agreement : late) {
            Family family = guardians.get(agreement.familyId());
            overdue.add(new BetweenLoansView.OverdueLine(agreement.number(), family == null
                    ? "famille n° " + agreement.familyId() : DeskWords.guardian(family),
                    DeskScans.DATE.format(agreement.dueDate()), contactLabel(agreement.preferredContact()),
                    DeskResource.agreementPdf(agreement.number())));
        }
        List<BetweenLoansView.MessageLine> sent = messages.list(user, uai, null, new PageRequest(MESSAGES_SHOWN, 0))
                .items().stream().map(BetweenLoans::line).toList();
        List<BetweenLoansView.OfferLine> offers = handovers.offers(user, uai).stream().map(offer ->
                new BetweenLoansView.OfferLine(offer.agreementNumber(), offer.guardianName(),
                        DeskScans.DATE.format(offer.dueDate()), offer.newSchools())).toList();
        return new BetweenLoansView(signedIn, school, establishments.get(uai).name(), outcome, toWipe, inRepair, overdue,
                sent, offers, held(user, uai, all));
    }

    /** The devices of other schools this one holds: out under its agreements, or brought back here. */
    private List<BetweenLoansView.HeldLine> held(User user, Uai uai, PageRequest all) {
        Map<String, String> names = new HashMap<>();
        return devices.held(user, uai, all).items().stream().map(device -> new BetweenLoansView.HeldLine(
                device.assetTag(), DeskScans.capitalised(device.kind().label()),
                names.computeIfAbsent(device.uai(), owner -> establishments.get(Uai.parse(owner, "uai")).name()
                        + " (" + owner + ")"),
                device.openLoan() != null ? device.openLoan().agreementNumber()
                        : "rendu ici, à renvoyer à son école")).toList();
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

    /** A message given up, sent again: it waits for the next round of its sender. */
    DeskView.Outcome retry(User user, String id) {
        try {
            Message again = messages.retry(user, id);
            return DeskView.Outcome.success("Le message n° " + again.id() + " repart : il est en attente d'envoi.");
        } catch (ApiException refused) {
            return DeskView.Outcome.error("Renvoi refusé : " + refused.getMessage());
        }
    }

    private static BetweenLoansView.MessageLine line(Message message) {
        String state = switch (message.status()) {
            case "SENT" -> "envoyé le " + DeskScans.DATE.format(message.sentAt().atZone(PARIS)) + " à "
                    + HOUR.format(message.sentAt().atZone(PARIS));
            case "FAILED" -> "abandonné après " + message.attempts() + " essai" + (message.attempts() > 1 ? "s" : "");
            default -> message.attempts() == 0 ? "en attente d'envoi" : "en attente, nouvel essai prévu";
        };
        return new BetweenLoansView.MessageLine(message.id(), "SMS".equals(message.channel()) ? "SMS" : "courriel",
                message.subject(), message.recipient() == null ? "(effacé)" : message.recipient(),
                DeskScans.DATE.format(message.createdAt().atZone(PARIS)), state, message.attempts(),
                "FAILED".equals(message.status()) && message.recipient() != null);
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
}
