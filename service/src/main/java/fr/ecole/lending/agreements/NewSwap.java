package fr.ecole.lending.agreements;

import java.util.List;

/**
 * {@code POST /api/agreements/{number}/swap}: the device {@code out} handed back in {@code condition}
 * (with its missing accessories and a note, as a return takes them), replaced by {@code in}.
 */
public record NewSwap(String out, String in, ReturnCondition condition, List<String> missingAccessories,
                      String note) {
}
