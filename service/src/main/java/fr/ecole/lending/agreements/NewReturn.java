package fr.ecole.lending.agreements;

import java.util.List;

/** {@code POST /api/returns}: a device handed back at the desk. */
public record NewReturn(String assetTag, ReturnCondition condition, List<String> missingAccessories, String note) {
}
