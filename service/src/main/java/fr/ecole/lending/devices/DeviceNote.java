package fr.ecole.lending.devices;

/** A note staff add to a step of a device's life (a wipe, for instance). */
public record DeviceNote(String note) {
}
