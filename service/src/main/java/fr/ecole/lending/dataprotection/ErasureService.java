package fr.ecole.lending.dataprotection;

import fr.ecole.lending.audit.Audit;
import fr.ecole.lending.auth.Scope;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.db.Database;
import fr.ecole.lending.families.FamilyService;
import fr.ecole.lending.http.ApiException;
import java.time.Clock;
import java.util.stream.Collectors;

/** Erasure at the family's request: anonymised at once, once every device it borrowed is back. */
public class ErasureService {
    private final Database database;
    private final Audit audit;
    private final Clock clock;

    public ErasureService(Database database, Audit audit, Clock clock) {
        this.database = database;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Anonymises the family; an anonymised family is erased already, and asking again changes nothing.
     * While a device is out, 409 naming each device and its agreement, and nothing changes.
     */
    public void erase(User actor, long familyId) {
        database.write(handle -> {
            FamilyService.find(handle, Scope.of(actor), familyId, "id");
            Anonymisation.Outcome outcome = Anonymisation.anonymise(handle, audit, actor, familyId, "request",
                    clock.instant());
            if (!outcome.devicesOut().isEmpty()) {
                throw ApiException.conflict("active_agreement", "id", "Des appareils sont encore prêtés à cette "
                        + "famille : " + outcome.devicesOut().stream()
                        .map(out -> out.assetTag() + " (convention " + out.agreementNumber() + ")")
                        .collect(Collectors.joining(", "))
                        + ". Enregistrez leur retour (ou leur perte), puis effacez la famille.");
            }
            return outcome;
        });
    }
}
