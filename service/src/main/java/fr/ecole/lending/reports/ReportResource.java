package fr.ecole.lending.reports;

import fr.ecole.lending.auth.Role;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.http.Errors;
import fr.ecole.lending.imports.SpreadsheetCsv;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.List;
import java.util.Locale;
import java.util.Map;

@Path("/api")
public class ReportResource {
    private final ReportService reports;

    public ReportResource(ReportService reports) {
        this.reports = reports;
    }

    /** An aggregated report of a territory, in JSON or as a CSV that opens as is in a French spreadsheet. */
    @GET
    @Path("reports/{name}")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    @RolesAllowed({Role.ADMIN_ROLE, Role.COLLECTIVITY_ROLE, Role.RECTORAT_ROLE, Role.FUNDER_ROLE})
    @Operation(summary = "Rapport agrégé d'un territoire (loans, fragility, connectivity, referrals, summary, survey), en JSON ou CSV",
            description = "Chiffres de fragility par ligne : diagnosed, eligible, equipped, needsLaptop, needsDongle, "
                    + "needsHeadset, alternativeAccess, smartphoneOnly, sharedDevice, parentsWithoutAutonomy, "
                    + "otherLanguage, adaptedEquipment (docs/reports.md). Un rectorat lit son académie ou une de ses parties, "
                    + "tous types d'établissements ensemble. Chaque chiffre de foyers est protégé par la "
                    + "méthode des clés de cellule ; raw=true donne à l'administrateur les comptes exacts, sauf "
                    + "adaptedEquipment (un critère restreint), toujours protégé : disclosure.protectedColumns le dit. "
                    + "Un financeur (FUNDER) ne lit que le rapport loans de ses appareils, partout où ils sont par défaut.")
    @Errors({"404 unknown_report", "404 unknown_territory", "422 missing_value", "422 invalid_value",
            "422 invalid_territory", "422 invalid_period", "403 outside_territory", "403 outside_competence",
            "403 raw_refused", "403 forbidden"})
    @ApiResponse(responseCode = "200", description = "Le rapport : JSON, ou CSV avec format=csv", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = ReportTable.class)),
            @Content(mediaType = "text/csv", schema = @Schema(type = "string", format = "binary"))})
    public Response report(@Auth User caller,
                           @Parameter(schema = @Schema(allowableValues = {"loans", "fragility", "connectivity", "referrals", "summary", "survey"})) @PathParam("name") String name,
                           @Parameter(description = "commune:<code INSEE>, departement:<code, ex. 035>, region:<code, "
                                   + "ex. 53> ou academie:<Code_academie de l'annuaire, ex. 14 pour Rennes> ; par défaut, "
                                   + "celui de la collectivité ou l'académie du rectorat") @QueryParam("territory") String territory,
                           @Parameter(schema = @Schema(allowableValues = {"establishment", "commune", "funder", "catchment"})) @QueryParam("groupBy") String groupBy,
                           @QueryParam("from") String from,
                           @QueryParam("to") String to,
                           @QueryParam("types") String types,
                           @Parameter(description = "Rapport survey : l'année scolaire, par l'année où elle commence "
                                   + "(2026 pour 2026-2027) ; l'année en cours par défaut") @QueryParam("schoolYear") String schoolYear,
                           @Parameter(schema = @Schema(allowableValues = {"json", "csv"})) @QueryParam("format") String format,
                           @Parameter(schema = @Schema(allowableValues = {"true", "false"})) @QueryParam("raw") String raw,
                           @Context HttpHeaders headers) {
        boolean csv = csv(format, headers.getAcceptableMediaTypes());
        ReportTable table = reports.report(caller, name, territory, groupBy, from, to, types, schoolYear, raw(raw));
        if (!csv) {
            return Response.ok(table, MediaType.APPLICATION_JSON_TYPE).build();
        }
        String place = table.territory() == null ? "partout" : table.territory().replace(':', '-');
        String file = table.report() + "-" + place + "-" + table.to() + ".csv";
        return Response.ok(csv(table), "text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + file + "\"").build();
    }

    /** The format asked for; without one, a client that asks for CSV first (a spreadsheet's web query) gets it. */
    private static boolean csv(String format, List<MediaType> accepted) {
        if (format == null || format.isBlank()) {
            return !accepted.isEmpty() && "text".equals(accepted.get(0).getType())
                    && "csv".equals(accepted.get(0).getSubtype());
        }
        return switch (format.strip().toLowerCase(Locale.ROOT)) {
            case "json" -> false;
            case "csv" -> true;
            default -> throw ApiException.invalid("invalid_value", "format", "« format » vaut json ou csv.");
        };
    }

    /** {@code raw=true} asks for plain counts; absent or {@code false}, the protected figures. */
    private static boolean raw(String raw) {
        if (raw == null || raw.isBlank() || raw.strip().equalsIgnoreCase("false")) {
            return false;
        }
        if (raw.strip().equalsIgnoreCase("true")) {
            return true;
        }
        throw ApiException.invalid("invalid_value", "raw", "« raw » vaut true ou false.");
    }

    /**
     * {@code ;} separated, UTF-8 with a byte-order mark, a header row: what a French spreadsheet opens
     * as is. A hidden count is an empty cell; decimals take a comma.
     */
    public static StreamingOutput csv(ReportTable table) {
        return output -> {
            SpreadsheetCsv csv = SpreadsheetCsv.writer(output);
            csv.row(table.columns());
            for (Map<String, Object> row : table.rows()) {
                csv.row(table.columns().stream().map(row::get).toList());
            }
            csv.flush();
        };
    }
}
