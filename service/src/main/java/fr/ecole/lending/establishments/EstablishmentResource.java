package fr.ecole.lending.establishments;

import fr.ecole.lending.auth.Role;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.geography.Uai;
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
public class EstablishmentResource {
    private final EstablishmentService establishments;

    public EstablishmentResource(EstablishmentService establishments) {
        this.establishments = establishments;
    }

    @GET
    @Path("establishments/{uai}")
    @RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE, Role.SOCIAL_WORKER_ROLE, Role.COLLECTIVITY_ROLE,
            Role.RECTORAT_ROLE})
    @Operation(summary = "Lire un établissement (fiche de l'annuaire)")
    public Establishment get(@Auth User caller, @PathParam("uai") Uai uai) {
        return establishments.get(uai);
    }

    @POST
    @Path("imports/establishments")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @NationalFile
    @RolesAllowed(Role.ADMIN_ROLE)
    @Operation(summary = "Importer l'annuaire des établissements (CSV de l'Annuaire de l'éducation)")
    public EstablishmentService.ImportResult importDirectory(@Auth User caller, InputStream csv) {
        return establishments.importDirectory(caller, csv);
    }
}
