package fr.ecole.lending.devices;

/** {@code PATCH /api/devices/{assetTag}}: staff change a device's status, with a note for its history. */
public record DeviceStatusChange(DeviceStatus status, String note) {
}
