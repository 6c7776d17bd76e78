package fr.ecole.lending.establishments;

import fr.ecole.lending.audit.Audit;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.db.Daos;
import fr.ecole.lending.db.Database;
import fr.ecole.lending.geography.CommuneDao;
import fr.ecole.lending.geography.Uai;
import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.imports.CsvTable.Rejection;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

public class EstablishmentService {
    private final Database database;
    private final Audit audit;
    private final Clock clock;

    public EstablishmentService(Database database, Audit audit, Clock clock) {
        this.database = database;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * What an import did: establishments created, updated, unchanged; lines refused, with the reason;
     * lines that repeated a UAI (the directory lists a few establishments on several lines, the last
     * wins). Both lists hold the first lines only; the counts tell them all.
     */
    public record ImportResult(int created, int updated, int unchanged, int rejectedCount, List<Rejection> rejected,
                               int repeatedCount, List<Rejection> repeated) {
    }

    /** How many establishments the directory import brought in. */
    public long count() {
        return database.read(handle -> Daos.on(handle, EstablishmentDao.class).count());
    }

    public Establishment get(Uai uai) {
        return database.read(handle -> Daos.on(handle, EstablishmentDao.class).find(uai.value()))
                .orElseThrow(() -> unknown(uai.value(), "uai"));
    }

    /** The establishment, or 404 naming {@code field}; for use inside another transaction. */
    public static Establishment require(EstablishmentDao establishments, Uai uai, String field) {
        return establishments.find(uai.value()).orElseThrow(() -> unknown(uai.value(), field));
    }

    static ApiException unknown(String uai, String field) {
        return ApiException.notFound("unknown_establishment", field, "Aucun établissement de code UAI « " + uai
                + " » n'est connu : importez l'annuaire de l'éducation qui le contient.");
    }

    /**
     * Imports the national directory: new UAIs are created, known ones updated where the directory
     * changed; a second import of the same file creates and updates nothing. Refused lines are set aside.
     */
    public ImportResult importDirectory(User actor, InputStream csv) {
        return importDirectory(actor, csv, false);
    }

    /** As {@link #importDirectory(User, InputStream)}; {@code whole}: a refused line refuses the file, and nothing is written. */
    public ImportResult importDirectory(User actor, InputStream csv, boolean whole) {
        DirectoryImport file = DirectoryImport.read(csv);
        if (whole && file.rejected.count() > 0) {
            return new ImportResult(0, 0, 0, file.rejected.count(), file.rejected.first(), file.repeated.count(),
                    file.repeated.first());
        }
        return database.write(handle -> {
            EstablishmentDao dao = Daos.on(handle, EstablishmentDao.class);
            Map<String, Establishment> known = new HashMap<>();
            for (Establishment establishment : dao.all()) {
                known.put(establishment.uai(), establishment);
            }
            List<Establishment> created = new ArrayList<>();
            List<Establishment> updated = new ArrayList<>();
            int unchanged = 0;
            for (Establishment read : file.establishments.values()) {
                Establishment before = known.get(read.uai());
                // a line without an académie (an older export has no such column) leaves the one known
                Establishment row = before != null && read.academie() == null ? read.withAcademie(before.academie()) : read;
                if (before == null) {
                    created.add(row);
                } else if (!before.equals(row)) {
                    updated.add(row);
                } else {
                    unchanged++;
                }
            }
            List<String> names = file.academies.values().stream().map(name -> name.isEmpty() ? null : name).toList();
            dao.saveAcademies(file.academies.keySet(), names);
            dao.insert(created, clock.instant());
            dao.update(updated, clock.instant());
            Daos.on(handle, CommuneDao.class).refreshFromEstablishments();
            ImportResult result = new ImportResult(created.size(), updated.size(), unchanged, file.rejected.count(),
                    file.rejected.first(), file.repeated.count(), file.repeated.first());
            // one entry for the whole file, with its counts
            audit.record(handle, actor, "IMPORT", Audit.Entity.ESTABLISHMENT, "directory", Map.of(
                    "created", result.created(), "updated", result.updated(), "unchanged", result.unchanged(),
                    "rejected", result.rejectedCount()));
            return result;
        });
    }
}
