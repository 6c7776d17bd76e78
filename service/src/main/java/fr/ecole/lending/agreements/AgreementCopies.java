package fr.ecole.lending.agreements;

import fr.ecole.lending.audit.Audit;
import fr.ecole.lending.auth.Scope;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.db.Daos;
import fr.ecole.lending.db.Database;
import fr.ecole.lending.families.FamilyDao;
import fr.ecole.lending.families.FamilyService;
import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.http.Check;
import fr.ecole.lending.messages.Message;
import fr.ecole.lending.messages.MessageService;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

/**
 * A copy of the signed agreement, e-mailed to the family when it asks at the desk: the very document
 * signed, attached when the message is sent, not stored a second time. An address given for the copy
 * only is kept in the message alone, not in the family's record.
 */
public class AgreementCopies {
    private final Database database;
    private final Audit audit;
    private final Clock clock;

    public AgreementCopies(Database database, Audit audit, Clock clock) {
        this.database = database;
        this.audit = audit;
        this.clock = clock;
    }

    /** {@code POST /api/agreements/{number}/copy}: the address to send to, the family's when absent. */
    public record CopyRequest(String email) {
    }

    public Message queue(User actor, String number, CopyRequest request) {
        String given = request == null ? null : Check.optional(request.email(), "email", 200);
        if (given != null && !FamilyService.EMAIL.matcher(given).matches()) {
            throw ApiException.invalid("invalid_email", "email", "L'adresse e-mail « " + given + " » n'est pas valide.");
        }
        Instant now = clock.instant();
        return database.write(handle -> {
            AgreementDao.AgreementRow row = LendingService.find(handle, Scope.of(actor), number);
            if (row.signedAt() == null || Daos.on(handle, AgreementDao.class).keptDocument(row.id()).isEmpty()) {
                throw ApiException.conflict("not_signed", "number", "La convention " + row.number()
                        + " n'est pas encore signée : la copie envoyée est celle qui a été signée.");
            }
            String recipient = given != null ? given
                    : Daos.on(handle, FamilyDao.class).find(row.familyId()).orElseThrow().guardianEmail();
            if (recipient == null || recipient.isBlank()) {
                throw ApiException.invalid("no_email", "email", "La famille n'a pas donné d'adresse e-mail : "
                        + "indiquez celle où envoyer la copie.");
            }
            // asked twice the same day for the same address: one message
            Message message = MessageService.queue(handle, row.uai(), row.familyId(), MessageService.Kind.AGREEMENT_COPY,
                    MessageService.Channel.EMAIL, recipient, "Votre convention de prêt " + row.number(),
                    "Bonjour,\n\nVous trouverez ci-joint la convention de prêt " + row.number()
                            + " que vous avez signée, comme vous l'avez demandé à l'établissement.\n\n"
                            + "Merci, le poste de prêt de l'établissement.\n",
                    row.number(), "AGREEMENT_COPY:" + row.number() + ":" + now.toString().substring(0, 10) + ":"
                            + fingerprint(recipient), now);
            audit.record(handle, actor, "SEND_COPY", Audit.Entity.AGREEMENT, row.number(),
                    Map.of("message", message.id()));
            return message;
        });
    }

    /** A short hash of the address, for the idempotency key (the key is rewritten when the family is erased). */
    private static String fingerprint(String address) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(address.strip().toLowerCase(java.util.Locale.ROOT)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
