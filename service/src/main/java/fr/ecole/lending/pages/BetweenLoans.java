package fr.ecole.lending.pages;

import fr.ecole.lending.agreements.AgreementDocumentService;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The desk between loans: devices to wipe and in repair, the agreements overdue,
 * each action calling the services the API's resources call.
 */
final class BetweenLoans {
    private final Desk desk;
    private final FamilyService families;
    private final DeviceService devices;
    private final DeviceCareService care;
    private final EstablishmentService establishments;
    private final AgreementDocumentService documents;

    BetweenLoans(Desk desk, FamilyService families, DeviceService devices, DeviceCareService care,
                 EstablishmentService establishments, AgreementDocumentService documents) {
        this.desk = desk;
        this.families = families;
        this.devices = devices;
        this.care = care;
        this.establishments = establishments;
        this.documents = documents;
    }

    /** The school's devices to wipe and in repair, and its agreements overdue with each family's preferred contact. */
    BetweenLoansView betweenLoans(BrowserSession.SignedIn signedIn, String asked, DeskView.Outcome outcome) {
        User user = signedIn.user();
        String school = desk.school(user, DeskState.parse(asked, null, null, null)).school();
        if (school == null) {
            return new BetweenLoansView(signedIn, null, null, outcome == null
                    ? DeskView.Outcome.info("Choisissez un établissement au poste de prêt.") : outcome,
                    List.of(), List.of(), List.of());
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
            overdue.add(new BetweenLoansView.OverdueLine(agreement.number(), DeskWords.guardian(guardians.get(agreement.familyId())),
                    DeskScans.DATE.format(agreement.dueDate()), contactLabel(agreement.preferredContact()),
                    DeskResource.agreementPdf(agreement.number())));
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
}
