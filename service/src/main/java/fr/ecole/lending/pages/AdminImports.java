package fr.ecole.lending.pages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.diagnostics.DiagnosticService;
import fr.ecole.lending.establishments.EstablishmentService;
import fr.ecole.lending.territory.CatchmentService;
import fr.ecole.lending.territory.EnrolmentService;
import fr.ecole.lending.territory.OutlineService;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The national files (and the communes' outlines) an administrator imports from the page, each by the service its API import
 * calls; what each import did, line by line, in words.
 */
final class AdminImports {
    /** The files, by the form's value: what they are, in words. */
    static final Map<String, String> KINDS = new LinkedHashMap<>();

    static {
        KINDS.put("annuaire", "Annuaire de l'éducation (établissements)");
        KINDS.put("carte-scolaire", "Carte scolaire des collèges publics");
        KINDS.put("effectifs", "Effectifs d'élèves par établissement");
        KINDS.put("couverture", "Couverture 4G des communes");
        KINDS.put("contours", "Contours des communes (GeoJSON)");
    }

    /** The counts an import answers, in words; the rest of its answer is its refused lines. */
    private static final Map<String, String> COUNTS = Map.of("created", "créés", "updated", "mis à jour",
            "unchanged", "inchangés", "saved", "enregistrés", "communes", "communes", "split", "communes partagées",
            "rejectedCount", "lignes refusées");

    /**
     * What an import did: its counts in words, and each refused line with its reason; {@code whole}:
     * the file was refused whole for them, and nothing was written.
     */
    record Result(String kind, List<String> counts, List<String> refused, boolean whole) {
    }

    private final EstablishmentService establishments;
    private final CatchmentService catchments;
    private final EnrolmentService enrolments;
    private final DiagnosticService diagnostics;
    private final OutlineService outlines;
    private final ObjectMapper json;

    AdminImports(EstablishmentService establishments, CatchmentService catchments, EnrolmentService enrolments,
                 DiagnosticService diagnostics, OutlineService outlines, ObjectMapper json) {
        this.establishments = establishments;
        this.catchments = catchments;
        this.enrolments = enrolments;
        this.diagnostics = diagnostics;
        this.outlines = outlines;
        this.json = json;
    }

    /**
     * Imports {@code file} as the national file {@code kind} names; an unknown kind is refused before
     * reading. {@code whole}: a file with a refused line is refused whole (nothing written), as an
     * administrator expects of a form; otherwise the refused lines are set aside, as the API does.
     */
    Result run(User actor, String kind, InputStream file, boolean whole) {
        Object answer = switch (kind) {
            case "annuaire" -> establishments.importDirectory(actor, file, whole);
            case "carte-scolaire" -> catchments.importCarte(actor, file, whole);
            case "effectifs" -> enrolments.importCounts(actor, file, whole);
            case "couverture" -> diagnostics.importCoverage(actor, file, whole);
            case "contours" -> outlines.importOutlines(actor, file, whole);
            default -> throw new IllegalArgumentException(kind);
        };
        JsonNode done = json.valueToTree(answer);
        List<String> counts = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = done.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isNumber() && COUNTS.containsKey(field.getKey())) {
                counts.add(field.getValue().asLong() + " " + COUNTS.get(field.getKey()));
            } else if (field.getValue().isArray() && "rejected".equals(field.getKey())) {
                // a CSV's refusals name their line; a GeoJSON's, their feature (counted from 0, as the API does)
                field.getValue().forEach(line -> refused.add((line.has("feature")
                        ? "Commune n° " + line.path("feature").asLong() + " du fichier" : "Ligne " + line.path("line").asLong())
                        + " : " + line.path("message").asText()));
            }
        }
        long refusedCount = done.path("rejectedCount").asLong();
        if (whole && refusedCount > 0) {
            if (refusedCount > refused.size()) {
                refused.add("… et " + (refusedCount - refused.size()) + " autres refusées.");
            }
            return new Result(KINDS.get(kind), List.of(), refused, true);
        }
        return new Result(KINDS.get(kind), counts, refused, false);
    }
}
