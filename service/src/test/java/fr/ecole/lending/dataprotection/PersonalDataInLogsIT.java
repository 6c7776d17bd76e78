package fr.ecole.lending.dataprotection;

import static fr.ecole.lending.support.Builders.COLLEGE;
import static fr.ecole.lending.support.Builders.ECOLE;
import static org.assertj.core.api.Assertions.assertThat;

import fr.ecole.lending.app.LendingApplication;
import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.support.Api.Reply;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.Builders;
import fr.ecole.lending.support.CapturedLogs;
import fr.ecole.lending.support.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A family's name, phone, e-mail and pupils' first names never reach the service's log nor its
 * access log, whatever the desk does with the family, at whatever log level.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class PersonalDataInLogsIT {
    static final Path FOLDER = TestApp.newFolder();
    static final DropwizardAppExtension<LendingConfiguration> APP = new DropwizardAppExtension<>(LendingApplication.class,
            TestApp.CONFIG, TestApp.overrides(FOLDER, "logging.level", "ALL"));
    /** Values no log line could hold by chance. */
    static final String NAME = "Zéphyrine Quelennec-Brizard";
    static final String PHONE = "06 47 58 69 13";
    static final String EMAIL = "zephyrine.qb@exemple-unique.fr";
    static final List<String> FIRST_NAMES = List.of("Anatole-Xavier", "Philomène");

    /** Every form in which the values could be written: as typed, stored, folded, searched. */
    static List<String> personal() {
        List<String> values = new ArrayList<>(List.of(NAME, "Zéphyrine", "Zephyrine", "Quelennec", "Brizard", PHONE,
                "0647586913", "47586913", "+33647586913", EMAIL, "exemple-unique", "Philomene", "Bastiane-Oriel"));
        values.addAll(FIRST_NAMES);
        return values;
    }

    @Test
    void noFamilysNamePhoneEmailOrPupilIsEverLogged() {
        List<String> logged;
        try (CapturedLogs logs = new CapturedLogs()) {
            Api admin = new Api(APP);
            assertThat(admin.importDirectory().status()).isEqualTo(200);
            Map<String, Object> body = Builders.family(NAME, COLLEGE, ECOLE);
            @SuppressWarnings("unchecked")
            Map<String, Object> guardian = (Map<String, Object>) body.get("guardian");
            guardian.put("phone", PHONE);
            guardian.put("email", EMAIL);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> pupils = (List<Map<String, Object>>) body.get("pupils");
            pupils.get(0).put("firstName", FIRST_NAMES.get(0));
            pupils.get(1).put("firstName", FIRST_NAMES.get(1));
            Reply created = admin.post("/api/families", body);
            assertThat(created.status()).as(created.text()).isEqualTo(201);
            long family = created.json().path("id").asLong();

            assertThat(admin.get("/api/families/" + family).status()).isEqualTo(200);
            for (String query : List.of("quelennec", NAME, "0647586913", PHONE, "47 58 69")) {
                Reply found = admin.get("/api/families?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
                assertThat(found.json().path("items")).as(query).hasSize(1);
            }
            assertThat(admin.patch("/api/families/" + family, Map.of("pupils", List.of(
                    Map.of("firstName", "Bastiane-Oriel", "uai", COLLEGE, "level", "4E")))).status()).isEqualTo(200);
            // refusals that quote what was sent
            Map<String, Object> wrong = new LinkedHashMap<>(Map.of("email", "zephyrine.qb@@exemple-unique.fr"));
            assertThat(admin.patch("/api/families/" + family, Map.of("guardian", wrong)).status()).isEqualTo(422);
            assertThat(admin.post("/api/families", "{\"guardian\": {\"name\": \"" + NAME + "\", \"nickname\": \""
                    + NAME + "\"}}").status()).isEqualTo(422);
            assertThat(admin.post("/api/families", "{\"guardian\": \"" + NAME + " " + PHONE).status()).isBetween(400, 422);

            String tag = admin.post("/api/establishments/" + COLLEGE + "/devices", Builders.laptop()).json()
                    .path("assetTag").asText();
            Reply lent = admin.post("/api/agreements", Builders.agreement(family, COLLEGE, List.of(tag),
                    UUID.randomUUID().toString()));
            assertThat(lent.status()).as(lent.text()).isEqualTo(201);
            String number = lent.json().path("number").asText();
            assertThat(admin.post("/api/agreements/" + number + "/signature", Map.of("signedBy", NAME,
                    "signedAt", Instant.now().toString())).status()).isEqualTo(200);
            assertThat(admin.get("/api/agreements/" + number + "/document.pdf").status()).isEqualTo(200);
            assertThat(admin.post("/api/returns", Map.of("assetTag", tag, "condition", "GOOD",
                    "note", "Rendu par " + NAME)).status()).isEqualTo(200);
            assertThat(admin.get("/api/families/" + family + "/export").status()).isEqualTo(200);
            assertThat(admin.get("/api/families/" + family + "/export?format=pdf").status()).isEqualTo(200);
            assertThat(admin.get("/api/criteria").status()).isEqualTo(200);
            logs.assertCaptures(APP.getEnvironment().getApplicationContext().getServer());
            logged = logs.texts();
        }
        String accessLog = CapturedLogs.accessLog(FOLDER, "/api/criteria");

        assertThat(accessLog).as("the access log").contains("/api/families/", "/export");
        for (String value : personal()) {
            String folded = value.toLowerCase(Locale.ROOT);
            for (String line : logged) {
                assertThat(line.toLowerCase(Locale.ROOT)).as("the service's log").doesNotContain(folded);
            }
            assertThat(accessLog.toLowerCase(Locale.ROOT)).as("the access log").doesNotContain(folded)
                    .doesNotContain(URLEncoder.encode(value, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT));
        }
    }
}
