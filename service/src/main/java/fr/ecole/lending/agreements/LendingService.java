package fr.ecole.lending.agreements;

import fr.ecole.lending.audit.Audit;
import fr.ecole.lending.auth.Scope;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.calendar.SchoolCalendar;
import fr.ecole.lending.db.Daos;
import fr.ecole.lending.db.Database;
import fr.ecole.lending.db.Engine;
import fr.ecole.lending.devices.AssetTag;
import fr.ecole.lending.devices.Device;
import fr.ecole.lending.devices.DeviceDao;
import fr.ecole.lending.devices.DeviceService;
import fr.ecole.lending.diagnostics.DiagnosticDao;
import fr.ecole.lending.establishments.EstablishmentDao;
import fr.ecole.lending.establishments.EstablishmentService;
import fr.ecole.lending.families.FamilyDao;
import fr.ecole.lending.families.FamilyService;
import fr.ecole.lending.geography.CommuneDao;
import fr.ecole.lending.geography.Uai;
import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.http.Check;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;

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

    /** The same service on another clock: the demo lends in the past, so that an agreement is overdue today. */
    public LendingService at(Clock other) {
        return new LendingService(database, terms, audit, other);
    }

    /**
     * Lends every device of the request under one new agreement, or none of them. The same
     * idempotency key sent again by the same user gives back the first agreement and lends nothing.
     */
    public Agreement lend(User actor, NewAgreement request) {
        LendingRequest checked = LendingRequest.check(Check.body(request));
        Scope.of(actor).requireEstablishment(checked.uai.value(), "uai");
        // another instance committed first: the same request (then replay it) or the same device
        return Database.onceMoreAfterConflict(() -> database.writeLockingRows(handle -> lend(handle, actor, checked)));
    }

    private Agreement lend(Handle handle, User actor, LendingRequest request) {
        if (database.engine() == Engine.POSTGRESQL) {
            // at READ COMMITTED (Database.writeLockingRows): what the rules below read cannot change before the
            // commit. The family stays as it is (see holdForLoan); the bundle's devices are this desk's until
            // then, and a desk sending the same request waits here, then finds the agreement and replays it.
            Daos.on(handle, FamilyDao.class).holdForLoan(request.familyId);
            Daos.on(handle, DeviceDao.class).lockByTags(request.assetTags.stream()
                    .map(tag -> AssetTag.of(tag).value().toUpperCase(Locale.ROOT)).toList());
        }
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
            Device device = DeviceService.find(devices, scope, AssetTag.of(request.assetTags.get(i)), field);
            LendingRules.checkLendable(device, request.uai.value(), today, field);
            bundle.add(device);
        }
        Long diagnosticId = LendingRules.diagnosticLentOn(Daos.on(handle, DiagnosticDao.class).latest(request.familyId),
                bundle, request.overrideReason, today);

        String termsVersion = terms.current();
        long id = agreements.insert(request.familyId, request.uai.value(), request.dueDate, request.overrideReason,
                diagnosticId, termsVersion, actor.id(), request.idempotencyKey, request.fingerprint, now);
        agreements.setNumber(id, number(id, today));
        List<Agreement.Loan> loans = new ArrayList<>();
        for (Device device : bundle) {
            loans.add(new Agreement.Loan(device.assetTag(), device.kind(), now, null, null));
            Loans.lend(handle, audit, actor, id, number(id, today), device, now, null);
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

    public Agreement get(User actor, String number) {
        return database.read(handle -> {
            AgreementDao agreements = Daos.on(handle, AgreementDao.class);
            return assemble(agreements, find(handle, Scope.of(actor), number));
        });
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
            LendingRules.requireDistinct(tags, "assetTags");
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

