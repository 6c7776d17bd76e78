package fr.ecole.lending.care;

import fr.ecole.lending.devices.AssetTag;
import fr.ecole.lending.devices.Device;
import fr.ecole.lending.devices.DeviceNote;
import fr.ecole.lending.devices.DeviceStatusChange;

import fr.ecole.lending.auth.Role;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.http.Errors;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Devices between loans: their status (repair, lost, retired, available), their wipe, their journey home. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.ADMIN_ROLE, Role.DESK_ROLE})
public class DeviceCareResource {
    private final DeviceCareService care;

    public DeviceCareResource(DeviceCareService care) {
        this.care = care;
    }

    @PATCH
    @Path("devices/{assetTag}")
    @Operation(summary = "Changer l'état d'un appareil (réparation, perdu, réformé, disponible)")
    @Errors({"404 unknown_device", "422 missing_value", "422 invalid_value", "409 device_retired",
            "409 device_on_loan", "409 hand_in_pending", "409 held_elsewhere"})
    public Device changeStatus(@Auth User caller, @PathParam("assetTag") AssetTag assetTag,
                               DeviceStatusChange change) {
        return care.changeStatus(caller, assetTag, change);
    }

    /** Staff confirm a returned device was wiped of the last family's data; only then is it lent again. */
    @POST
    @Path("devices/{assetTag}/wipe")
    @Operation(summary = "Confirmer qu'un appareil rendu a été effacé des données de la famille")
    @Errors({"404 unknown_device", "409 device_on_loan"})
    public Device confirmWiped(@Auth User caller, @PathParam("assetTag") AssetTag assetTag, DeviceNote note) {
        return care.confirmWiped(caller, assetTag, note);
    }

    /** A device received back at another school has arrived home. */
    @POST
    @Path("devices/{assetTag}/home")
    @Operation(summary = "Un appareil rendu dans un autre établissement est revenu chez lui")
    @Errors({"404 unknown_device"})
    public Device backHome(@Auth User caller, @PathParam("assetTag") AssetTag assetTag) {
        return care.backHome(caller, assetTag);
    }
}
