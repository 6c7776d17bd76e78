package fr.ecole.lending.agreements;

import fr.ecole.lending.audit.Audit;
import fr.ecole.lending.auth.Scope;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.db.Daos;
import fr.ecole.lending.db.Database;
import fr.ecole.lending.devices.AssetTag;
import fr.ecole.lending.devices.Device;
import fr.ecole.lending.devices.DeviceDao;
import fr.ecole.lending.establishments.Establishment;
import fr.ecole.lending.establishments.EstablishmentDao;
import fr.ecole.lending.families.FamilyDao;
import fr.ecole.lending.geography.Uai;
import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.http.Check;
import fr.ecole.lending.http.Page;
import fr.ecole.lending.http.PageRequest;
import fr.ecole.lending.labels.Label;
import fr.ecole.lending.labels.LabelPrinter;
import fr.ecole.lending.labels.Payloads;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The agreement as a document: printed before signature from the terms it was made with, signed
 * once for the whole bundle and then kept as the very bytes signed; renewals after signature print
 * as one-page amendments. Also the list of agreements a desk follows up.
 */
public class AgreementDocumentService {
    /** How the agreements' documents write a day: 4 juin 2027. */
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRENCH);
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMMM yyyy 'à' HH'h'mm", Locale.FRENCH)
            .withZone(ZoneId.of("Europe/Paris"));

    private final Database database;
    private final LendingService lending;
    private final Terms terms;
    private final Audit audit;
    private final Clock clock;
    private final Payloads payloads;
    /** How families reach the data-protection officer; null when none is configured. */
    private final String dataProtectionContact;

    public AgreementDocumentService(Database database, LendingService lending, Terms terms, Audit audit, Clock clock,
                                    Payloads payloads, String dataProtectionContact) {
        this.database = database;
        this.lending = lending;
        this.terms = terms;
        this.audit = audit;
        this.clock = clock;
        this.payloads = payloads;
        this.dataProtectionContact = dataProtectionContact;
    }

    /** The sentence that names the data-protection officer's contact, or null when none is configured. */
    public static String dataProtectionOfficer(String contact) {
        return contact == null ? null : "Délégué à la protection des données : " + contact + ".";
    }

    /** {@code POST /api/agreements/{number}/signature}: the guardian signs for the bundle, on paper or on screen. */
    public record Signature(String signedBy, Instant signedAt,
                            @Schema(description = "La signature dessinée à l'écran, en PNG base64 (préfixe "
                                    + "data:image/png;base64, admis ; 2000 × 1000 points et 256 Ko au plus), "
                                    + "conservée dans le document signé seulement ; absente pour une signature "
                                    + "sur papier") String drawing) {
    }

    public record Renewal(LocalDate dueDate) {
    }

    /** The document: the kept bytes once signed, otherwise rendered now from the agreement's terms. */
    public byte[] document(User actor, String number) {
        return database.read(handle -> {
            AgreementDao.AgreementRow row = LendingService.find(handle, Scope.of(actor), number);
            return Daos.on(handle, AgreementDao.class).keptDocument(row.id()).orElseGet(() -> render(handle, row, null));
        });
    }

    public Agreement sign(User actor, String number, Signature signature) {
        Check.body(signature);
        String signedBy = Check.required(signature.signedBy(), "signedBy", 120);
        Instant signedAt = Check.present(signature.signedAt(), "signedAt");
        DrawnSignature drawn = DrawnSignature.parse(signature.drawing());
        Instant now = clock.instant();
        if (signedAt.isAfter(now.plus(Duration.ofMinutes(5)))) {
            throw ApiException.invalid("signed_in_future", "signedAt", "La date de signature est dans le futur : "
                    + "indiquez le moment où le responsable a signé.");
        }
        return database.write(handle -> {
            AgreementDao agreements = Daos.on(handle, AgreementDao.class);
            AgreementDao.AgreementRow row = LendingService.find(handle, Scope.of(actor), number);
            if (row.status() != AgreementStatus.ACTIVE) {
                throw ApiException.conflict("agreement_closed", "number", "La convention " + row.number()
                        + " est close : elle ne se signe plus.");
            }
            if (signedAt.isBefore(row.createdAt().minus(Duration.ofMinutes(5)))) {
                throw ApiException.invalid("signed_before_agreement", "signedAt",
                        "La date de signature précède la convention : vérifiez-la.");
            }
            if (agreements.sign(row.id(), signedBy, signedAt) != 1) {
                throw ApiException.conflict("already_signed", "number", "La convention " + row.number()
                        + " est déjà signée (par " + row.signedBy() + ").");
            }
            AgreementDao.AgreementRow signed = agreements.findByNumber(row.number()).orElseThrow();
            // rendered once, now, and kept: later terms never change what was signed
            agreements.keepDocument(row.id(), render(handle, signed, drawn), now);
            audit.record(handle, actor, "SIGN", Audit.Entity.AGREEMENT, row.number(),
                    Map.of("signedAt", signedAt, "termsVersion", String.valueOf(row.termsVersion()),
                            "drawn", drawn != null));
            return lending.assemble(agreements, signed);
        });
    }

    /** A new due date; after signature it prints as an amendment, numbered from 1. */
    public Agreement renew(User actor, String number, Renewal renewal) {
        Check.body(renewal);
        LocalDate dueDate = Check.present(renewal.dueDate(), "dueDate");
        LendingRules.checkDueDate(dueDate, lending.today());
        return database.write(handle -> {
            AgreementDao agreements = Daos.on(handle, AgreementDao.class);
            AgreementDao.AgreementRow row = LendingService.find(handle, Scope.of(actor), number);
            if (row.status() != AgreementStatus.ACTIVE || agreements.setDueDate(row.id(), dueDate) != 1) {
                throw ApiException.conflict("agreement_closed", "number", "La convention " + row.number()
                        + " est close : elle ne se prolonge plus.");
            }
            agreements.recordRenewal(row.id(), row.dueDate(), dueDate, actor.id(), clock.instant());
            audit.record(handle, actor, "RENEW", Audit.Entity.AGREEMENT, row.number(),
                    Map.of("dueDate", Map.of("before", row.dueDate(), "after", dueDate)));
            return lending.assemble(agreements, agreements.findByNumber(row.number()).orElseThrow());
        });
    }

    /** Amendment {@code n}: one page recording a renewal made after signature. */
    public byte[] amendment(User actor, String number, int n) {
        return database.read(handle -> {
            AgreementDao agreements = Daos.on(handle, AgreementDao.class);
            AgreementDao.AgreementRow row = LendingService.find(handle, Scope.of(actor), number);
            List<AgreementDao.RenewalRow> amendments = amendments(agreements.renewals(row.id()),
                    agreements.documentRenderedAt(row.id()).orElse(null));
            AgreementDao.RenewalRow renewal = java.util.Optional.ofNullable(n >= 1 && n <= amendments.size()
                            ? amendments.get(n - 1) : null)
                    .orElseThrow(() -> ApiException.notFound("unknown_amendment", "n", "La convention " + row.number()
                            + " n'a pas d'avenant n° " + n + " : seule une prolongation après signature en fait un."));
            Establishment school = Daos.on(handle, EstablishmentDao.class).find(row.uai()).orElseThrow();
            FamilyDao.FamilyRow family = Daos.on(handle, FamilyDao.class).find(row.familyId()).orElseThrow();
            try (DocumentWriter pdf = new DocumentWriter()) {
                pdf.amendmentHead("Avenant n° " + n + " à la convention de prêt " + row.number(), school,
                                family.guardianName())
                        .paragraph("La date de retour prévue des appareils prêtés par la convention " + row.number()
                                + ", signée le " + TIME.format(row.signedAt()) + " par " + row.signedBy()
                                + ", passe du " + DATE.format(renewal.dueBefore()) + " au "
                                + DATE.format(renewal.dueAfter()) + ". Les autres conditions restent inchangées.")
                        .space(8)
                        .line("Prolongation enregistrée le", TIME.format(renewal.renewedAt()) + " par " + renewal.renewedBy())
                        .signaturePlaces();
                return pdf.bytes();
            }
        });
    }

    /** The renewals made after the signature was recorded ({@code signed}), amendments numbered from 1. */
    public static List<AgreementDao.RenewalRow> amendments(List<AgreementDao.RenewalRow> renewals, Instant signed) {
        return signed == null ? List.of() : renewals.stream().filter(r -> !r.renewedAt().isBefore(signed)).toList();
    }

    /**
     * The receipt of a return, for the family to keep: what came back, when, in what state. A device
     * handed in at another school has the same number: that school's desk prints a receipt that names
     * neither the family nor the agreement; the owning school's shows both, where the device was
     * handed in and what became of it.
     */
    public byte[] receipt(User actor, long returnId) {
        return database.read(handle -> {
            AgreementDao agreements = Daos.on(handle, AgreementDao.class);
            Optional<AgreementDao.HandInRow> handIn = agreements.handIn(returnId);
            Optional<AgreementDao.ReturnDetail> returned = agreements.returnDetail(returnId);
            Scope scope = Scope.of(actor);
            AgreementDao.ReturnDetail back = returned.or(() -> handIn.map(AgreementDao.HandInRow::asReturn))
                    .filter(detail -> scope.coversEstablishment(detail.uai())
                            || (detail.receivedUai() != null && scope.coversEstablishment(detail.receivedUai())))
                    .orElseThrow(() -> ApiException.notFound("unknown_return", "id",
                            "Aucun retour n'a le numéro " + returnId + "."));
            boolean owning = scope.coversEstablishment(back.uai());
            EstablishmentDao establishments = Daos.on(handle, EstablishmentDao.class);
            Establishment school = establishments.find(back.uai()).orElseThrow();
            Establishment receiving = back.receivedUai() == null ? null
                    : establishments.find(back.receivedUai()).orElseThrow();
            String kind = capitalized(fr.ecole.lending.devices.DeviceKind.valueOf(back.kind()).label());
            try (DocumentWriter pdf = new DocumentWriter()) {
                pdf.title((returned.isPresent() ? "Reçu de retour n° " : "Reçu de remise n° ") + back.id());
                if (owning) {
                    pdf.line("Établissement", place(school))
                            .line("Responsable légal", Daos.on(handle, FamilyDao.class).find(back.familyId())
                                    .orElseThrow().guardianName())
                            .line("Convention", back.agreementNumber())
                            .line("Appareil rendu", kind + " " + back.model() + (back.serial() == null ? ""
                                    : ", n° de série " + back.serial()) + ", étiquette " + back.assetTag());
                    if (receiving != null) {
                        pdf.line("Remis à", place(receiving));
                    }
                } else {
                    // the family and the agreement are the owning school's: this desk only took the device in
                    pdf.line("Établissement", place(receiving))
                            .paragraph("Remis pour le compte de " + school.name() + ".")
                            .line("Appareil rendu", kind + ", étiquette " + back.assetTag());
                }
                pdf.line("Rendu le", TIME.format(back.receivedAt()))
                        .line("État", switch (back.condition()) {
                            case GOOD -> "bon état";
                            case DAMAGED -> "abîmé";
                            case BROKEN -> "hors d'usage";
                        })
                        .line("Accessoires manquants", back.missingAccessories().isEmpty() ? "aucun"
                                : back.missingAccessories().replace("\n", ", "));
                if (back.note() != null) {
                    pdf.line("Remarque", back.note());
                }
                pdf.space(8).line("Reçu par", back.receivedBy());
                if (owning && handIn.isPresent()) {
                    pdf.line("Suite donnée", decision(handIn.get()));
                }
                if (!owning) {
                    pdf.paragraph("C'est cet établissement qui enregistre le retour de l'appareil.");
                }
                pdf.paragraph("Aucune pénalité n'est demandée pour un appareil abîmé ou incomplet.");
                return pdf.bytes();
            }
        });
    }

    private static String place(Establishment school) {
        return school.name() + " (" + school.uai() + "), " + school.communeName();
    }

    /** What the owning school made of a hand-in, in a few words. */
    private static String decision(AgreementDao.HandInRow handIn) {
        String when = handIn.decidedAt() == null ? "" : TIME.format(handIn.decidedAt());
        return switch (handIn.status()) {
            case PENDING -> "en attente de la confirmation de l'établissement";
            case CONFIRMED -> "retour confirmé le " + when + " par " + handIn.decidedBy();
            case REFUSED -> "remise refusée le " + when + " par " + handIn.decidedBy() + " : " + handIn.refusalReason();
            case SUPERSEDED, RETURNED -> "appareil rendu à l'établissement le " + when;
        };
    }

    /** One page in plain words for the family: what they borrowed, until when, whom to call. */
    public byte[] summary(User actor, String number) {
        return database.read(handle -> {
            AgreementDao.AgreementRow row = LendingService.find(handle, Scope.of(actor), number);
            Establishment school = Daos.on(handle, EstablishmentDao.class).find(row.uai()).orElseThrow();
            DeviceDao devices = Daos.on(handle, DeviceDao.class);
            try (DocumentWriter pdf = new DocumentWriter()) {
                pdf.title("Votre prêt, en résumé")
                        .paragraph("L'établissement " + school.name() + " vous prête gratuitement :");
                for (Agreement.Loan loan : Daos.on(handle, AgreementDao.class).loansOf(row.id())) {
                    if (loan.returnedAt() == null && loan.lostAt() == null) {
                        Device device = devices.findByTag(AssetTag.of(loan.assetTag())).orElseThrow();
                        pdf.paragraph("• un " + device.kind().label() + " (étiquette " + device.assetTag() + ")"
                                + (device.accessories().isEmpty() ? "" : " avec " + String.join(", ", device.accessories())));
                    }
                }
                pdf.space(6)
                        .paragraph("À rendre au plus tard le " + DATE.format(row.dueDate()) + ", à l'établissement.")
                        .paragraph("Il sert au travail scolaire des enfants du foyer. Prenez-en soin ; ne le prêtez pas.")
                        .paragraph("En cas de panne, de casse ou de perte, prévenez l'établissement : il n'y a pas de "
                                + "pénalité, on cherche une solution avec vous.")
                        .paragraph("Vos données servent seulement à organiser ce prêt. Vous pouvez les consulter, les "
                                + "faire corriger ou effacer en le demandant à l'établissement.");
                if (dataProtectionContact != null) {
                    pdf.paragraph(dataProtectionOfficer(dataProtectionContact));
                }
                pdf.space(6).line("Votre convention", row.number());
                return pdf.bytes();
            }
        });
    }

    /** Agreements a desk follows: of an establishment, by status, overdue ones. */
    public Page<AgreementSummary> list(User actor, Uai uai, AgreementStatus status, boolean overdue, PageRequest page) {
        Scope scope = Scope.of(actor);
        if (uai != null) {
            scope.requireEstablishment(uai.value(), "uai");
        }
        boolean anySchool = uai == null && scope.isAdmin();
        List<String> schools = uai != null ? List.of(uai.value())
                : scope.isAdmin() ? List.of("") : List.copyOf(scope.establishments());
        LocalDate today = lending.today();
        return database.read(handle -> {
            List<AgreementSummary> rows = Daos.on(handle, AgreementDao.class)
                    .list(anySchool, schools.isEmpty() ? List.of("") : schools, status, overdue ? today : null,
                            page.after(), page.fetch())
                    .stream()
                    .map(row -> new AgreementSummary(row.id(), row.number(), row.status(), row.familyId(), row.uai(),
                            row.dueDate(), LendingRules.isOverdue(row.status(), row.dueDate(), today),
                            row.preferredContact()))
                    .toList();
            return Page.of(rows, page, AgreementSummary::id);
        });
    }

    /** An agreement in a list, with the guardian's preferred contact channel for the follow-up. */
    public record AgreementSummary(@com.fasterxml.jackson.annotation.JsonIgnore long id, String number,
                                   AgreementStatus status, long familyId, String uai, LocalDate dueDate,
                                   boolean overdue, String preferredContact) {
    }

    /**
     * The agreement as a document, in French: parties, pupils, devices, dates, terms, QR code, signature
     * ({@code drawn}, when the guardian signed on screen, is drawn under it).
     */
    private byte[] render(Handle handle, AgreementDao.AgreementRow row, DrawnSignature drawn) {
        Establishment school = Daos.on(handle, EstablishmentDao.class).find(row.uai()).orElseThrow();
        FamilyDao families = Daos.on(handle, FamilyDao.class);
        FamilyDao.FamilyRow family = families.find(row.familyId()).orElseThrow();
        List<FamilyDao.PupilRow> pupils = families.pupilsOf(List.of(row.familyId()));
        DeviceDao devices = Daos.on(handle, DeviceDao.class);
        List<Agreement.Loan> loans = Daos.on(handle, AgreementDao.class).loansOf(row.id());
        String payload = payloads.agreement(row.number());
        try (DocumentWriter pdf = new DocumentWriter()) {
            pdf.imageTopRight(LabelPrinter.png(new Label(payload, List.of(), null)), 80)
                    .title("Convention de prêt " + row.number())
                    .line("Établissement", school.name() + " (" + school.uai() + "), " + school.communeName())
                    .line("Responsable légal", family.guardianName())
                    .line("Contact préféré", contact(family))
                    .line("Élèves", String.join(", ", pupils.stream().map(p -> p.firstName() + " (" + p.level() + ")")
                            .toList()))
                    .line("Début du prêt", DATE.format(row.createdAt().atZone(ZoneId.of("Europe/Paris")).toLocalDate()))
                    .line("Retour prévu le", DATE.format(row.dueDate()))
                    .heading("Appareils prêtés");
            for (Agreement.Loan loan : loans) {
                Device device = devices.findByTag(AssetTag.of(loan.assetTag())).orElseThrow();
                pdf.paragraph("• " + capitalized(device.kind().label()) + " " + device.model()
                        + (device.serial() == null ? "" : ", n° de série " + device.serial())
                        + ", étiquette " + device.assetTag()
                        + (device.accessories().isEmpty() ? "" : ", accessoires : " + String.join(", ", device.accessories())));
            }
            String version = row.termsVersion() == null ? "1" : row.termsVersion();
            boolean inDataNotice = false;
            boolean contactPrinted = dataProtectionContact == null;
            for (String line : terms.text(version).split("\\R")) {
                if (line.startsWith("# ")) {
                    // the officer's contact closes the terms' data-protection notice, whatever follows it
                    if (inDataNotice && !contactPrinted) {
                        pdf.paragraph(dataProtectionOfficer(dataProtectionContact));
                        contactPrinted = true;
                    }
                    inDataNotice = line.toLowerCase(Locale.FRENCH).contains("données");
                    pdf.heading(line.substring(2));
                } else if (!line.isBlank()) {
                    pdf.paragraph(line);
                }
            }
            if (!contactPrinted) {
                pdf.paragraph(dataProtectionOfficer(dataProtectionContact));
            }
            // the heading, the sentence and the drawn signature on one page
            pdf.paragraph("Conditions version " + version + ".").room(drawn == null ? 0 : 140).heading("Signature");
            if (row.signedAt() != null) {
                pdf.paragraph("Signée " + (drawn == null ? "" : "à l'écran ") + "pour l'ensemble des appareils par "
                        + row.signedBy() + " le " + TIME.format(row.signedAt()) + ".");
                if (drawn != null) {
                    pdf.image(drawn.png(), 240, 80);
                }
            } else {
                pdf.paragraph("Le responsable légal, pour l'ensemble des appareils ci-dessus :").space(40)
                        .paragraph("Nom, date et signature :").space(30).paragraph("Pour l'établissement :");
            }
            return pdf.bytes();
        }
    }

    private static String contact(FamilyDao.FamilyRow family) {
        return switch (family.preferredContact()) {
            case SMS -> "SMS au " + family.guardianPhone();
            case PHONE -> "téléphone au " + family.guardianPhone();
            case EMAIL -> "e-mail à " + family.guardianEmail();
            case PAPER -> "courrier remis par l'établissement";
        };
    }

    private static String capitalized(String text) {
        return text.substring(0, 1).toUpperCase(Locale.FRENCH) + text.substring(1);
    }
}
