package fr.ecole.lending.dataprotection;

import static org.assertj.core.api.Assertions.assertThat;

import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.Api.Reply;
import fr.ecole.lending.support.Builders;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** What a desk does with a family in these tests: registers it, lends, takes back, erases. */
final class Desk {
    static final AtomicInteger KEYS = new AtomicInteger();

    private Desk() {
    }

    /** A family whose every identifier is a word found nowhere else in the database. */
    static long family(Api api, String guardian, String phone, String email, String commune, String... pupils) {
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, Object> contact = new LinkedHashMap<>();
        contact.put("name", guardian);
        contact.put("phone", phone);
        contact.put("email", email);
        contact.put("preferredContact", "EMAIL");
        body.put("guardian", contact);
        body.put("communeInsee", commune);
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i + 1 < pupils.length; i += 2) {
            list.add(Map.of("firstName", pupils[i], "uai", pupils[i + 1], "level", i == 0 ? "4E" : "CM1"));
        }
        body.put("pupils", list);
        Reply created = api.post("/api/families", body);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().path("id").asLong();
    }

    static String device(Api api, String uai) {
        Reply created = api.post("/api/establishments/" + uai + "/devices", Builders.laptop());
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return created.json().path("assetTag").asText();
    }

    static String lend(Api api, long family, String uai, String... tags) {
        Reply made = api.post("/api/agreements", Builders.agreement(family, uai, List.of(tags),
                "data-protection-" + KEYS.incrementAndGet()));
        assertThat(made.status()).as(made.text()).isEqualTo(201);
        return made.json().path("number").asText();
    }

    static Reply giveBack(Api api, String tag, String condition, String note) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("assetTag", tag);
        body.put("condition", condition);
        body.put("note", note);
        Reply back = api.post("/api/returns", body);
        assertThat(back.status()).as(back.text()).isEqualTo(200);
        return back;
    }

    static Reply erase(Api api, long family) {
        return api.send("DELETE", "/api/families/" + family, HttpRequest.BodyPublishers.noBody());
    }

}
