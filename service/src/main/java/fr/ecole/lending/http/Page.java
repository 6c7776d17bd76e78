package fr.ecole.lending.http;

import java.util.List;
import java.util.function.ToLongFunction;

/** One page of a list: {@code {"items": [...], "nextCursor": "..." | null}}. */
public record Page<T>(List<T> items, String nextCursor) {

    /**
     * Cuts the {@code limit + 1} rows a query fetched to {@code limit}; the extra row only tells
     * that there is a next page, which starts after the last row kept.
     */
    public static <T> Page<T> of(List<T> rows, PageRequest request, ToLongFunction<T> keyOf) {
        if (rows.size() <= request.limit()) {
            return new Page<>(List.copyOf(rows), null);
        }
        List<T> kept = List.copyOf(rows.subList(0, request.limit()));
        return new Page<>(kept, PageRequest.cursorAfter(keyOf.applyAsLong(kept.get(kept.size() - 1))));
    }
}
