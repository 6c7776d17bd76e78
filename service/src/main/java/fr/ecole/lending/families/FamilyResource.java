package fr.ecole.lending.families;

import fr.ecole.lending.auth.Role;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.geography.Uai;
import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.http.Errors;
import fr.ecole.lending.http.Page;
import fr.ecole.lending.http.PageRequest;
import fr.ecole.lending.http.PathIds;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

// every resource sits under /api with method paths: Jersey would not look past a longer class path
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE, Role.SOCIAL_WORKER_ROLE})
public class FamilyResource {
    private final FamilyService families;
    private final PromotionService promotions;

    public FamilyResource(FamilyService families, PromotionService promotions) {
        this.families = families;
        this.promotions = promotions;
    }

    /** The end of the school year: the school's pupils move up a class, and on to their next school. */
    @POST
    @Path("establishments/{uai}/promotions")
    @RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE})
    @Operation(summary = "Passage de fin d'année : les élèves montent d'une classe, et vers leur établissement suivant")
    @Errors({"409 already_promoted", "422 invalid_value"})
    public PromotionService.Result promote(@Auth User caller, @PathParam("uai") Uai uai,
                                           PromotionService.Promotion request) {
        return promotions.promote(caller, uai, request);
    }

    @POST
    @Path("families")
    @Operation(summary = "Créer une famille (responsable et élèves)")
    @ApiResponse(responseCode = "201", description = "Famille créée",
            content = @Content(schema = @Schema(implementation = Family.class)))
    @Errors({"422 missing_value", "422 invalid_value", "422 invalid_email", "422 invalid_phone",
            "422 contact_unreachable", "422 invalid_commune", "422 invalid_uai", "422 too_long"})
    public Response create(@Auth User caller, NewFamily request) {
        Family family = families.create(caller, request);
        return Response.created(UriBuilder.fromPath("/api/families/{id}").build(family.id())).entity(family).build();
    }

    @GET
    @Path("families")
    @Operation(summary = "Chercher une famille par nom ou téléphone")
    @Errors({"422 missing_value"})
    public Page<Family> search(@Auth User caller, @QueryParam("q") String query,
                               @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return families.search(caller, query, PageRequest.parse(limit, cursor));
    }

    @GET
    @Path("families/{id}")
    @Operation(summary = "Lire une famille")
    @Errors({"404 unknown_family"})
    public Family get(@Auth User caller, @PathParam("id") String id) {
        return families.get(caller, familyId(id));
    }

    @PATCH
    @Path("families/{id}")
    @Operation(summary = "Corriger une famille")
    @Errors({"404 unknown_family", "409 family_anonymised", "422 invalid_value", "422 invalid_email",
            "422 invalid_phone", "422 contact_unreachable", "422 invalid_commune", "422 invalid_uai", "422 too_long"})
    public Family correct(@Auth User caller, @PathParam("id") String id, NewFamily patch) {
        return families.correct(caller, familyId(id), patch);
    }

    /** A family id of a path: anything but a positive number is an unknown family (404). */
    public static long familyId(String text) {
        return PathIds.positive(text, given -> ApiException.notFound("unknown_family", "id", "Aucune famille n'a le numéro « " + given + " »."));
    }
}
