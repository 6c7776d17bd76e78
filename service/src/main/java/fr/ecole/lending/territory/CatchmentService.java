package fr.ecole.lending.territory;

import fr.ecole.lending.audit.Audit;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.db.Daos;
import fr.ecole.lending.db.Database;
import fr.ecole.lending.geography.CommuneCode;
import fr.ecole.lending.geography.Uai;
import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.imports.CsvTable.Rejection;
import fr.ecole.lending.imports.CsvTable;
import fr.ecole.lending.imports.Rejections;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The public collèges' carte scolaire: which collège a household's commune sends its pupils to.
 * A commune served by one collège belongs to that collège's catchment; a commune split between
 * several by street ranges is a catchment of its own, keyed {@code split:<INSEE code>}.
 */
public class CatchmentService {
    private final Database database;
    private final Audit audit;

    public CatchmentService(Database database, Audit audit) {
        this.database = database;
        this.audit = audit;
    }

    /** What an import did: lines kept, communes covered, communes split between collèges, lines refused (the first listed). */
    public record CatchmentImport(int created, int communes, int split, int rejectedCount, List<Rejection> rejected) {
    }

    /** A commune's catchment: the collège (or {@code split:<INSEE>}) and every collège that serves it. */
    public record Catchment(String communeInsee, String key, List<String> colleges) {
    }

    /** Replaces the carte scolaire with the file's (the ministry publishes it whole, each year). */
    public CatchmentImport importCarte(User actor, InputStream csv) {
        return importCarte(actor, csv, false);
    }

    /** As {@link #importCarte(User, InputStream)}; {@code whole}: a refused line refuses the file, and nothing is written. */
    public CatchmentImport importCarte(User actor, InputStream csv, boolean whole) {
        List<CatchmentDao.CatchmentRow> rows = new ArrayList<>();
        Rejections rejected = new Rejections(Rejections.NATIONAL_FILE_LISTED);
        CsvTable.read(csv, List.of("code_insee", "Code_RNE"), (row, width) -> {
            String insee = row.get("code_insee");
            String uai = row.get("Code_RNE").toUpperCase(java.util.Locale.ROOT);
            if (!CommuneCode.isValid(insee)) {
                rejected.add(row.line(), "invalid_commune", "Le code commune « " + insee
                        + " » n'est pas un code INSEE valide.");
            } else if (!Uai.isValid(uai)) {
                rejected.add(row.line(), "invalid_uai", "Le code UAI du collège « " + uai
                        + " » n'est pas valide (lettre de contrôle).");
            } else {
                rows.add(new CatchmentDao.CatchmentRow(insee, uai, empty(row.get("Type_et_Libelle")),
                        empty(row.get("No_de_voie_debut") + row.get("Indice_de_repetition_debut")),
                        empty(row.get("No_de_voie_fin") + row.get("Indice_de_repetition_fin")), empty(row.get("Parite"))));
            }
        });
        if (whole && rejected.count() > 0) {
            return new CatchmentImport(0, 0, 0, rejected.count(), rejected.first());
        }
        if (rows.isEmpty()) {
            throw ApiException.invalid("empty_file", null, "Aucune ligne valide dans le fichier : la carte scolaire "
                    + "en place est gardée.");
        }
        return database.write(handle -> {
            CatchmentDao catchments = Daos.on(handle, CatchmentDao.class);
            catchments.clear();
            catchments.insert(rows);
            Map<String, java.util.Set<String>> byCommune = new java.util.HashMap<>();
            rows.forEach(row -> byCommune.computeIfAbsent(row.communeInsee(), k -> new java.util.HashSet<>()).add(row.uai()));
            int split = (int) byCommune.values().stream().filter(colleges -> colleges.size() > 1).count();
            CatchmentImport result = new CatchmentImport(rows.size(), byCommune.size(), split, rejected.count(),
                    rejected.first());
            audit.record(handle, actor, "IMPORT", Audit.Entity.ESTABLISHMENT, "carte-scolaire", Map.of(
                    "created", rows.size(), "communes", byCommune.size(), "split", split, "rejected", rejected.count()));
            return result;
        });
    }

    public Catchment of(CommuneCode commune) {
        List<String> colleges = database.read(handle -> Daos.on(handle, CatchmentDao.class).collegesOf(commune.value()));
        if (colleges.isEmpty()) {
            throw ApiException.notFound("unknown_catchment", "insee", "La carte scolaire importée ne couvre pas la "
                    + "commune " + commune + ".");
        }
        return new Catchment(commune.value(), colleges.size() == 1 ? colleges.get(0) : "split:" + commune, colleges);
    }

    private static String empty(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
