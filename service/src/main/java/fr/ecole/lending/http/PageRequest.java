package fr.ecole.lending.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * {@code ?limit=&cursor=} of a list: at most {@code limit} rows (default 50, at most 500), after
 * the row the cursor names. Cursors are opaque to clients: keyset positions, stable under inserts.
 */
public record PageRequest(int limit, long after) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;
    private static final String PREFIX = "after:";

    public static PageRequest parse(String limit, String cursor) {
        return new PageRequest(parseLimit(limit), parseCursor(cursor));
    }

    /** The number of rows to fetch: one more than the page, to know whether another follows. */
    public int fetch() {
        return limit + 1;
    }

    static String cursorAfter(long key) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((PREFIX + key).getBytes(StandardCharsets.US_ASCII));
    }

    private static int parseLimit(String limit) {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit.strip());
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiException.invalid("invalid_limit", "limit",
                "Le paramètre « limit » doit être un nombre entier de 1 à " + MAX_LIMIT + ".");
    }

    private static long parseCursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return 0;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.US_ASCII);
            if (text.startsWith(PREFIX)) {
                long key = Long.parseLong(text.substring(PREFIX.length()));
                if (key >= 0) {
                    return key;
                }
            }
        } catch (IllegalArgumentException e) {
            // refused below
        }
        throw ApiException.invalid("invalid_cursor", "cursor",
                "Le paramètre « cursor » n'est pas valide : reprenez la liste depuis le début.");
    }
}
