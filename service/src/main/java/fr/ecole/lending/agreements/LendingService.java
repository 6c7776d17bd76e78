package fr.ecole.lending.agreements;

import fr.ecole.lending.SchoolCalendar;
import fr.ecole.lending.audit.Audit;
import fr.ecole.lending.auth.Scope;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.db.Daos;
import fr.ecole.lending.db.Database;
import fr.ecole.lending.devices.Device;
import fr.ecole.lending.devices.DeviceDao;
import fr.ecole.lending.devices.DeviceEventType;
import fr.ecole.lending.devices.DeviceNote;
import fr.ecole.lending.devices.DeviceService;
import fr.ecole.lending.devices.DeviceStatus;
import fr.ecole.lending.devices.DeviceStatusChange;
import fr.ecole.lending.diagnostics.DiagnosticDao;
import fr.ecole.lending.establishments.CommuneDao;
import fr.ecole.lending.establishments.EstablishmentDao;
import fr.ecole.lending.establishments.EstablishmentService;
import fr.ecole.lending.establishments.Uai;
import fr.ecole.lending.families.FamilyDao;
import fr.ecole.lending.families.FamilyService;
import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.http.Check;
import fr.ecole.lending.http.Page;
import fr.ecole.lending.http.PageRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;

/** Where lending is decided: agreements that lend a bundle of devices, and the returns that end them. */
public class LendingService {
    private static final int MAX_DEVICES = 20;
    private final Database database;
    private final Terms terms;
    private final Audit audit;
    private final Clock clock;

    public LendingService(Database database, Terms terms, Audit audit, Clock clock) {
        this.database = database;
        this.terms = terms;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Lends every device of the request under one new agreement, or none of them. The same
     * idempotency key sent again by the same user gives back the first agreement and lends nothing.
     */
    public Agreement lend(User actor, NewAgreement request) {
        LendingRequest checked = LendingRequest.check(Check.body(request));
        Scope.of(actor).requireEstablishment(checked.uai.value(), "uai");
        try {
            return database.write(handle -> lend(handle, actor, checked));
        } catch (JdbiException e) {
            if (!Database.isUniqueViolation(e)) {
                throw e;
            }
            // another instance committed first: the same request (then replay it) or the same device
            return database.write(handle -> lend(handle, actor, checked));
        }
    }

    private Agreement lend(Handle handle, User actor, LendingRequest request) {
        AgreementDao agreements = Daos.on(handle, AgreementDao.class);
        Optional<AgreementDao.AgreementRow> earlier = agreements.findByIdempotencyKey(actor.id(), request.idempotencyKey);
        if (earlier.isPresent()) {
            if (!earlier.get().requestFingerprint().equals(request.fingerprint)) {
                throw ApiException.conflict("idempotency_key_reused", "idempotencyKey", "Cette clé d'idempotence a "
                        + "déjà servi pour une autre demande (convention " + earlier.get().number()
                        + ") : générez une nouvelle clé pour une nouvelle convention.");
            }
            return assemble(agreements, earlier.get());
        }
        // stored to the millisecond: the first answer then matches what a replay reads back
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        LocalDate today = today();
        LendingRules.checkDueDate(request.dueDate, today);
        Scope scope = Scope.of(actor);
        FamilyService.findToChange(handle, scope, request.familyId, "familyId");
        EstablishmentService.require(Daos.on(handle, EstablishmentDao.class), request.uai, "uai");
        List<String> schools = FamilyService.schoolsOf(Daos.on(handle, FamilyDao.class), request.familyId);
        if (!schools.contains(request.uai.value())) {
            throw ApiException.invalid("not_family_school", "uai", "Aucun élève de cette famille n'est inscrit à "
                    + "l'établissement " + request.uai + " : prêtez depuis l'école d'un des élèves, ou corrigez la "
                    + "fiche de la famille.");
        }
        DeviceDao devices = Daos.on(handle, DeviceDao.class);
        List<Device> bundle = new ArrayList<>();
        for (int i = 0; i < request.assetTags.size(); i++) {
            String field = "assetTags[" + i + "]";
            Device device = DeviceService.find(devices, scope, request.assetTags.get(i), field);
            LendingRules.checkLendable(device, request.uai.value(), today, field);
            bundle.add(device);
        }
        Long diagnosticId = requireEligibilityOrOverride(handle, request, bundle, today);

        String termsVersion = terms.current();
        long id = agreements.insert(request.familyId, request.uai.value(), request.dueDate, request.overrideReason,
                diagnosticId, termsVersion, actor.id(), request.idempotencyKey, request.fingerprint, now);
        agreements.setNumber(id, number(id, today));
        List<Agreement.Loan> loans = new ArrayList<>();
        for (Device device : bundle) {
            loans.add(new Agreement.Loan(device.assetTag(), device.kind(), now, null, null));
            agreements.insertLoan(id, device.id(), now);
            if (devices.changeStatus(device.id(), DeviceStatus.AVAILABLE, DeviceStatus.ON_LOAN) != 1) {
                throw new IllegalStateException("device " + device.assetTag() + " changed under the write lock");
            }
            devices.recordEvent(device.id(), now, DeviceEventType.LENT, actor.id(), id, null);
            audit.record(handle, actor, "STATUS_CHANGE", Audit.Entity.DEVICE, device.assetTag(), Map.of(
                    "status", Map.of("before", DeviceStatus.AVAILABLE, "after", DeviceStatus.ON_LOAN),
                    "agreement", number(id, today)));
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("familyId", request.familyId);
        detail.put("uai", request.uai.value());
        detail.put("assetTags", request.assetTags);
        detail.put("dueDate", request.dueDate);
        detail.put("status", Map.of("before", "", "after", AgreementStatus.ACTIVE));
        if (request.overrideReason != null) {
            detail.put("override", request.overrideReason);
        }
        audit.record(handle, actor, "CREATE", Audit.Entity.AGREEMENT, number(id, today), detail);
        // what was just written, as assemble() would read it back
        return new Agreement(number(id, today), AgreementStatus.ACTIVE, request.familyId, request.uai.value(),
                request.dueDate, LendingRules.isOverdue(AgreementStatus.ACTIVE, request.dueDate, today), diagnosticId,
                request.overrideReason == null ? null : new NewAgreement.OverrideReason(request.overrideReason),
                termsVersion, null, null, 0, now, null, loans);
    }

    /**
     * No decision is automatic: lending needs the family's latest diagnostic to be unexpired and
     * eligible, and the bundle to stay within its needs (a tablet may answer a laptop need);
     * otherwise staff give the reason, recorded on the agreement. Returns the diagnostic lent on.
     */
    private static Long requireEligibilityOrOverride(Handle handle, LendingRequest request, List<Device> bundle,
                                                     LocalDate today) {
        Optional<DiagnosticDao.DiagnosticRow> latest = Daos.on(handle, DiagnosticDao.class).latest(request.familyId);
        Optional<DiagnosticDao.DiagnosticRow> valid = latest.filter(row -> !row.expires().isBefore(today));
        if (valid.isEmpty() || !valid.get().eligible()) {
            if (request.overrideReason == null) {
                String why = latest.isEmpty() ? "Cette famille n'a pas de diagnostic d'éligibilité"
                        : valid.isEmpty() ? "Le dernier diagnostic de cette famille a expiré le " + latest.get().expires()
                        : "Le dernier diagnostic de cette famille la dit non éligible";
                throw ApiException.conflict("not_eligible", "override", why
                        + " : faites un diagnostic, ou indiquez la raison du prêt dans « override.reason ».");
            }
            return null;
        }
        DiagnosticDao.DiagnosticRow diagnostic = valid.get();
        for (int i = 0; i < bundle.size(); i++) {
            Device device = bundle.get(i);
            boolean needed = switch (device.kind()) {
                case LAPTOP, TABLET -> diagnostic.needLaptop();
                case DONGLE_4G -> diagnostic.needDongle();
                case HEADSET -> diagnostic.needHeadset();
            };
            if (!needed && request.overrideReason == null) {
                throw ApiException.conflict("beyond_needs", "assetTags[" + i + "]", "Le diagnostic de la famille ne "
                        + "relève pas de besoin de " + device.kind().label() + " (" + device.assetTag()
                        + ") : retirez l'appareil, ou indiquez la raison dans « override.reason ».");
            }
        }
        return diagnostic.id();
    }

    /**
     * Staff move a device in or out of service: repair, lost, retired, available again. A device
     * declared lost while out ends its loan, and the agreement closes when nothing else is out.
     */
    public Device changeStatus(User actor, String assetTag, DeviceStatusChange change) {
        Check.body(change);
        DeviceStatus target = Check.present(change.status(), "status");
        String note = Check.optional(change.note(), "note", 500);
        if (target == DeviceStatus.LOST && note == null) {
            throw ApiException.invalid("missing_value", "note",
                    "Indiquez comment l'appareil a été perdu (« note ») : c'est ce que retiendra son historique.");
        }
        return database.write(handle -> {
            DeviceDao devices = Daos.on(handle, DeviceDao.class);
            Device device = DeviceService.find(devices, Scope.of(actor), assetTag, "assetTag");
            Optional<DeviceEventType> event = device.status().changeTo(target);
            if (event.isEmpty()) {
                return device;
            }
            Instant now = clock.instant();
            Long agreementId = null;
            if (device.status() == DeviceStatus.ON_LOAN) {
                AgreementDao agreements = Daos.on(handle, AgreementDao.class);
                AgreementDao.OpenLoanRow loan = agreements.openLoanOf(device.id()).orElseThrow();
                if (agreements.pendingHandInOf(loan.loanId()).isPresent()) {
                    throw ApiException.conflict("hand_in_pending", "status", "L'appareil " + device.assetTag()
                            + " a été remis à un autre établissement : confirmez ou refusez d'abord ce "
                            + "retour, qui attend votre décision.");
                }
                agreements.markLost(loan.loanId(), now);
                agreementId = loan.agreementId();
                closeWhenNothingIsOut(handle, actor, loan, now);
            }
            if (devices.changeStatus(device.id(), device.status(), target) != 1) {
                throw new IllegalStateException("device " + assetTag + " changed under the write lock");
            }
            // a device in repair carries a ticket: opened when it goes, closed with the outcome when it leaves
            if (device.status() == DeviceStatus.IN_REPAIR) {
                devices.closeRepair(device.id(), now, target + (note == null ? "" : " : " + note));
            }
            if (target == DeviceStatus.IN_REPAIR) {
                devices.openRepair(device.id(), note == null ? "Motif non précisé" : note, now);
            }
            devices.recordEvent(device.id(), now, event.get(), actor.id(), agreementId, note);
            audit.record(handle, actor, "STATUS_CHANGE", Audit.Entity.DEVICE, device.assetTag(),
                    Map.of("status", Map.of("before", device.status(), "after", target)));
            return devices.findByTag(device.assetTag()).orElseThrow();
        });
    }

    /** The device is back in its own pool, from the school that received it. */
    public Device backHome(User actor, String assetTag) {
        return database.write(handle -> {
            DeviceDao devices = Daos.on(handle, DeviceDao.class);
            Device device = DeviceService.find(devices, Scope.of(actor), assetTag, "assetTag");
            if (device.heldAt() == null) {
                return device;
            }
            comeHome(handle, actor, device, clock.instant());
            return devices.findByTag(device.assetTag()).orElseThrow();
        });
    }

    /** The device held at another school is back in its own pool's hands. */
    private void comeHome(Handle handle, User actor, Device device, Instant now) {
        DeviceDao devices = Daos.on(handle, DeviceDao.class);
        devices.setHeldAt(device.id(), null);
        devices.recordEvent(device.id(), now, DeviceEventType.TRANSFERRED, actor.id(), null,
                device.heldAt() + " → " + device.uai() + " (retour au parc d'origine)");
        audit.record(handle, actor, "TRANSFER", Audit.Entity.DEVICE, device.assetTag(),
                Map.of("heldAt", Map.of("before", device.heldAt(), "after", "")));
    }

    /** Staff confirm a device came back wiped of the last family's data: it may be lent again. */
    public Device confirmWiped(User actor, String assetTag, DeviceNote confirmation) {
        String note = confirmation == null ? null : Check.optional(confirmation.note(), "note", 500);
        return database.write(handle -> {
            DeviceDao devices = Daos.on(handle, DeviceDao.class);
            Device device = DeviceService.find(devices, Scope.of(actor), assetTag, "assetTag");
            if (device.status() == DeviceStatus.ON_LOAN) {
                throw ApiException.conflict("device_on_loan", "assetTag", "L'appareil " + device.assetTag()
                        + " est prêté : il s'efface à son retour.");
            }
            devices.setNeedsWipe(device.id(), false);
            devices.recordEvent(device.id(), clock.instant(), DeviceEventType.WIPED, actor.id(), null, note);
            audit.record(handle, actor, "WIPE", Audit.Entity.DEVICE, device.assetTag(), null);
            return devices.findByTag(device.assetTag()).orElseThrow();
        });
    }

    /** Closes the loan's agreement once none of its devices is out any more; returns its status. */
    private AgreementStatus closeWhenNothingIsOut(Handle handle, User actor, AgreementDao.OpenLoanRow loan, Instant now) {
        AgreementDao agreements = Daos.on(handle, AgreementDao.class);
        if (agreements.countOpenLoans(loan.agreementId()) > 0) {
            return AgreementStatus.ACTIVE;
        }
        agreements.close(loan.agreementId(), now);
        audit.record(handle, actor, "STATUS_CHANGE", Audit.Entity.AGREEMENT, loan.agreementNumber(),
                Map.of("status", Map.of("before", AgreementStatus.ACTIVE, "after", AgreementStatus.CLOSED)));
        return AgreementStatus.CLOSED;
    }

    public Agreement get(User actor, String number) {
        return database.read(handle -> {
            AgreementDao agreements = Daos.on(handle, AgreementDao.class);
            return assemble(agreements, find(handle, Scope.of(actor), number));
        });
    }

    /**
     * A device handed back. At a desk of its own school (or an administrator's) its loan ends, the
     * device goes back to the pool (or to repair) and the agreement closes with its last device. At a
     * school ({@code receivedAt}) whose desk does not serve the device's own, it is only received on
     * that school's behalf: nothing of the loan changes until that school confirms or refuses.
     */
    public ReturnReceipt receive(User actor, NewReturn request) {
        Check.body(request);
        String assetTag = Check.required(request.assetTag(), "assetTag", 40);
        ReturnCondition condition = Check.present(request.condition(), "condition");
        List<String> missing = Check.list(request.missingAccessories(), "missingAccessories", 20, 60);
        String note = Check.optional(request.note(), "note", 1000);
        Uai receivedAt = request.receivedAt() == null ? null
                : Uai.parse(Check.required(request.receivedAt(), "receivedAt", 8), "receivedAt");
        if (receivedAt != null) {
            Scope.of(actor).requireEstablishment(receivedAt.value(), "receivedAt");
        }
        Handover back = new Handover(condition, missing, note, receivedAt == null ? null : receivedAt.value());
        try {
            return database.write(handle -> receive(handle, actor, assetTag, back));
        } catch (JdbiException e) {
            if (!Database.isUniqueViolation(e)) {
                throw e;
            }
            // another desk took the same device in at the same moment: answered as the second one
            return database.write(handle -> receive(handle, actor, assetTag, back));
        }
    }

    /** What a desk records when a device is handed back: its state, and the school where, when not the desk's own. */
    private record Handover(ReturnCondition condition, List<String> missing, String note, String receivedUai) {
    }

    private ReturnReceipt receive(Handle handle, User actor, String assetTag, Handover back) {
        DeviceDao devices = Daos.on(handle, DeviceDao.class);
        AgreementDao agreements = Daos.on(handle, AgreementDao.class);
        Scope scope = Scope.of(actor);
        Device device = back.receivedUai() == null ? DeviceService.find(devices, scope, assetTag, "assetTag")
                : handedIn(handle, scope, assetTag, back.receivedUai());
        if (!scope.coversEstablishment(device.uai())) {
            return handIn(handle, actor, device, back);
        }
        AgreementDao.OpenLoanRow loan = agreements.openLoanOf(device.id()).orElseThrow(() ->
                ApiException.conflict("not_on_loan", "assetTag", "L'appareil " + device.assetTag()
                        + " n'est pas en prêt (état : " + device.status() + ") : il n'y a pas de retour à enregistrer."));
        List<String> missing = back.missing();
        for (int i = 0; i < missing.size(); i++) {
            if (!device.accessories().contains(missing.get(i))) {
                throw ApiException.invalid("unknown_accessory", "missingAccessories[" + i + "]",
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
        String heldAt = back.receivedUai() == null || back.receivedUai().equals(device.uai()) ? null : back.receivedUai();
        if (heldAt != null) {
            devices.setHeldAt(device.id(), heldAt);
            devices.recordEvent(device.id(), now, DeviceEventType.STATUS_CHANGED, actor.id(), loan.agreementId(),
                    "Rendu à l'établissement " + heldAt + " : à renvoyer au parc de " + device.uai());
        } else if (device.heldAt() != null) {
            comeHome(handle, actor, device, now);
        }
        return new ReturnReceipt(ended.returnId(), device.assetTag(), ReturnStatus.RETURNED, loan.agreementNumber(),
                ended.agreementStatus(), null);
    }

    /**
     * The device a desk takes in at one of its schools: its own, or another school's of the same
     * département while it is out. Any other tag is answered as one that does not exist, so that a
     * desk learns nothing of another school's pool by trying tags.
     */
    private static Device handedIn(Handle handle, Scope scope, String assetTag, String receivedUai) {
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
        return new Ended(returnId, closeWhenNothingIsOut(handle, actor, loan, now));
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
            Device device = Daos.on(handle, DeviceDao.class).findByTag(handIn.assetTag()).orElseThrow();
            Handover back = new Handover(condition, handIn.missingAccessories().isEmpty() ? List.of()
                    : List.of(handIn.missingAccessories().split("\n")), handIn.note(), handIn.receivedUai());
            Ended ended = endLoan(handle, actor, device, new AgreementDao.OpenLoanRow(handIn.loanId(),
                    handIn.agreementId(), handIn.agreementNumber()), back, handIn.receivedById(), handIn.receivedAt(), id, now);
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
                .stream().map(LendingService::view).toList(), page, HandIn::id));
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

    /**
     * The agreement, when the caller may see it: a desk those of its establishments, a social worker
     * those of the families of its territory. Otherwise 404, as if it did not exist.
     */
    static AgreementDao.AgreementRow find(Handle handle, Scope scope, String number) {
        String normalized = number == null ? "" : number.strip().toUpperCase(Locale.ROOT);
        return Daos.on(handle, AgreementDao.class).findByNumber(normalized)
                .filter(row -> scope.coversAgreement(row.uai(), Daos.on(handle, FamilyDao.class).find(row.familyId())
                        .orElseThrow().communeInsee(), Daos.on(handle, CommuneDao.class)))
                .orElseThrow(() -> ApiException.notFound("unknown_agreement",
                "number", "Aucune convention ne porte le numéro « " + number + " » : vérifiez-le ou scannez son code."));
    }

    Agreement assemble(AgreementDao agreements, AgreementDao.AgreementRow row) {
        return new Agreement(row.number(), row.status(), row.familyId(), row.uai(), row.dueDate(),
                LendingRules.isOverdue(row.status(), row.dueDate(), today()), row.diagnosticId(),
                row.overrideReason() == null ? null : new NewAgreement.OverrideReason(row.overrideReason()),
                row.termsVersion(), row.signedBy(), row.signedAt(), agreements.renewals(row.id()).size(),
                row.createdAt(), row.closedAt(), agreements.loansOf(row.id()));
    }

    LocalDate today() {
        return SchoolCalendar.today(clock);
    }

    /** AGR-2026-000042: the year it was made and its row number, unique across instances sharing a database. */
    static String number(long id, LocalDate today) {
        return String.format(Locale.ROOT, "AGR-%d-%06d", today.getYear(), id);
    }

    /** A lending request whose shape has been checked, with the fingerprint that tells a replay from a reuse. */
    private static final class LendingRequest {
        final long familyId;
        final Uai uai;
        final List<String> assetTags;
        final LocalDate dueDate;
        final String idempotencyKey;
        final String overrideReason;
        final String fingerprint;

        private LendingRequest(long familyId, Uai uai, List<String> assetTags, LocalDate dueDate,
                               String idempotencyKey, String overrideReason) {
            this.familyId = familyId;
            this.uai = uai;
            this.assetTags = assetTags;
            this.dueDate = dueDate;
            this.idempotencyKey = idempotencyKey;
            this.overrideReason = overrideReason;
            this.fingerprint = sha256(familyId + "\n" + uai + "\n" + new TreeSet<>(assetTags) + "\n" + dueDate
                    + "\n" + overrideReason);
        }

        static LendingRequest check(NewAgreement request) {
            long familyId = Check.present(request.familyId(), "familyId");
            if (familyId <= 0) {
                throw ApiException.notFound("unknown_family", "familyId",
                        "Aucune famille n'a le numéro " + familyId + ".");
            }
            Uai uai = Uai.parse(Check.required(request.uai(), "uai", 8), "uai");
            List<String> tags = Check.list(Check.present(request.assetTags(), "assetTags"), "assetTags",
                    MAX_DEVICES, 40);
            if (tags.isEmpty()) {
                throw ApiException.invalid("missing_value", "assetTags",
                        "Indiquez au moins un appareil à prêter (numéros d'inventaire).");
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < tags.size(); i++) {
                // the same device typed in two cases is the same device, as the lookup of tags finds it
                // (tags are ASCII: AssetTags.supplied)
                if (!seen.add(tags.get(i).strip().toUpperCase(Locale.ROOT))) {
                    throw ApiException.invalid("duplicate_device", "assetTags[" + i + "]", "L'appareil "
                            + tags.get(i) + " figure deux fois dans la demande : scannez chaque appareil une fois.");
                }
            }
            LocalDate dueDate = Check.present(request.dueDate(), "dueDate");
            String key = Check.required(request.idempotencyKey(), "idempotencyKey", 100);
            String reason = null;
            if (request.override() != null) {
                reason = Check.required(request.override().reason(), "override.reason", 500);
            }
            return new LendingRequest(familyId, uai, tags, dueDate, key, reason);
        }

        private static String sha256(String text) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(text.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
            }
        }
    }
}
