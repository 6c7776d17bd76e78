package fr.ecole.lending.agreements;

import fr.ecole.lending.audit.Audit;
import fr.ecole.lending.auth.Scope;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.db.Daos;
import fr.ecole.lending.db.Database;
import fr.ecole.lending.devices.AssetTag;
import fr.ecole.lending.devices.Device;
import fr.ecole.lending.devices.DeviceDao;
import fr.ecole.lending.devices.DeviceEventType;
import fr.ecole.lending.devices.DeviceService;
import fr.ecole.lending.devices.DeviceStatus;
import fr.ecole.lending.establishments.EstablishmentDao;
import fr.ecole.lending.establishments.EstablishmentService;
import fr.ecole.lending.geography.Uai;
import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.http.Check;
import fr.ecole.lending.http.Page;
import fr.ecole.lending.http.PageRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Returns: a device handed back at its own school ends its loan; handed in at another school, it
 * waits there for its own school to confirm or refuse.
 */
public class ReturnService {
    private final Database database;
    private final Audit audit;
    private final Clock clock;

    public ReturnService(Database database, Audit audit, Clock clock) {
        this.database = database;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * A device handed back. At a desk of its own school (or an administrator's) its loan ends, the
     * device goes back to the pool (or to repair) and the agreement closes with its last device. At a
     * school ({@code receivedAt}) whose desk does not serve the device's own, it is only received on
     * that school's behalf: nothing of the loan changes until that school confirms or refuses.
     */
    public ReturnReceipt receive(User actor, NewReturn request) {
        Check.body(request);
        AssetTag assetTag = AssetTag.of(Check.required(request.assetTag(), "assetTag", 40));
        ReturnCondition condition = Check.present(request.condition(), "condition");
        List<String> missing = Check.list(request.missingAccessories(), "missingAccessories", 20, 60);
        String note = Check.optional(request.note(), "note", 1000);
        Uai receivedAt = request.receivedAt() == null ? null
                : Uai.parse(Check.required(request.receivedAt(), "receivedAt", 8), "receivedAt");
        if (receivedAt != null) {
            Scope.of(actor).requireEstablishment(receivedAt.value(), "receivedAt");
        }
        Handover back = new Handover(condition, missing, note, receivedAt == null ? null : receivedAt.value());
        // another desk took the same device in at the same moment: answered as the second one
        return Database.onceMoreAfterConflict(() -> database.write(handle -> receive(handle, actor, assetTag, back)));
    }

    /** What a desk records when a device is handed back: its state, and the school where, when not the desk's own. */
    record Handover(ReturnCondition condition, List<String> missing, String note, String receivedUai) {
    }

    private ReturnReceipt receive(Handle handle, User actor, AssetTag assetTag, Handover back) {
        DeviceDao devices = Daos.on(handle, DeviceDao.class);
        AgreementDao agreements = Daos.on(handle, AgreementDao.class);
        Scope scope = Scope.of(actor);
        Device device = back.receivedUai() == null ? DeviceService.find(devices, scope, assetTag, "assetTag")
                : handedIn(handle, scope, assetTag, back.receivedUai());
        if (!scope.coversEstablishment(device.uai()) && !DeviceService.holds(scope, device)) {
            return handIn(handle, actor, device, back);
        }
        AgreementDao.OpenLoanRow loan = agreements.openLoanOf(device.id()).orElseThrow(() ->
                ApiException.conflict("not_on_loan", "assetTag", "L'appareil " + device.assetTag()
                        + " n'est pas en prêt (état : " + device.status() + ") : il n'y a pas de retour à enregistrer."));
        return endAtHome(handle, actor, device, loan, back, "missingAccessories");
    }

    /**
     * Ends {@code loan} of a device its own school's desk (or an administrator) has in hand, inside the
     * caller's transaction: the return, the device to the pool or to repair, to be wiped, a hand-in
     * that waited superseded, the agreement closed with its last device. A swap ends its loan so too.
     */
    ReturnReceipt endAtHome(Handle handle, User actor, Device device, AgreementDao.OpenLoanRow loan, Handover back,
                            String missingField) {
        DeviceDao devices = Daos.on(handle, DeviceDao.class);
        AgreementDao agreements = Daos.on(handle, AgreementDao.class);
        List<String> missing = back.missing();
        for (int i = 0; i < missing.size(); i++) {
            if (!device.accessories().contains(missing.get(i))) {
                throw ApiException.invalid("unknown_accessory", missingField + "[" + i + "]",
                        "L'appareil " + device.assetTag() + " n'a pas été prêté avec « " + missing.get(i)
                                + " » ; ses accessoires sont : " + String.join(", ", device.accessories()) + ".");
            }
        }
        Instant now = clock.instant();
        Optional<AgreementDao.HandInRow> waiting = agreements.pendingHandInOf(loan.loanId());
        Ended ended = endLoan(handle, actor, device, loan, back, actor.id(), now, null, now);
        // the device's own desk has it in hand: a hand-in elsewhere that waited for it has no more object
        if (waiting.isPresent()) {
            if (agreements.decideHandIn(waiting.get().id(), ReturnStatus.SUPERSEDED, actor.id(), now, null) != 1) {
                throw new IllegalStateException("hand-in " + waiting.get().id() + " decided under the write lock");
            }
            audit.record(handle, actor, "STATUS_CHANGE", Audit.Entity.RETURN, waiting.get().id(), Map.of(
                    "status", Map.of("before", ReturnStatus.PENDING, "after", ReturnStatus.SUPERSEDED),
                    "return", ended.returnId()));
        }
        // taken back by the desk of the school that held it for another pool (its agreement followed the pupil):
        // the device waits there to travel home
        String at = back.receivedUai() != null ? back.receivedUai()
                : Scope.of(actor).coversEstablishment(device.uai()) ? device.uai() : loan.uai();
        String heldAt = at.equals(device.uai()) ? null : at;
        if (heldAt != null) {
            devices.setHeldAt(device.id(), heldAt);
            devices.recordEvent(device.id(), now, DeviceEventType.STATUS_CHANGED, actor.id(), loan.agreementId(),
                    "Rendu à l'établissement " + heldAt + " : à renvoyer au parc de " + device.uai());
        } else if (device.heldAt() != null) {
            DeviceService.comeHome(handle, audit, actor, device, now);
        }
        return new ReturnReceipt(ended.returnId(), device.assetTag(), ReturnStatus.RETURNED, loan.agreementNumber(),
                ended.agreementStatus(), null);
    }

    /**
     * The device a desk takes in at one of its schools: its own, or another school's of the same
     * département while it is out. Any other tag is answered as one that does not exist, so that a
     * desk learns nothing of another school's pool by trying tags.
     */
    private static Device handedIn(Handle handle, Scope scope, AssetTag assetTag, String receivedUai) {
        EstablishmentDao establishments = Daos.on(handle, EstablishmentDao.class);
        String departement = EstablishmentService.require(establishments, Uai.parse(receivedUai, "receivedAt"),
                "receivedAt").departement();
        return Daos.on(handle, DeviceDao.class).findByTag(assetTag)
                .filter(d -> scope.coversEstablishment(d.uai()) || (d.status() == DeviceStatus.ON_LOAN
                        && establishments.find(d.uai()).map(home -> home.departement().equals(departement)).orElse(false)))
                .orElseThrow(() -> ApiException.notFound("unknown_device", "assetTag", "Aucun appareil prêté ne "
                        + "porte le numéro d'inventaire « " + assetTag + " »."));
    }

    /**
     * Another school's device handed in at the desk: recorded on that school's behalf, the device
     * held here; the loan, the agreement and the device's status wait for that school's decision.
     * The missing accessories are taken as the desk noted them: checking them against the device
     * would tell this desk what another school lent.
     */
    private ReturnReceipt handIn(Handle handle, User actor, Device device, Handover back) {
        AgreementDao agreements = Daos.on(handle, AgreementDao.class);
        DeviceDao devices = Daos.on(handle, DeviceDao.class);
        AgreementDao.OpenLoanRow loan = agreements.openLoanOf(device.id()).orElseThrow(() ->
                new IllegalStateException("device " + device.assetTag() + " on loan without an open loan"));
        if (agreements.pendingHandInOf(loan.loanId()).isPresent()) {
            throw ApiException.conflict("hand_in_pending", "assetTag", "Cet appareil a déjà été remis et attend "
                    + "que l'établissement qui l'a prêté confirme son retour : il n'y a rien de plus à enregistrer.");
        }
        Instant now = clock.instant();
        long id = agreements.reserveReturnNumber(loan.loanId(), actor.id(), now);
        agreements.insertHandIn(id, loan.loanId(), back.receivedUai(), back.condition(),
                String.join("\n", back.missing()), back.note(), actor.id(), now);
        devices.setHeldAt(device.id(), back.receivedUai());
        devices.recordEvent(device.id(), now, DeviceEventType.HANDED_IN, actor.id(), loan.agreementId(),
                "Remis à l'établissement " + back.receivedUai() + " pour le compte de " + device.uai()
                        + ", en attente de confirmation ; " + returnNote(back.condition(), back.missing(), back.note()));
        audit.record(handle, actor, "CREATE", Audit.Entity.RETURN, id, Map.of("assetTag", device.assetTag(),
                "agreement", loan.agreementNumber(), "condition", back.condition(), "missingAccessories", back.missing(),
                "receivedAt", back.receivedUai(), "status", ReturnStatus.PENDING));
        String owner = Daos.on(handle, EstablishmentDao.class).find(device.uai()).orElseThrow().name();
        return new ReturnReceipt(id, device.assetTag(), ReturnStatus.PENDING, null, null, "Appareil reçu pour le "
                + "compte de " + owner + " : le prêt reste ouvert jusqu'à ce que cet établissement confirme le retour. "
                + "Remettez le reçu à la famille.");
    }

    /** What ending a loan left: the return's number and the agreement's status. */
    private record Ended(long returnId, AgreementStatus agreementStatus) {
    }

    /**
     * Ends the device's loan as handed back ({@code receivedBy}, {@code receivedAt}): the return,
     * the device back in the pool or in repair, to be wiped, the agreement closed with its last
     * device. {@code number} is a confirmed hand-in's, which the return keeps; null for a new return.
     */
    private Ended endLoan(Handle handle, User actor, Device device, AgreementDao.OpenLoanRow loan, Handover back,
                          long receivedBy, Instant receivedAt, Long number, Instant now) {
        AgreementDao agreements = Daos.on(handle, AgreementDao.class);
        DeviceDao devices = Daos.on(handle, DeviceDao.class);
        if (agreements.markReturned(loan.loanId(), receivedAt) != 1) {
            throw new IllegalStateException("loan " + loan.loanId() + " ended under the write lock");
        }
        String missing = String.join("\n", back.missing());
        long returnId;
        if (number == null) {
            returnId = agreements.insertReturn(loan.loanId(), back.condition(), missing, back.note(), receivedBy,
                    receivedAt, back.receivedUai());
        } else {
            agreements.insertNumberedReturn(number, loan.loanId(), back.condition(), missing, back.note(), receivedBy,
                    receivedAt, back.receivedUai());
            returnId = number;
        }
        DeviceStatus after = back.condition() == ReturnCondition.BROKEN ? DeviceStatus.IN_REPAIR : DeviceStatus.AVAILABLE;
        if (devices.changeStatus(device.id(), DeviceStatus.ON_LOAN, after) != 1) {
            throw new IllegalStateException("device " + device.assetTag() + " changed under the write lock");
        }
        devices.recordEvent(device.id(), now, DeviceEventType.RETURNED, actor.id(), loan.agreementId(),
                returnNote(back.condition(), back.missing(), back.note()));
        // the last family's data stays on it until staff confirm the wipe
        devices.setNeedsWipe(device.id(), true);
        if (after == DeviceStatus.IN_REPAIR) {
            devices.openRepair(device.id(), "Rendu hors d'usage" + (back.note() == null ? "" : " : " + back.note()), now);
            devices.recordEvent(device.id(), now, DeviceEventType.REPAIR_OUT, actor.id(), loan.agreementId(),
                    "Rendu hors d'usage");
        }
        if (number == null) {
            audit.record(handle, actor, "CREATE", Audit.Entity.RETURN, returnId, Map.of("assetTag", device.assetTag(),
                    "agreement", loan.agreementNumber(), "condition", back.condition(), "missingAccessories",
                    back.missing()));
        }
        audit.record(handle, actor, "STATUS_CHANGE", Audit.Entity.DEVICE, device.assetTag(),
                Map.of("status", Map.of("before", DeviceStatus.ON_LOAN, "after", after)));
        return new Ended(returnId, Loans.closeWhenNothingIsOut(handle, audit, actor, loan, now));
    }

    /**
     * The owning school takes a device handed in elsewhere as returned: the loan ends as at its own
     * desk, on the day the family handed it in, in the state noted there unless {@code condition}
     * corrects it. The device stays where it was handed in until it travels home.
     */
    public ReturnReceipt confirm(User actor, long id, HandIn.Confirmation confirmation) {
        ReturnCondition corrected = confirmation == null ? null : confirmation.condition();
        return database.write(handle -> {
            AgreementDao.HandInRow handIn = waitingHandIn(handle, Scope.of(actor), id);
            ReturnCondition condition = corrected == null ? handIn.condition() : corrected;
            Instant now = clock.instant();
            if (Daos.on(handle, AgreementDao.class).decideHandIn(id, ReturnStatus.CONFIRMED, actor.id(), now, null) != 1) {
                throw new IllegalStateException("hand-in " + id + " decided under the write lock");
            }
            Device device = Daos.on(handle, DeviceDao.class).findByTag(AssetTag.of(handIn.assetTag())).orElseThrow();
            Handover back = new Handover(condition, handIn.missingAccessories().isEmpty() ? List.of()
                    : List.of(handIn.missingAccessories().split("\n")), handIn.note(), handIn.receivedUai());
            Ended ended = endLoan(handle, actor, device, new AgreementDao.OpenLoanRow(handIn.loanId(),
                    handIn.agreementId(), handIn.agreementNumber(), handIn.uai()), back, handIn.receivedById(), handIn.receivedAt(), id, now);
            audit.record(handle, actor, "CONFIRM", Audit.Entity.RETURN, id, Map.of(
                    "status", Map.of("before", ReturnStatus.PENDING, "after", ReturnStatus.CONFIRMED),
                    "condition", Map.of("before", handIn.condition(), "after", condition)));
            return new ReturnReceipt(id, device.assetTag(), ReturnStatus.CONFIRMED, handIn.agreementNumber(),
                    ended.agreementStatus(), null);
        });
    }

    /** The owning school does not take the hand-in as a return: it is closed, the loan goes on. */
    public ReturnReceipt refuse(User actor, long id, HandIn.Refusal refusal) {
        String reason = Check.required(Check.body(refusal).reason(), "reason", 500);
        return database.write(handle -> {
            AgreementDao agreements = Daos.on(handle, AgreementDao.class);
            AgreementDao.HandInRow handIn = waitingHandIn(handle, Scope.of(actor), id);
            Instant now = clock.instant();
            if (agreements.decideHandIn(id, ReturnStatus.REFUSED, actor.id(), now, reason) != 1) {
                throw new IllegalStateException("hand-in " + id + " decided under the write lock");
            }
            Daos.on(handle, DeviceDao.class).recordEvent(handIn.deviceId(), now, DeviceEventType.HAND_IN_REFUSED,
                    actor.id(), handIn.agreementId(), "Remise à l'établissement " + handIn.receivedUai()
                            + " refusée : " + reason);
            audit.record(handle, actor, "REFUSE", Audit.Entity.RETURN, id,
                    Map.of("status", Map.of("before", ReturnStatus.PENDING, "after", ReturnStatus.REFUSED)));
            return new ReturnReceipt(id, handIn.assetTag(), ReturnStatus.REFUSED, handIn.agreementNumber(),
                    agreements.findByNumber(handIn.agreementNumber()).orElseThrow().status(), null);
        });
    }

    /** The hand-ins of the caller's schools (of {@code uai} when given) in one status, oldest first. */
    public Page<HandIn> handIns(User actor, Uai uai, ReturnStatus status, PageRequest page) {
        if (status == ReturnStatus.RETURNED) {
            throw ApiException.invalid("invalid_value", "status", "« status » vaut PENDING, CONFIRMED, REFUSED ou "
                    + "SUPERSEDED : la liste est celle des appareils remis à un autre établissement.");
        }
        Scope scope = Scope.of(actor);
        if (uai != null) {
            scope.requireEstablishment(uai.value(), "uai");
        }
        boolean anySchool = uai == null && scope.isAdmin();
        List<String> schools = uai != null ? List.of(uai.value()) : List.copyOf(scope.establishments());
        return database.read(handle -> Page.of(Daos.on(handle, AgreementDao.class)
                .handIns(anySchool, schools.isEmpty() ? List.of("") : schools,
                        status == null ? ReturnStatus.PENDING : status, page.after(), page.fetch())
                .stream().map(ReturnService::view).toList(), page, HandIn::id));
    }

    private static HandIn view(AgreementDao.HandInRow row) {
        return new HandIn(row.id(), row.assetTag(), row.kind(), row.uai(), row.agreementNumber(), row.receivedUai(),
                row.receivedAt(), row.receivedBy(), row.condition(), row.missingAccessories().isEmpty() ? List.of()
                : List.of(row.missingAccessories().split("\n")), row.note(), row.status(), row.decidedAt(),
                row.decidedBy(), row.refusalReason());
    }

    /**
     * A hand-in the owning school still has to decide: 404 for any desk but the owning school's (the
     * receiving desk included: it holds the device, it does not end the loan), 409 once decided.
     */
    private static AgreementDao.HandInRow waitingHandIn(Handle handle, Scope scope, long id) {
        AgreementDao.HandInRow handIn = Daos.on(handle, AgreementDao.class).handIn(id)
                .filter(row -> scope.coversEstablishment(row.uai()))
                .orElseThrow(() -> ApiException.notFound("unknown_return", "id", "Aucun retour n'a le numéro " + id + "."));
        String when = handIn.decidedAt() == null ? "" : AgreementDocumentService.TIME.format(handIn.decidedAt());
        return switch (handIn.status()) {
            case PENDING -> handIn;
            case CONFIRMED -> throw ApiException.conflict("hand_in_closed", "id", "Ce retour a déjà été confirmé le "
                    + when + " par " + handIn.decidedBy() + ".");
            case REFUSED -> throw ApiException.conflict("hand_in_closed", "id", "Cette remise a été refusée le " + when
                    + " par " + handIn.decidedBy() + " : il n'y a plus rien à décider.");
            case SUPERSEDED, RETURNED -> throw ApiException.conflict("hand_in_closed", "id", "L'appareil "
                    + handIn.assetTag() + " a été rendu à son établissement le " + when + " : cette remise est close.");
        };
    }

    private static String returnNote(ReturnCondition condition, List<String> missing, String note) {
        StringBuilder out = new StringBuilder("État : ").append(condition);
        if (!missing.isEmpty()) {
            out.append(" ; accessoires manquants : ").append(String.join(", ", missing));
        }
        if (note != null) {
            out.append(" ; ").append(note);
        }
        return out.toString();
    }
}
