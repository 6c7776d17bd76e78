package fr.ecole.lending.agreements;

import java.util.List;

/**
 * {@code POST /api/agreements/{number}/handover}: the school the pupil now attends, the devices that go
 * with the pupil (all those out when absent), and {@code keepOwnership} when the first school wants its
 * devices back in its own pool once they are returned, even where their funder would let them move.
 */
public record NewHandover(String toUai, List<String> assetTags, Boolean keepOwnership) {
}
