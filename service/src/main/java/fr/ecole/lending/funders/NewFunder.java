package fr.ecole.lending.funders;

/** {@code POST /api/funders}: a funder of devices, with the territory it pays in when it has one. */
public record NewFunder(FunderKind kind, String name, String territory, Boolean allowsTransfersOutside) {
}
