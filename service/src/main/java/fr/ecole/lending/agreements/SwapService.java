package fr.ecole.lending.agreements;

import fr.ecole.lending.audit.Audit;
import fr.ecole.lending.auth.Scope;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.db.Daos;
import fr.ecole.lending.db.Database;
import fr.ecole.lending.devices.AssetTag;
import fr.ecole.lending.devices.Device;
import fr.ecole.lending.devices.DeviceDao;
import fr.ecole.lending.devices.DeviceService;
import fr.ecole.lending.devices.DeviceStatus;
import fr.ecole.lending.establishments.Establishment;
import fr.ecole.lending.establishments.EstablishmentDao;
import fr.ecole.lending.families.FamilyDao;
import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.http.Check;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * A broken device replaced within its agreement: the one handed back is returned as at the desk, one
 * of the same kind from the agreement's pool is lent in its place until the same due date, all in one
 * transaction; the swap prints as an amendment.
 */
public class SwapService {
    private static final Map<ReturnCondition, String> CONDITIONS = Map.of(ReturnCondition.GOOD, "bon état",
            ReturnCondition.DAMAGED, "abîmé", ReturnCondition.BROKEN, "hors d'usage");

    private final Database database;
    private final LendingService lending;
    private final ReturnService returns;
    private final Audit audit;
    private final Clock clock;

    public SwapService(Database database, LendingService lending, ReturnService returns, Audit audit, Clock clock) {
        this.database = database;
        this.lending = lending;
        this.returns = returns;
        this.audit = audit;
        this.clock = clock;
    }

    public Swap swap(User actor, String number, NewSwap request) {
        Check.body(request);
        AssetTag out = AssetTag.of(Check.required(request.out(), "out", 40));
        AssetTag in = AssetTag.of(Check.required(request.in(), "in", 40));
        ReturnCondition condition = Check.present(request.condition(), "condition");
        List<String> missing = Check.list(request.missingAccessories(), "missingAccessories", 20, 60);
        String note = Check.optional(request.note(), "note", 1000);
        if (out.value().equalsIgnoreCase(in.value())) {
            throw ApiException.invalid("same_device", "in", "L'appareil de remplacement est celui qui est rendu ("
                    + in + ") : scannez un autre appareil du même type.");
        }
        ReturnService.Handover back = new ReturnService.Handover(condition, missing, note, null);
        // another desk lent or swapped one of the two devices at the same moment: answered as the second one
        return Database.onceMoreAfterConflict(() -> database.write(handle -> swap(handle, actor, number, out, in, back)));
    }

    private Swap swap(Handle handle, User actor, String number, AssetTag outTag, AssetTag inTag,
                      ReturnService.Handover back) {
        Scope scope = Scope.of(actor);
        AgreementDao agreements = Daos.on(handle, AgreementDao.class);
        DeviceDao devices = Daos.on(handle, DeviceDao.class);
        AgreementDao.AgreementRow agreement = LendingService.find(handle, scope, number);
        if (agreement.status() != AgreementStatus.ACTIVE) {
            throw ApiException.conflict("agreement_closed", "number", "La convention " + agreement.number()
                    + " est close : un appareil ne s'y échange plus, faites une nouvelle convention.");
        }
        Device out = DeviceService.find(devices, scope, outTag, "out");
        Device in = DeviceService.find(devices, scope, inTag, "in");
        AgreementDao.OpenLoanRow loan = agreements.openLoanOf(out.id())
                .filter(open -> open.agreementId() == agreement.id())
                .orElseThrow(() -> ApiException.conflict("not_on_agreement", "out", "L'appareil " + out.assetTag()
                        + " n'est pas en prêt sous la convention " + agreement.number()
                        + " : scannez un appareil de cette convention."));
        if (in.kind() != out.kind()) {
            throw ApiException.conflict("different_kind", "in", "L'appareil " + in.assetTag() + " est un(e) "
                    + in.kind().label() + ", l'appareil rendu un(e) " + out.kind().label()
                    + " : remplacez-le par un appareil du même type.");
        }
        LendingRules.checkLendable(in, agreement.uai(), lending.today(), "in");

        // lent first: the agreement then never has nothing out, and stays open when its only device is swapped
        Instant now = clock.instant();
        Loans.lend(handle, audit, actor, agreement.id(), agreement.number(), in, now,
                "En remplacement de " + out.assetTag());
        ReturnReceipt returned = returns.endAtHome(handle, actor, out, loan, back, "missingAccessories");
        long inLoan = agreements.openLoanOf(in.id()).orElseThrow().loanId();
        int swap = Daos.on(handle, SwapDao.class).insert(agreement.id(), loan.loanId(), inLoan, actor.id(), now);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("out", out.assetTag());
        detail.put("in", in.assetTag());
        detail.put("condition", back.condition());
        detail.put("return", returned.id());
        detail.put("amendment", swap);
        audit.record(handle, actor, "SWAP", Audit.Entity.AGREEMENT, agreement.number(), detail);
        DeviceStatus outStatus = devices.findByTag(outTag).orElseThrow().status();
        return new Swap(swap, agreement.number(), out.assetTag(), back.condition(), returned.id(), outStatus.name(),
                in.assetTag(), agreement.dueDate(), "/api/agreements/" + agreement.number() + "/swaps/" + swap + ".pdf");
    }

    /** The swaps of an agreement, for its documents and the family's export. */
    public static List<SwapDao.SwapRow> swapsOf(Handle handle, long agreementId) {
        return Daos.on(handle, SwapDao.class).swaps(agreementId);
    }

    /** The amendment of swap {@code n}: one page, both devices, the state of the one handed back, two signatures. */
    public byte[] amendment(User actor, String number, int n) {
        return database.read(handle -> {
            AgreementDao.AgreementRow row = LendingService.find(handle, Scope.of(actor), number);
            List<SwapDao.SwapRow> swaps = swapsOf(handle, row.id());
            if (n < 1 || n > swaps.size()) {
                throw ApiException.notFound("unknown_amendment", "n", "La convention " + row.number()
                        + " n'a pas d'avenant d'échange n° " + n + ".");
            }
            SwapDao.SwapRow swap = swaps.get(n - 1);
            Establishment school = Daos.on(handle, EstablishmentDao.class).find(row.uai()).orElseThrow();
            FamilyDao.FamilyRow family = Daos.on(handle, FamilyDao.class).find(row.familyId()).orElseThrow();
            try (DocumentWriter pdf = new DocumentWriter()) {
                pdf.amendmentHead("Avenant d'échange n° " + n + " à la convention de prêt " + row.number(), school,
                                family.guardianName())
                        .paragraph("L'appareil " + swap.outTag() + " (" + swap.outModel() + serial(swap.outSerial())
                                + ", état au retour : " + CONDITIONS.get(swap.condition()) + ") est remplacé par "
                                + "l'appareil " + swap.inTag() + " (" + swap.inModel() + serial(swap.inSerial())
                                + ") du même type, aux mêmes conditions. La date de retour prévue reste le "
                                + AgreementDocumentService.DATE.format(row.dueDate()) + ".")
                        .space(8)
                        .line("Échange enregistré le", AgreementDocumentService.TIME.format(swap.swappedAt())
                                + " par " + swap.swappedBy())
                        .signaturePlaces();
                return pdf.bytes();
            }
        });
    }

    private static String serial(String serial) {
        return serial == null || serial.isBlank() ? "" : ", n° de série " + serial;
    }
}
