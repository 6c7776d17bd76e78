package fr.ecole.lending.pages;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Where the desk is in a loan: its school, the family chosen, the devices scanned into the bundle and
 * the bundle's idempotency key. Carried by the page itself (hidden fields, links), so a reload, a
 * second tab or a lost connection never leaves half a loan on the server.
 */
record DeskState(String school, Long family, List<String> bundle, String key) {
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9-]{8,64}");
    static final int MAX_BUNDLE = 20;

    DeskState {
        bundle = List.copyOf(new LinkedHashSet<>(bundle == null ? List.of() : bundle));
    }

    static DeskState parse(String school, String family, List<String> bundle, String key) {
        Long familyId = null;
        if (family != null && family.matches("\\d{1,18}")) {
            familyId = Long.parseLong(family);
        }
        List<String> tags = new ArrayList<>();
        if (bundle != null) {
            for (String tag : bundle) {
                if (tag != null && !tag.isBlank() && tag.length() <= 40 && tags.size() < MAX_BUNDLE) {
                    tags.add(tag.strip());
                }
            }
        }
        String bundleKey = key != null && KEY.matcher(key).matches() ? key : null;
        // a bundle starts with its family: one key for it, however often Prêter is pressed
        if (familyId != null && bundleKey == null) {
            bundleKey = UUID.randomUUID().toString();
        }
        return new DeskState(school == null || school.isBlank() ? null : school.strip(), familyId,
                familyId == null ? List.of() : tags, familyId == null ? null : bundleKey);
    }

    DeskState inSchool(String uai) {
        return new DeskState(uai, family, bundle, key);
    }

    DeskState with(String tag) {
        List<String> more = new ArrayList<>(bundle);
        more.add(tag);
        return new DeskState(school, family, more, key);
    }

    DeskState without(String tag) {
        List<String> fewer = new ArrayList<>(bundle);
        fewer.remove(tag);
        return new DeskState(school, family, fewer, key);
    }

    DeskState forFamily(long id) {
        return new DeskState(school, id, List.of(), UUID.randomUUID().toString());
    }

    /** A new loan: the same school, nothing else. */
    DeskState cleared() {
        return new DeskState(school, null, List.of(), null);
    }

    /** The desk's address in this state. */
    String link() {
        StringBuilder query = new StringBuilder();
        add(query, "ecole", school);
        add(query, "famille", family == null ? null : family.toString());
        for (String tag : bundle) {
            add(query, "lot", tag);
        }
        add(query, "cle", key);
        return "/poste" + (query.length() == 0 ? "" : "?" + query);
    }

    private static void add(StringBuilder query, String name, String value) {
        if (value != null) {
            query.append(query.length() == 0 ? "" : "&").append(name).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }
}
