package fr.ecole.lending.establishments;

import fr.ecole.lending.geography.CommuneCode;
import fr.ecole.lending.geography.EstablishmentType;
import fr.ecole.lending.geography.Uai;
import fr.ecole.lending.imports.CsvTable;
import fr.ecole.lending.imports.Rejections;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads the national directory's export (Annuaire de l'éducation) into establishments, setting
 * aside each row that cannot be trusted, with the reason. Columns not listed here are ignored.
 */
final class DirectoryImport {
    static final String UAI = "Identifiant_de_l_etablissement";
    static final String NAME = "Nom_etablissement";
    static final String TYPE = "Type_etablissement";
    static final String COMMUNE = "Code_commune";
    static final String COMMUNE_NAME = "Nom_commune";
    static final String DEPARTEMENT = "Code_departement";
    static final String REGION = "Code_region";
    static final String PRIORITY = "Appartenance_Education_Prioritaire";
    /** Optional: a file without them still imports, its establishments keeping the académie they had. */
    static final String ACADEMIE = "Code_academie";
    static final String ACADEMIE_NAME = "Libelle_academie";
    static final List<String> REQUIRED = List.of(UAI, NAME, TYPE, COMMUNE, COMMUNE_NAME, DEPARTEMENT, REGION, PRIORITY);

    /** The directory's académie codes: 14 for Rennes, 70 for Normandie. */
    private static final Pattern ACADEMIE_CODE = Pattern.compile("[0-9]{1,3}");

    /** The rows read: the last row of the file wins for a UAI given twice. */
    final Map<String, Establishment> establishments = new LinkedHashMap<>();
    final Rejections rejected = new Rejections(Rejections.NATIONAL_FILE_LISTED);
    /** Lines that repeat a UAI already read: the directory lists some establishments on several lines. */
    final Rejections repeated = new Rejections(Rejections.NATIONAL_FILE_LISTED);
    /** The académies the file names, by code, with their names (null when the file gives none). */
    final Map<String, String> academies = new TreeMap<>();

    static DirectoryImport read(InputStream csv) {
        DirectoryImport result = new DirectoryImport();
        CsvTable.read(csv, REQUIRED, (row, headerWidth) -> result.accept(row, headerWidth));
        return result;
    }

    private void accept(CsvTable.Row row, int headerWidth) {
        if (row.cells().length != headerWidth) {
            reject(row, "wrong_column_count", "La ligne a " + row.cells().length + " colonnes au lieu de "
                    + headerWidth + " : un point-virgule en trop ou en moins ?");
            return;
        }
        String uai = row.get(UAI);
        if (!Uai.isValid(uai)) {
            reject(row, "invalid_uai", "Le code UAI « " + uai + " » n'est pas valide (lettre de contrôle).");
            return;
        }
        String commune = row.get(COMMUNE);
        if (!CommuneCode.isValid(commune)) {
            reject(row, "invalid_commune", "Le code commune « " + commune + " » n'est pas un code INSEE valide.");
            return;
        }
        for (String column : List.of(NAME, COMMUNE_NAME, DEPARTEMENT, REGION)) {
            if (row.get(column).isEmpty()) {
                reject(row, "missing_value", "La colonne « " + column + " » est vide.");
                return;
            }
        }
        Optional<PriorityEducation> priority = PriorityEducation.fromDirectory(row.get(PRIORITY));
        if (priority.isEmpty()) {
            reject(row, "invalid_priority_education", "La valeur « " + row.get(PRIORITY)
                    + " » d'éducation prioritaire est inconnue (attendu : vide, REP ou REP+).");
            return;
        }
        String academie = row.get(ACADEMIE);
        if (!academie.isEmpty() && !ACADEMIE_CODE.matcher(academie).matches()) {
            reject(row, "invalid_academie", "Le code d'académie « " + academie
                    + " » n'est pas valide (attendu : des chiffres, ex. 14 pour Rennes).");
            return;
        }
        if (!academie.isEmpty()) {
            String name = row.get(ACADEMIE_NAME);
            academies.merge(academie, name, (known, given) -> given.isEmpty() ? known : given);
        }
        if (establishments.containsKey(uai)) {
            repeated.add(row.line(), "repeated_uai", "Le code UAI " + uai
                    + " figure déjà plus haut dans le fichier : cette ligne remplace la précédente.");
        }
        establishments.put(uai, new Establishment(uai, row.get(NAME), EstablishmentType.fromDirectory(row.get(TYPE)),
                commune, row.get(COMMUNE_NAME), row.get(DEPARTEMENT), row.get(REGION), priority.get(),
                academie.isEmpty() ? null : academie));
    }

    private void reject(CsvTable.Row row, String error, String message) {
        rejected.add(row.line(), error, message);
    }
}
