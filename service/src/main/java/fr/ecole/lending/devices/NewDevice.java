package fr.ecole.lending.devices;

import java.util.List;

/** {@code POST /api/establishments/{uai}/devices}: a device entering the establishment's pool. */
public record NewDevice(
        DeviceKind kind,
        String serial,
        String model,
        String assetTag,
        List<String> accessories,
        String fundedBy,
        Sim sim) {
}
