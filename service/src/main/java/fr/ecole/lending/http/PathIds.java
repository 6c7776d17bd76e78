package fr.ecole.lending.http;

import java.util.function.Function;

/** Record numbers in paths: positive integers; anything else names no record. */
public final class PathIds {
    private PathIds() {
    }

    /** The number in {@code text}, or {@code unknown}'s 404 for a text that cannot be one. */
    public static long positive(String text, Function<String, ApiException> unknown) {
        // Long.parseLong also reads other scripts' digits ("١", "１"): a number in a path is ASCII digits only
        if (text.isEmpty() || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw unknown.apply(text);
        }
        try {
            long id = Long.parseLong(text);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw unknown.apply(text);
    }
}
