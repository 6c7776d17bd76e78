package fr.ecole.lending.funders;

import fr.ecole.lending.audit.Audit;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.db.Daos;
import fr.ecole.lending.db.Database;
import fr.ecole.lending.devices.Funding;
import fr.ecole.lending.geography.Territory;
import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.http.Check;
import fr.ecole.lending.http.Page;
import fr.ecole.lending.http.PageRequest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * The funders of devices: listed to everyone signed in (they are public organisations), recorded by
 * an administrator. A funder is never deleted: devices and users point to it for as long as they exist.
 */
public class FunderService {
    static final int NAME_LENGTH = 200;

    private final Database database;
    private final Audit audit;
    private final Clock clock;

    public FunderService(Database database, Audit audit, Clock clock) {
        this.database = database;
        this.audit = audit;
        this.clock = clock;
    }

    public Page<Funder> list(PageRequest page) {
        return database.read(handle -> Page.of(Daos.on(handle, FunderDao.class).list(page.after(), page.fetch()),
                page, Funder::id));
    }

    public Funder get(long id) {
        return database.read(handle -> require(Daos.on(handle, FunderDao.class), id, "id"));
    }

    /** 404 {@code unknown_funder} naming {@code field} when no funder has this number. */
    public static Funder require(FunderDao funders, long id, String field) {
        return funders.find(id).orElseThrow(() -> Funding.unknown(id, field));
    }

    public Funder create(User actor, NewFunder request) {
        Check.body(request);
        FunderKind kind = Check.present(request.kind(), "kind");
        String name = Check.required(request.name(), "name", NAME_LENGTH);
        Check.visible(name, "name");
        Territory territory = request.territory() == null ? null : Territory.parse(request.territory(), "territory");
        String needed = kind.territoryKind();
        if (needed != null && (territory == null || !needed.equals(territory.kind()))) {
            throw ApiException.invalid("invalid_territory", "territory", "Un financeur de type " + kind
                    + " paie pour son propre territoire : indiquez-le sous la forme " + needed + ":<code>.");
        }
        boolean allowsOutside = Check.present(request.allowsTransfersOutside(), "allowsTransfersOutside");
        try {
            return database.write(handle -> {
                FunderDao funders = Daos.on(handle, FunderDao.class);
                if (funders.nameTaken(name)) {
                    throw duplicate(name);
                }
                long id = funders.insert(kind, name, territory == null ? null : territory.value(), allowsOutside,
                        clock.instant());
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("kind", kind);
                detail.put("name", name);
                detail.put("territory", territory == null ? "" : territory.value());
                detail.put("allowsTransfersOutside", allowsOutside);
                audit.record(handle, actor, "CREATE", Audit.Entity.FUNDER, id, detail);
                return require(funders, id, "id");
            });
        } catch (UnableToExecuteStatementException e) {
            if (Database.isUniqueViolation(e)) {
                // another administrator recorded the same name a moment ago
                throw duplicate(name);
            }
            throw e;
        }
    }

    private static ApiException duplicate(String name) {
        return ApiException.conflict("duplicate_funder", "name", "Un financeur s'appelle déjà « " + name
                + " » : reprenez-le plutôt que d'en créer un second.");
    }
}
