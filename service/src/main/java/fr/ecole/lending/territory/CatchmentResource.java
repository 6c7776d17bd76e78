package fr.ecole.lending.territory;

import fr.ecole.lending.auth.Role;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.geography.CommuneCode;
import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.http.Errors;
import fr.ecole.lending.http.NationalFile;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;

@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class CatchmentResource {
    private final CatchmentService catchments;
    private final EnrolmentService enrolments;

    public CatchmentResource(CatchmentService catchments, EnrolmentService enrolments) {
        this.catchments = catchments;
        this.enrolments = enrolments;
    }

    /** Pupil counts per establishment and school year, from either of the ministry's two files. */
    @POST
    @Path("imports/enrolments")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @NationalFile
    @RolesAllowed(Role.ADMIN_ROLE)
    @Operation(summary = "Importer les effectifs d'élèves par établissement et année scolaire (CSV)")
    public EnrolmentService.EnrolmentImport importEnrolments(@Auth User caller, InputStream csv) {
        return enrolments.importCounts(caller, csv);
    }

    @POST
    @Path("imports/catchments")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @NationalFile
    @RolesAllowed(Role.ADMIN_ROLE)
    @Operation(summary = "Importer la carte scolaire des collèges publics (CSV)")
    public CatchmentService.CatchmentImport importCarte(@Auth User caller, InputStream csv) {
        return catchments.importCarte(caller, csv);
    }

    /** A commune's catchment: territories and their collèges are public. */
    @GET
    @Path("catchments/{insee}")
    @RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE, Role.SOCIAL_WORKER_ROLE, Role.COLLECTIVITY_ROLE,
            Role.RECTORAT_ROLE})
    @Operation(summary = "Secteur de collège d'une commune")
    @Errors({"422 invalid_commune", "404 unknown_catchment"})
    public CatchmentService.Catchment catchment(@Auth User caller, @PathParam("insee") String insee) {
        try {
            return catchments.of(CommuneCode.parse(insee));
        } catch (ApiException e) {
            throw "invalid_commune".equals(e.code()) ? e.at("insee") : e;
        }
    }
}
