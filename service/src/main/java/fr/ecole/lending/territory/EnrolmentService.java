package fr.ecole.lending.territory;

import fr.ecole.lending.audit.Audit;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.db.Daos;
import fr.ecole.lending.db.Database;
import fr.ecole.lending.geography.Uai;
import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.imports.CsvTable.Rejection;
import fr.ecole.lending.imports.CsvTable;
import fr.ecole.lending.imports.Rejections;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pupil counts of the national open data, for rates per 100 pupils: the primary schools' file
 * ("Numéro de l'école", "Rentrée scolaire", "Nombre total d'élèves") and the collèges' and lycées'
 * ("Numero_d_etablissement", "Annee_scolaire", "Nombre_d_eleves"), told apart by their header.
 */
public class EnrolmentService {
    private static final Pattern YEAR = Pattern.compile("(\\d{4})(?:-\\d{4})?");
    private final Database database;
    private final Audit audit;

    public EnrolmentService(Database database, Audit audit) {
        this.database = database;
        this.audit = audit;
    }

    /** What an import did; the refused lines are counted, and the first ones listed. */
    public record EnrolmentImport(int created, int updated, int unchanged, int rejectedCount, List<Rejection> rejected) {
    }

    /** One of the two formats: the names of its columns. */
    private record Format(String uai, String year, String pupils) {
    }

    private static final Format PRIMARY = new Format("Numéro de l'école", "Rentrée scolaire", "Nombre total d'élèves");
    private static final Format SECONDARY = new Format("Numero_d_etablissement", "Annee_scolaire", "Nombre_d_eleves");

    public EnrolmentImport importCounts(User actor, InputStream body) {
        return importCounts(actor, body, false);
    }

    /** As {@link #importCounts(User, InputStream)}; {@code whole}: a refused line refuses the file, and nothing is written. */
    public EnrolmentImport importCounts(User actor, InputStream body, boolean whole) {
        BufferedInputStream in = new BufferedInputStream(body);
        Format format = sniff(in);
        Map<String, EnrolmentDao.Enrolment> rows = new LinkedHashMap<>();
        Rejections rejected = new Rejections(Rejections.NATIONAL_FILE_LISTED);
        CsvTable.read(in, List.of(format.uai(), format.year(), format.pupils()), (row, width) -> {
            String uai = row.get(format.uai()).toUpperCase(java.util.Locale.ROOT);
            Matcher year = YEAR.matcher(row.get(format.year()));
            String pupils = row.get(format.pupils());
            if (!Uai.isValid(uai)) {
                rejected.add(row.line(), "invalid_uai", "Le code UAI « " + uai + " » n'est pas valide.");
            } else if (!year.matches()) {
                rejected.add(row.line(), "invalid_value", "L'année scolaire « " + row.get(format.year())
                        + " » n'est pas lisible (2022 ou 2022-2023).");
            } else if (!pupils.matches("\\d{1,6}")) {
                rejected.add(row.line(), "invalid_value", "Le nombre d'élèves « " + pupils
                        + " » n'est pas un nombre entier.");
            } else {
                int schoolYear = Integer.parseInt(year.group(1));
                rows.put(uai + "/" + schoolYear, new EnrolmentDao.Enrolment(uai, schoolYear, Integer.parseInt(pupils)));
            }
        });
        if (whole && rejected.count() > 0) {
            return new EnrolmentImport(0, 0, 0, rejected.count(), rejected.first());
        }
        return database.write(handle -> {
            EnrolmentDao enrolments = Daos.on(handle, EnrolmentDao.class);
            Map<String, Integer> known = new HashMap<>();
            enrolments.all().forEach(e -> known.put(e.uai() + "/" + e.schoolYear(), e.pupils()));
            int created = 0;
            int updated = 0;
            List<EnrolmentDao.Enrolment> changed = new ArrayList<>();
            for (Map.Entry<String, EnrolmentDao.Enrolment> entry : rows.entrySet()) {
                Integer before = known.get(entry.getKey());
                if (before == null) {
                    created++;
                    changed.add(entry.getValue());
                } else if (before != entry.getValue().pupils()) {
                    updated++;
                    changed.add(entry.getValue());
                }
            }
            enrolments.save(changed);
            EnrolmentImport result = new EnrolmentImport(created, updated, rows.size() - created - updated,
                    rejected.count(), rejected.first());
            audit.record(handle, actor, "IMPORT", Audit.Entity.ESTABLISHMENT, "enrolments", Map.of("created", created,
                    "updated", updated, "rejected", rejected.count()));
            return result;
        });
    }

    /** Which of the two files this is, from its header line. */
    private static Format sniff(BufferedInputStream in) {
        try {
            in.mark(64 * 1024);
            byte[] start = in.readNBytes(64 * 1024);
            in.reset();
            String header = new String(start, StandardCharsets.UTF_8).lines().findFirst().orElse("");
            if (header.contains(PRIMARY.uai())) {
                return PRIMARY;
            }
            if (header.contains(SECONDARY.uai())) {
                return SECONDARY;
            }
            throw ApiException.invalid("missing_column", null, "Ce fichier n'est ni celui des effectifs des écoles "
                    + "(« Numéro de l'école ») ni celui du second degré (« Numero_d_etablissement »).");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
