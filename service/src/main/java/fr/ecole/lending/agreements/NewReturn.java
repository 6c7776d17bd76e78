package fr.ecole.lending.agreements;

import java.util.List;

/**
 * {@code POST /api/returns}: a device handed back at the desk. {@code receivedAt}, when a family
 * brings it back to another school of the deployment: that school's UAI, where it waits to travel home.
 */
public record NewReturn(String assetTag, ReturnCondition condition, List<String> missingAccessories, String note,
                        String receivedAt) {

    public NewReturn(String assetTag, ReturnCondition condition, List<String> missingAccessories, String note) {
        this(assetTag, condition, missingAccessories, note, null);
    }
}
