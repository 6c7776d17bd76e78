package fr.ecole.lending.dataprotection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.ecole.lending.agreements.AgreementDao;
import fr.ecole.lending.agreements.AgreementDocumentService;
import fr.ecole.lending.agreements.DocumentWriter;
import fr.ecole.lending.agreements.HandoverService;
import fr.ecole.lending.agreements.SwapDao;
import fr.ecole.lending.devices.DeviceKind;
import fr.ecole.lending.diagnostics.Decision;
import fr.ecole.lending.diagnostics.DiagnosticView;
import fr.ecole.lending.families.Family;
import fr.ecole.lending.families.Pupil;
import fr.ecole.lending.referrals.Referral;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A family's export on paper, in French, for a family that has no e-mail: the same content as the JSON. */
final class FamilyExportPdf {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRENCH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMMM yyyy 'à' HH'h'mm", Locale.FRENCH)
            .withZone(ZoneId.of("Europe/Paris"));
    private static final Map<String, String> ROLES = Map.of("ADMIN", "administrateur", "DESK", "poste de prêt",
            "SOCIAL_WORKER", "travailleur social", "COLLECTIVITY", "collectivité");
    private static final Map<String, String> ACTIONS = Map.of("CREATE", "création", "UPDATE", "correction",
            "READ", "consultation", "EXPORT", "export de ses données", "SIGN", "signature", "RENEW", "prolongation",
            "STATUS_CHANGE", "changement d'état", "SWAP", "échange d'appareil");
    private static final Map<String, String> EVENTS = Map.ofEntries(Map.entry("LENT", "prêté"),
            Map.entry("RETURNED", "rendu"), Map.entry("REPAIR_OUT", "parti en réparation"),
            Map.entry("REPAIR_BACK", "revenu de réparation"), Map.entry("LOST", "déclaré perdu"),
            Map.entry("STATUS_CHANGED", "changement d'état"), Map.entry("WIPED", "effacé"),
            Map.entry("TRANSFERRED", "transféré"), Map.entry("HANDED_IN", "remis à un autre établissement"),
            Map.entry("HANDED_OVER", "passé avec sa convention au nouvel établissement de l'élève"),
            Map.entry("HAND_IN_REFUSED", "remise refusée"));
    private static final Map<String, String> HAND_INS = Map.of("PENDING", "en attente de confirmation",
            "CONFIRMED", "retour confirmé", "REFUSED", "refusée", "SUPERSEDED", "close par le retour de l'appareil");
    private static final Map<String, String> CONDITIONS = Map.of("GOOD", "bon état", "DAMAGED", "abîmé",
            "BROKEN", "hors d'usage");
    private static final Map<String, String> RECORDS = Map.of("FAMILY", "fiche de la famille", "DIAGNOSTIC",
            "diagnostic", "REFERRAL", "orientation", "AGREEMENT", "convention", "RETURN", "retour");

    private FamilyExportPdf() {
    }

    static byte[] render(FamilyExport export) {
        Family family = export.family();
        try (DocumentWriter pdf = new DocumentWriter()) {
            pdf.title("Vos données au service de prêt d'appareils")
                    .paragraph("Tout ce que le service conserve sur la famille n° " + family.id() + ", édité le "
                            + TIME.format(export.exportedAt()) + " par " + staff(export.exportedBy()) + ".")
                    .heading("Responsable légal")
                    .line("Nom", family.guardian().name())
                    .line("Téléphone", orNone(family.guardian().phone()))
                    .line("E-mail", orNone(family.guardian().email()))
                    .line("Contact préféré", family.guardian().preferredContact().name())
                    .line("Commune (code INSEE)", family.communeInsee())
                    .line("Fiche créée le", TIME.format(family.createdAt()) + ", modifiée le " + TIME.format(family.updatedAt()))
                    .heading("Élèves");
            for (Pupil pupil : family.pupils()) {
                pdf.paragraph("• " + pupil.firstName() + ", classe " + pupil.level() + ", établissement " + pupil.uai());
            }
            diagnostics(pdf, export.diagnostics());
            referrals(pdf, export.referrals());
            agreements(pdf, export.agreements());
            pdf.heading("Relances");
            if (export.reminders().isEmpty()) {
                pdf.paragraph("Aucune relance.");
            }
            for (FamilyExport.Reminder reminder : export.reminders()) {
                pdf.paragraph("• " + TIME.format(reminder.remindedAt()) + " : " + reminder.channel() + ", par l'établissement "
                        + reminder.uai() + " (" + reminder.remindedBy() + ")");
            }
            pdf.heading("Courriels et SMS");
            if (export.messages().isEmpty()) {
                pdf.paragraph("Aucun courriel ni SMS.");
            }
            for (FamilyExport.Message message : export.messages()) {
                pdf.paragraph("• " + TIME.format(message.createdAt()) + " : " + ("SMS".equals(message.channel())
                        ? "SMS" : "courriel") + " « " + message.subject() + " » à "
                        + orNone(message.recipient()) + (message.sentAt() == null
                        ? ", non envoyé (" + message.status() + ")" : ", envoyé le " + TIME.format(message.sentAt())));
            }
            pdf.heading("Qui a consulté ou modifié votre dossier");
            for (FamilyExport.AuditLine line : export.audit()) {
                pdf.paragraph("• " + TIME.format(line.at()) + " : " + ACTIONS.getOrDefault(line.action(), line.action())
                        + " (" + RECORDS.getOrDefault(line.entity(), line.entity()) + " " + line.entityId() + ") par "
                        + staff(line.who()) + (line.detail() == null ? "" : " ; " + detail(line.detail())));
            }
            pdf.heading("Vos droits")
                    .paragraph("Vous pouvez faire corriger ou effacer ces données (sauf pendant un prêt en cours) en le "
                            + "demandant au poste de prêt de l'établissement.");
            String officer = AgreementDocumentService.dataProtectionOfficer(export.dataProtectionContact());
            if (officer != null) {
                pdf.paragraph(officer);
            }
            return pdf.bytes();
        }
    }

    private static void referrals(DocumentWriter pdf, List<Referral> referrals) {
        pdf.heading("Orientations vers d'autres aides");
        if (referrals.isEmpty()) {
            pdf.paragraph("Aucune orientation.");
        }
        for (Referral r : referrals) {
            StringBuilder dates = new StringBuilder("proposée le " + TIME.format(r.proposedAt()) + " par " + r.proposedBy());
            appendDate(dates, "acceptée", r.acceptedAt());
            appendDate(dates, "réalisée", r.doneAt());
            appendDate(dates, "refusée", r.declinedAt());
            pdf.paragraph("• " + r.kind().label() + (r.to() == null ? "" : " : " + r.to()) + " — "
                    + r.status().label().toLowerCase(Locale.FRENCH) + " (" + dates + ")"
                    + (r.note() == null ? "" : ". Remarque : " + r.note()));
        }
    }

    private static void appendDate(StringBuilder dates, String what, Instant at) {
        if (at != null) {
            dates.append(", ").append(what).append(" le ").append(TIME.format(at));
        }
    }

    private static void diagnostics(DocumentWriter pdf, List<DiagnosticView> diagnostics) {
        pdf.heading("Diagnostics");
        if (diagnostics.isEmpty()) {
            pdf.paragraph("Aucun diagnostic.");
        }
        for (DiagnosticView d : diagnostics) {
            Decision.Connectivity connection = d.connectivity();
            pdf.paragraph("Diagnostic n° " + d.id() + " du " + TIME.format(d.madeAt()) + " par " + d.madeBy()
                            + ", critères version " + d.criteriaVersion() + ", valable jusqu'au " + date(d.expires()) + " :")
                    .line("Décision", (d.eligible() ? "éligible" : "non éligible") + ", priorité " + d.priority()
                            + ", besoins : " + (d.needs().isEmpty() ? "aucun" : d.needs().toString())
                            + (d.whiteZone() ? ", zone blanche" : ""))
                    .line("Connexion", "sans connexion " + yes(connection.noConnection()) + ", forfait mobile limité "
                            + yes(connection.mobileCapped()) + ", débit fixe faible " + yes(connection.lowFixedSpeed()))
                    .line("Réponses", answers(d.answers()));
            for (Decision.Reason reason : d.reasons()) {
                pdf.paragraph("• " + reason.effect());
            }
        }
    }

    private static void agreements(DocumentWriter pdf, List<FamilyExport.ExportedAgreement> agreements) {
        pdf.heading("Conventions de prêt");
        if (agreements.isEmpty()) {
            pdf.paragraph("Aucune convention.");
        }
        for (FamilyExport.ExportedAgreement a : agreements) {
            pdf.paragraph("Convention " + a.number() + " de l'établissement " + a.uai() + ", faite le "
                            + TIME.format(a.createdAt()) + " par " + a.createdBy() + " ("
                            + (a.status().name().equals("ACTIVE") ? "en cours" : "close le " + TIME.format(a.closedAt()))
                            + "), retour prévu le " + date(a.dueDate()) + ", conditions version " + a.termsVersion())
                    .line("Signée", a.signedAt() == null ? "non" : "par " + a.signedBy() + " le " + TIME.format(a.signedAt()));
            if (a.diagnosticId() != null) {
                pdf.line("Prêt fondé sur le diagnostic", "n° " + a.diagnosticId());
            }
            if (a.overrideReason() != null) {
                pdf.line("Raison du prêt", a.overrideReason());
            }
            for (FamilyExport.Loan loan : a.loans()) {
                pdf.paragraph("• " + DeviceKind.valueOf(loan.kind()).label() + " " + loan.model() + (loan.serial() == null ? "" : ", n° de série "
                        + loan.serial()) + ", étiquette " + loan.assetTag() + ", prêté le " + TIME.format(loan.outAt())
                        + (loan.returnedAt() == null ? "" : ", rendu le " + TIME.format(loan.returnedAt()))
                        + (loan.lostAt() == null ? "" : ", déclaré perdu le " + TIME.format(loan.lostAt()))
                        + returned(loan.handedBack()));
                for (FamilyExport.HandIn handIn : loan.handIns()) {
                    pdf.paragraph("   remis le " + TIME.format(handIn.receivedAt()) + " à l'établissement "
                            + handIn.receivedUai() + " (remise n° " + handIn.id() + ", reçue par " + handIn.receivedBy()
                            + ", état : " + CONDITIONS.getOrDefault(handIn.condition(), handIn.condition())
                            + (handIn.note() == null ? "" : ", remarque : " + handIn.note()) + ") : "
                            + HAND_INS.getOrDefault(handIn.status(), handIn.status())
                            + (handIn.decidedAt() == null ? "" : " le " + TIME.format(handIn.decidedAt()) + " par "
                            + handIn.decidedBy())
                            + (handIn.refusalReason() == null ? "" : ", motif : " + handIn.refusalReason()));
                }
            }
            for (AgreementDao.RenewalRow renewal : a.renewals()) {
                pdf.paragraph("• Prolongation n° " + renewal.number() + " le " + TIME.format(renewal.renewedAt()) + " par "
                        + renewal.renewedBy() + " : du " + date(renewal.dueBefore()) + " au " + date(renewal.dueAfter()));
            }
            for (SwapDao.SwapRow swap : a.swaps()) {
                pdf.paragraph("• Échange n° " + swap.number() + " le " + TIME.format(swap.swappedAt()) + " par "
                        + swap.swappedBy() + " : " + swap.outTag() + " (rendu "
                        + CONDITIONS.getOrDefault(swap.condition().name(), swap.condition().name()) + ") remplacé par "
                        + swap.inTag());
            }
            for (HandoverService.Handover handover : a.handovers()) {
                pdf.paragraph("• Passation n° " + handover.number() + " le " + TIME.format(handover.handedAt()) + " par "
                        + handover.handedBy() + " : de " + handover.fromAgreement() + " (" + handover.fromUai() + ") à "
                        + handover.toAgreement() + " (" + handover.toUai() + "), appareils "
                        + String.join(", ", handover.devices().stream().map(HandoverService.HandedDevice::assetTag).toList()));
            }
            for (FamilyExport.Event event : a.history()) {
                pdf.paragraph("• " + TIME.format(event.at()) + " : " + event.assetTag() + " "
                        + EVENTS.getOrDefault(event.event(), event.event()) + " ("
                        + event.actor() + ")" + (event.note() == null ? "" : " ; " + event.note()));
            }
            pdf.paragraph("Documents :");
            for (FamilyExport.Document document : a.documents()) {
                pdf.paragraph("• " + document.title() + (document.date() == null ? "" : " du " + TIME.format(document.date()))
                        + " : " + document.href());
            }
            pdf.space(4);
        }
    }

    private static String returned(FamilyExport.Return back) {
        if (back == null) {
            return "";
        }
        List<String> parts = new ArrayList<>(List.of("retour n° " + back.id() + " reçu par " + back.receivedBy(),
                "état : " + CONDITIONS.getOrDefault(back.condition(), back.condition())));
        if (!back.missingAccessories().isEmpty()) {
            parts.add("manquait : " + String.join(", ", back.missingAccessories()));
        }
        if (back.receivedUai() != null) {
            parts.add("rendu à l'établissement " + back.receivedUai());
        }
        if (back.note() != null) {
            parts.add("remarque : " + back.note());
        }
        return " (" + String.join(", ", parts) + ")";
    }

    /** An audit entry's detail as "name = value" pairs, which wrap on a page where raw JSON would not. */
    private static String detail(String json) {
        try {
            return answers(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            return json;
        }
    }

    private static String answers(JsonNode answers) {
        List<String> parts = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = answers.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            parts.add(field.getKey() + " = " + (field.getValue().isValueNode() ? field.getValue().asText()
                    : field.getValue().toString().replace(",", ", ")));
        }
        return String.join(", ", parts);
    }

    private static String staff(FamilyExport.Staff who) {
        return who.role() == null ? who.name() : who.name() + " (" + ROLES.getOrDefault(who.role(), who.role()) + ")";
    }

    private static String date(LocalDate date) {
        return DATE.format(date);
    }

    private static String yes(boolean value) {
        return value ? "oui" : "non";
    }

    private static String orNone(String value) {
        return value == null ? "aucun" : value;
    }
}
