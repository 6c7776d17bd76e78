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
import fr.ecole.lending.establishments.Establishment;
import fr.ecole.lending.establishments.EstablishmentDao;
import fr.ecole.lending.establishments.EstablishmentService;
import fr.ecole.lending.families.FamilyDao;
import fr.ecole.lending.families.FamilyService;
import fr.ecole.lending.funders.FunderRules;
import fr.ecole.lending.geography.Uai;
import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.http.Check;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * A loan that follows its pupil: the school that lent hands an active agreement, or some of its
 * devices, to the school the pupil now attends. The devices continue there under a new agreement of
 * that school, until the same date; the first agreement closes when nothing is left on it. Each device
 * changes pool when its funder pays for the new school, or stays the first school's property, held by
 * the new one until it is returned ({@link FunderRules}). One amendment prints the handover.
 */
public class HandoverService {
    private static final int MAX_DEVICES = 20;

    private final Database database;
    private final LendingService lending;
    private final Terms terms;
    private final Audit audit;
    private final Clock clock;

    public HandoverService(Database database, LendingService lending, Terms terms, Audit audit, Clock clock) {
        this.database = database;
        this.lending = lending;
        this.terms = terms;
        this.audit = audit;
        this.clock = clock;
    }

    public Agreement handover(User actor, String number, NewHandover request) {
        Check.body(request);
        Uai to = Uai.parse(Check.required(request.toUai(), "toUai", 8), "toUai");
        List<String> tags = request.assetTags() == null ? null
                : Check.list(request.assetTags(), "assetTags", MAX_DEVICES, 40);
        if (tags != null && tags.isEmpty()) {
            throw ApiException.invalid("missing_value", "assetTags", "Indiquez au moins un appareil à passer, "
                    + "ou aucune liste pour passer tous ceux qui sont prêtés.");
        }
        if (tags != null) {
            LendingRules.requireDistinct(tags, "assetTags");
        }
        boolean keep = Boolean.TRUE.equals(request.keepOwnership());
        // another desk handed or returned one of the devices at the same moment: answered as the second one
        return Database.onceMoreAfterConflict(() -> database.write(handle -> handover(handle, actor, number, to, tags,
                keep)));
    }

    private Agreement handover(Handle handle, User actor, String number, Uai toUai, List<String> tags, boolean keep) {
        Scope scope = Scope.of(actor);
        AgreementDao agreements = Daos.on(handle, AgreementDao.class);
        HandoverDao handovers = Daos.on(handle, HandoverDao.class);
        DeviceDao devices = Daos.on(handle, DeviceDao.class);
        AgreementDao.AgreementRow from = LendingService.find(handle, scope, number);
        Establishment to = EstablishmentService.require(Daos.on(handle, EstablishmentDao.class), toUai, "toUai");
        AgreementDao.AgreementRow replayed = replay(handle, from, to, tags);
        if (replayed != null) {
            return lending.assemble(agreements, replayed);
        }
        if (from.status() != AgreementStatus.ACTIVE) {
            throw ApiException.conflict("agreement_closed", "number", "La convention " + from.number()
                    + " est close : il n'y a plus d'appareil à passer à un autre établissement.");
        }
        if (to.uai().equals(from.uai())) {
            throw ApiException.invalid("same_establishment", "toUai", "La convention " + from.number()
                    + " est déjà celle de " + to.name() + " : indiquez le nouvel établissement de l'élève.");
        }
        if (!FamilyService.schoolsOf(Daos.on(handle, FamilyDao.class), from.familyId()).contains(to.uai())) {
            throw ApiException.invalid("not_family_school", "toUai", "Aucun élève de cette famille n'est inscrit à "
                    + to.name() + " (" + to.uai() + ") : enregistrez d'abord sa nouvelle école (passage de classe "
                    + "ou fiche de la famille), puis passez la convention.");
        }
        List<Handed> handed = handed(handle, scope, from, to, tags, keep);

        // stored to the millisecond, as a new agreement at the desk is
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        LocalDate today = lending.today();
        long id = agreements.insert(from.familyId(), to.uai(), from.dueDate(), from.overrideReason(),
                from.diagnosticId(), terms.current(), actor.id(),
                "handover:" + from.id() + ":" + now.toEpochMilli(), "handover of " + from.number(), now);
        String newNumber = LendingService.number(id, today);
        agreements.setNumber(id, newNumber);
        long handover = handovers.insert(from.id(), id, from.uai(), to.uai(), actor.id(), now);
        Map<String, String> owners = new LinkedHashMap<>();
        for (Handed h : handed) {
            if (handovers.moveLoan(h.loan().loanId(), from.id(), id) != 1) {
                throw new IllegalStateException("loan " + h.loan().loanId() + " changed under the write lock");
            }
            Device device = h.device();
            handovers.insertLoan(handover, h.loan().loanId(), h.owner());
            if (!h.owner().equals(device.uai()) && devices.handOver(device.id(), h.owner()) != 1) {
                throw new IllegalStateException("device " + device.assetTag() + " changed under the write lock");
            }
            devices.recordEvent(device.id(), now, DeviceEventType.HANDED_OVER, actor.id(), id, "Convention "
                    + from.number() + " passée à " + to.uai() + " (" + newNumber + ") ; "
                    + (h.owner().equals(device.uai()) ? "reste au parc de " + h.owner() : "passe du parc de "
                    + device.uai() + " à celui de " + h.owner()));
            owners.put(device.assetTag(), h.owner());
        }
        Map<String, Object> created = new LinkedHashMap<>();
        created.put("familyId", from.familyId());
        created.put("uai", to.uai());
        created.put("assetTags", List.copyOf(owners.keySet()));
        created.put("dueDate", from.dueDate());
        created.put("handedFrom", from.number());
        created.put("status", Map.of("before", "", "after", AgreementStatus.ACTIVE));
        audit.record(handle, actor, "CREATE", Audit.Entity.AGREEMENT, newNumber, created);
        audit.record(handle, actor, "HANDOVER", Audit.Entity.AGREEMENT, from.number(), Map.of("to", to.uai(),
                "agreement", newNumber, "owners", owners));
        // nothing left with the family under the first agreement: it closes, as with its last return
        Loans.closeWhenNothingIsOut(handle, audit, actor, from.id(), from.number(), now);
        return lending.assemble(agreements, agreements.findByNumber(newNumber).orElseThrow());
    }

    /** A device of the agreement to hand, its open loan, and the school whose pool it belongs to afterwards. */
    private record Handed(Device device, AgreementDao.OpenLoanRow loan, String owner) {
    }

    /**
     * The devices asked for (all those out when none is named), each out under this agreement and free to
     * go, with where it will belong: checked before anything is written, so that a refusal changes nothing.
     */
    private static List<Handed> handed(Handle handle, Scope scope, AgreementDao.AgreementRow from, Establishment to,
                                       List<String> tags, boolean keep) {
        AgreementDao agreements = Daos.on(handle, AgreementDao.class);
        DeviceDao devices = Daos.on(handle, DeviceDao.class);
        List<String> asked = tags != null ? tags : agreements.loansOf(from.id()).stream()
                .filter(loan -> loan.returnedAt() == null && loan.lostAt() == null).map(Agreement.Loan::assetTag).toList();
        List<Handed> handed = new ArrayList<>();
        for (int i = 0; i < asked.size(); i++) {
            String field = "assetTags[" + i + "]";
            Device device = DeviceService.find(devices, scope, AssetTag.of(asked.get(i)), field);
            AgreementDao.OpenLoanRow loan = agreements.openLoanOf(device.id())
                    .filter(open -> open.agreementId() == from.id())
                    .orElseThrow(() -> ApiException.conflict("not_on_agreement", field, "L'appareil "
                            + device.assetTag() + " n'est pas en prêt sous la convention " + from.number()
                            + " : ne passez que les appareils que la famille a encore."));
            if (device.heldAt() != null) {
                throw ApiException.conflict("hand_in_pending", "assetTags", "L'appareil " + device.assetTag()
                        + " a été rapporté à l'établissement " + device.heldAt() + " et attend que son retour soit "
                        + "confirmé : confirmez ou refusez d'abord ce retour.");
            }
            handed.add(new Handed(device, loan, owner(handle, device, to, keep)));
        }
        return handed;
    }

    /**
     * The school the device belongs to once handed: already the new school's (it goes home), else as its funder
     * allows (a funder that forbids leaving its territory refuses the handover), and still its school's
     * when that school asked to keep it although its funder would let it move.
     */
    private static String owner(Handle handle, Device device, Establishment to, boolean keep) {
        if (device.uai().equals(to.uai())) {
            return to.uai();
        }
        FunderRules.Outcome allowed = FunderRules.forHandover(handle, device, to);
        return keep || allowed == FunderRules.Outcome.KEEP_OWNERSHIP ? device.uai() : to.uai();
    }

    /**
     * The same handover sent again (a second click, a retry after a lost answer): the agreement it made.
     * All the devices (none named): the agreement's last handover, to the same school, closed it. Devices
     * named: the latest handover to the same school carried every one of them. Null otherwise: an agreement
     * closed by its last return, or a handover that is not this one, is answered as such.
     */
    private static AgreementDao.AgreementRow replay(Handle handle, AgreementDao.AgreementRow from, Establishment to,
                                                    List<String> tags) {
        HandoverDao handovers = Daos.on(handle, HandoverDao.class);
        List<HandoverDao.HandoverRow> outgoing = handovers.of(from.id()).stream()
                .filter(h -> h.fromAgreementId() == from.id()).toList();
        HandoverDao.HandoverRow made = null;
        if (tags == null) {
            HandoverDao.HandoverRow last = outgoing.isEmpty() ? null : outgoing.get(outgoing.size() - 1);
            if (last != null && last.toUai().equals(to.uai()) && from.status() == AgreementStatus.CLOSED
                    && last.handedAt().equals(from.closedAt())) {
                made = last;
            }
        } else {
            for (HandoverDao.HandoverRow h : outgoing) {
                Set<String> sent = new HashSet<>();
                handovers.loans(h.id()).forEach(l -> sent.add(l.assetTag().toUpperCase(Locale.ROOT)));
                if (h.toUai().equals(to.uai())
                        && tags.stream().allMatch(t -> sent.contains(t.strip().toUpperCase(Locale.ROOT)))) {
                    made = h;
                }
            }
        }
        return made == null ? null : Daos.on(handle, AgreementDao.class).findByNumber(made.toNumber()).orElseThrow();
    }

    /** A handover as the API lists it with an agreement: both agreements and schools, the devices and their pool. */
    public record Handover(int number, String fromAgreement, String fromUai, String toAgreement, String toUai,
                           Instant handedAt, String handedBy, List<HandedDevice> devices, String amendment) {
    }

    /** A device handed and the pool it belongs to afterwards: {@code owner} the school that owns it. */
    public record HandedDevice(String assetTag, String kind, String owner) {
    }

    /** The handovers from this agreement and the one that made it, if any, with their amendments. */
    public List<Handover> handoversOf(User actor, String number) {
        return database.read(handle -> handoversOf(handle, LendingService.find(handle, Scope.of(actor), number).id()));
    }

    /** The handovers of an agreement, for its listing and the family's export. */
    public static List<Handover> handoversOf(Handle handle, long agreementId) {
        HandoverDao dao = Daos.on(handle, HandoverDao.class);
        return dao.of(agreementId).stream().map(h -> new Handover(h.number(), h.fromNumber(), h.fromUai(),
                h.toNumber(), h.toUai(), h.handedAt(), h.handedBy(), dao.loans(h.id()).stream()
                .map(l -> new HandedDevice(l.assetTag(), l.kind(), l.ownerUai())).toList(),
                "/api/agreements/" + h.fromNumber() + "/handovers/" + h.number() + ".pdf")).toList();
    }

    /**
     * The amendment of handover {@code n} from agreement {@code number}, for whoever sees either agreement:
     * the school that handed it and the school that took it over print the same document at one address.
     */
    public byte[] amendment(User actor, String number, int n) {
        return database.read(handle -> {
            Scope scope = Scope.of(actor);
            AgreementDao agreements = Daos.on(handle, AgreementDao.class);
            HandoverDao dao = Daos.on(handle, HandoverDao.class);
            String normalized = number == null ? "" : number.strip().toUpperCase(Locale.ROOT);
            AgreementDao.AgreementRow row = agreements.findByNumber(normalized).orElse(null);
            HandoverDao.HandoverRow h = row == null ? null : dao.of(row.id()).stream()
                    .filter(x -> x.fromAgreementId() == row.id() && x.number() == n).findFirst().orElse(null);
            if (h == null || !sees(handle, scope, h.fromNumber()) && !sees(handle, scope, h.toNumber())) {
                // an amendment of an agreement out of reach is answered as that agreement would be
                AgreementDao.AgreementRow seen = LendingService.find(handle, scope, number);
                throw ApiException.notFound("unknown_amendment", "n", "La convention " + seen.number()
                        + " n'a pas d'avenant de passation n° " + n + ".");
            }
            EstablishmentDao schools = Daos.on(handle, EstablishmentDao.class);
            Establishment from = schools.find(h.fromUai()).orElseThrow();
            Establishment to = schools.find(h.toUai()).orElseThrow();
            FamilyDao.FamilyRow family = Daos.on(handle, FamilyDao.class).find(row.familyId()).orElseThrow();
            try (DocumentWriter pdf = new DocumentWriter()) {
                pdf.amendmentHead("Avenant de passation n° " + h.number() + " à la convention de prêt "
                                + h.fromNumber(), from, family.guardianName())
                        .paragraph("L'élève poursuit sa scolarité à " + to.name() + " (" + to.uai() + "), "
                                + to.communeName() + ". Les appareils ci-dessous, prêtés par " + from.name()
                                + " sous la convention " + h.fromNumber() + ", restent confiés à la famille sous la "
                                + "convention " + h.toNumber() + " de " + to.name() + ", aux mêmes conditions. La date "
                                + "de retour prévue reste le " + AgreementDocumentService.DATE.format(row.dueDate()) + " ; ils seront rendus à "
                                + to.name() + ".")
                        .space(6);
                for (HandoverDao.HandedLoan l : dao.loans(h.id())) {
                    pdf.paragraph("• " + l.assetTag() + " (" + l.model() + (l.serial() == null || l.serial().isBlank()
                            ? "" : ", n° de série " + l.serial()) + ") : " + (l.ownerUai().equals(to.uai())
                            ? "rejoint le parc de " + to.name() : "reste la propriété de " + schoolName(schools,
                            l.ownerUai()) + ", détenu par " + to.name() + " jusqu'à son retour"));
                }
                pdf.space(8)
                        .line("Passation enregistrée le", AgreementDocumentService.TIME.format(h.handedAt())
                                + " par " + h.handedBy())
                        .signaturePlaces();
                return pdf.bytes();
            }
        });
    }

    private static boolean sees(Handle handle, Scope scope, String number) {
        try {
            LendingService.find(handle, scope, number);
            return true;
        } catch (ApiException unseen) {
            return false;
        }
    }

    private static String schoolName(EstablishmentDao schools, String uai) {
        return schools.find(uai).map(Establishment::name).orElse(uai);
    }

    /** An agreement to offer to hand over: its family has no pupil left at the school, one or more elsewhere. */
    public record Offer(String agreementNumber, long familyId, String guardianName, LocalDate dueDate,
                        List<School> newSchools, String handover) {
    }

    /** A school a pupil of the family now attends. */
    public record School(String uai, String name) {
    }

    /**
     * The handovers a school's desk should offer: after the yearly promotions, its pupils who left with
     * devices still out (or a family who moved and was enrolled elsewhere).
     */
    public List<Offer> offers(User actor, Uai uai) {
        Scope.of(actor).requireEstablishment(uai.value(), "uai");
        return database.read(handle -> {
            EstablishmentService.require(Daos.on(handle, EstablishmentDao.class), uai, "uai");
            Map<String, Offer> offers = new LinkedHashMap<>();
            for (HandoverDao.Offer row : Daos.on(handle, HandoverDao.class).offers(uai.value())) {
                offers.computeIfAbsent(row.number(), n -> new Offer(n, row.familyId(), row.guardianName(),
                        row.dueDate(), new ArrayList<>(), "/api/agreements/" + n + "/handover"))
                        .newSchools().add(new School(row.newSchool(), row.newSchoolName()));
            }
            return List.copyOf(offers.values());
        });
    }
}
