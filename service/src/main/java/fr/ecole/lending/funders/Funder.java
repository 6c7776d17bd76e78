package fr.ecole.lending.funders;

/**
 * Whoever paid for devices, as the API shows it; {@code territory} is null for a national funder (the
 * State's programmes). Funders are never deleted: devices and users keep pointing to them.
 */
public record Funder(long id, FunderKind kind, String name, String territory, boolean allowsTransfersOutside) {
}
