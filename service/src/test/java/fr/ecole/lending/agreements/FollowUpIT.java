package fr.ecole.lending.agreements;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.support.Api.Reply;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.Builders;
import fr.ecole.lending.support.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Overdue loans are followed up, each household at most once a week, by the channel it prefers. */
@ExtendWith(DropwizardExtensionsSupport.class)
class FollowUpIT {
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.create();
    static final String SCHOOL = "0350734H";

    static long overdueHousehold(Api api, String name, String channel) {
        return overdueHousehold(api, name, channel, SCHOOL);
    }

    static long overdueHousehold(Api api, String name, String channel, String school) {
        Map<String, Object> family = Builders.family(name, school);
        @SuppressWarnings("unchecked")
        Map<String, Object> guardian = (Map<String, Object>) family.get("guardian");
        guardian.put("preferredContact", channel);
        guardian.put("email", "famille@example.org");
        long id = api.post("/api/families", family).json().path("id").asLong();
        String tag = api.post("/api/establishments/" + school + "/devices", Builders.laptop()).json().path("assetTag").asText();
        String number = api.post("/api/agreements", Builders.agreement(id, school, List.of(tag),
                UUID.randomUUID().toString())).json().path("number").asText();
        Jdbi.create(APP.getConfiguration().getDataSourceFactory().getUrl()).useHandle(handle -> handle.execute(
                "UPDATE agreements SET due_date = ? WHERE number = ?",
                LocalDate.now(ZoneId.of("Europe/Paris")).minusDays(10).toString(), number));
        return id;
    }

    static HttpResponse<byte[]> post(Api api, String format) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api.base() + "/api/establishments/"
                        + SCHOOL + "/follow-ups?format=" + format)).header("Authorization", "Bearer " + TestApp.ADMIN_TOKEN)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void eachHouseholdIsRemindedOnceAWeekByItsPreferredChannel() throws Exception {
        Api api = new Api(APP);
        api.importDirectory();
        overdueHousehold(api, "Famille Sms", "SMS");
        overdueHousehold(api, "Famille Courriel", "EMAIL");
        overdueHousehold(api, "Famille Papier", "PAPER");
        long phone = overdueHousehold(api, "Famille Téléphone", "PHONE");

        assertThat(api.post("/api/establishments/" + SCHOOL + "/follow-ups?format=xml", "").field()).isEqualTo("format");

        HttpResponse<byte[]> csv = post(api, "csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        String text = new String(csv.body(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFFcanal;responsable;").contains("Famille Sms", "Famille Courriel", "famille@example.org")
                .doesNotContain("Famille Papier", "Famille Téléphone");
        assertThat(new String(post(api, "csv").body(), java.nio.charset.StandardCharsets.UTF_8))
                .as("reminded this week: not again").doesNotContain("Famille Sms", "Famille Courriel");

        try (PDDocument letters = Loader.loadPDF(post(api, "pdf").body())) {
            assertThat(new PDFTextStripper().getText(letters)).contains("Famille Papier", "aucune pénalité");
        }

        Reply rest = api.post("/api/establishments/" + SCHOOL + "/follow-ups", "");
        assertThat(rest.status()).as(rest.text()).isEqualTo(200);
        JsonNode households = rest.json().path("households");
        assertThat(households).extracting(h -> h.path("familyId").asLong()).containsExactly(phone);
        assertThat(households.get(0).path("phone").asText()).isEqualTo("0611223344");
        assertThat(households.get(0).path("agreements").get(0).path("assetTags")).hasSize(1);

        JsonNode again = api.post("/api/establishments/" + SCHOOL + "/follow-ups", "").json();
        assertThat(again.path("households")).isEmpty();
        assertThat(again.path("remindedThisWeek").asInt()).isEqualTo(4);
        assertThat(api.get("/api/audit?entity=AGREEMENT&id=" + SCHOOL).json().path("items")).isNotEmpty();
    }

    /** The quiet week is seven days to the minute: an hour short of it, the household waits; an hour past, it is listed. */
    @Test
    void aHouseholdIsRemindedAgainOnceSevenDaysHavePassed() {
        Api api = new Api(APP);
        api.importDirectory();
        String school = "0350963G";
        long family = overdueHousehold(api, "Famille Semaine", "SMS", school);
        assertThat(listed(api, school)).containsExactly(family);
        assertThat(listed(api, school)).as("just reminded").isEmpty();

        remindedAt(family, Instant.now().minus(Duration.ofDays(7)).plus(Duration.ofHours(1)));
        assertThat(listed(api, school)).as("six days and 23 hours ago").isEmpty();
        remindedAt(family, Instant.now().minus(Duration.ofDays(7)).minus(Duration.ofHours(1)));
        assertThat(listed(api, school)).as("seven days and an hour ago").containsExactly(family);
    }

    static List<Long> listed(Api api, String school) {
        List<Long> families = new java.util.ArrayList<>();
        api.post("/api/establishments/" + school + "/follow-ups", "").expect(200).path("households")
                .forEach(household -> families.add(household.path("familyId").asLong()));
        return families;
    }

    static void remindedAt(long family, Instant at) {
        Jdbi.create(APP.getConfiguration().getDataSourceFactory().getUrl()).useHandle(handle -> handle.execute(
                "UPDATE reminders SET reminded_at = ? WHERE family_id = ?", at.toEpochMilli(), family));
    }
}
