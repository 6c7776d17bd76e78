package fr.ecole.lending.app;

import static fr.ecole.lending.support.Builders.COLLEGE;
import static org.assertj.core.api.Assertions.assertThat;

import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.Builders;
import fr.ecole.lending.support.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every PDF the service writes gives back, through a text extractor, the very characters it prints:
 * names whose letters a font may draw as one ligature (ff, fi, fl, ffi) are copied, searched and read
 * aloud as the letters they are.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class PrintedTextIT {
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.createWithDirectory();
    static final String GUARDIAN = "Joffrey Fiflet";
    static final String PUPIL = "Raffaella";
    static final String SIGNED_BY = "Raffaella Flamand";
    static final String MODEL = "Portable Office Le Goff";
    static final String ACCESSORY = "coffret officiel";
    static final String NOTE = "Rendu par Le Goff, coffret officiel complet";
    /** Short enough for a label, which cuts a longer line. */
    static final String LABEL_LINE = "Office Joffrey Le Goff";
    static Api admin;
    static long family;
    static String number;
    static String kept;
    static long returnId;

    /**
     * A family (paper letters) lends two devices, signs, renews after signing (an amendment), returns
     * one device with a note and is late with the other.
     */
    @BeforeAll
    static void aFamilyWithLigaturesInItsNames() {
        admin = new Api(APP);
        Map<String, Object> body = Builders.family(GUARDIAN, COLLEGE);
        @SuppressWarnings("unchecked")
        Map<String, Object> guardian = (Map<String, Object>) body.get("guardian");
        guardian.put("preferredContact", "PAPER");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> pupils = (List<Map<String, Object>>) body.get("pupils");
        pupils.get(0).put("firstName", PUPIL);
        family = admin.post("/api/families", body).expect(201).path("id").asLong();
        String returned = device();
        kept = device();
        number = admin.post("/api/agreements", Builders.agreement(family, COLLEGE, List.of(returned, kept),
                UUID.randomUUID().toString())).expect(201).path("number").asText();
        admin.post("/api/agreements/" + number + "/signature", Map.of("signedBy", SIGNED_BY,
                "signedAt", Instant.now().minusSeconds(30).toString())).expect(200);
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Paris"));
        admin.post("/api/agreements/" + number + "/renewal", Map.of("dueDate", today.plusMonths(8).toString())).expect(200);
        returnId = admin.post("/api/returns", Map.of("assetTag", returned, "condition", "GOOD", "note", NOTE)).expect(200)
                .path("id").asLong();
        Jdbi.create(APP.getConfiguration().getDataSourceFactory().getUrl()).useHandle(handle -> handle.execute(
                "UPDATE agreements SET due_date = ? WHERE number = ?", today.minusDays(10).toString(), number));
    }

    static String device() {
        Map<String, Object> laptop = Builders.laptop();
        laptop.put("model", MODEL);
        laptop.put("accessories", List.of(ACCESSORY));
        return admin.post("/api/establishments/" + COLLEGE + "/devices", laptop).expect(201).path("assetTag").asText();
    }

    /** Each document the service prints: how it is asked for, and the names with ligature pairs it must print. */
    static List<Object[]> documents() {
        return List.of(
                new Object[] {"the agreement", "GET", "/api/agreements/{number}/document.pdf",
                        List.of(GUARDIAN, PUPIL, MODEL, ACCESSORY, SIGNED_BY)},
                new Object[] {"its summary", "GET", "/api/agreements/{number}/summary.pdf", List.of(ACCESSORY)},
                new Object[] {"its amendment", "GET", "/api/agreements/{number}/amendments/1.pdf",
                        List.of(GUARDIAN, SIGNED_BY)},
                new Object[] {"the return receipt", "GET", "/api/returns/{return}/receipt.pdf", List.of(NOTE)},
                new Object[] {"the follow-up letters", "POST", "/api/establishments/" + COLLEGE + "/follow-ups?format=pdf",
                        List.of(GUARDIAN)},
                new Object[] {"the family's export", "GET", "/api/families/{family}/export?format=pdf",
                        List.of(GUARDIAN, PUPIL, MODEL, SIGNED_BY)},
                new Object[] {"a sheet of labels", "GET", "/api/establishments/" + COLLEGE + "/labels.pdf?assetTags={kept}&line="
                        + URLEncoder.encode(LABEL_LINE, StandardCharsets.UTF_8), List.of(LABEL_LINE)});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void theTextLayerHoldsTheLettersPrinted(String document, String method, String path, List<String> names) {
        String text = admin.pdfText(method, path.replace("{number}", number).replace("{return}", String.valueOf(returnId))
                .replace("{family}", String.valueOf(family)).replace("{kept}", kept));
        assertThat(text.chars().filter(c -> c >= 0xFB00 && c <= 0xFB06).mapToObj(Character::toString).toList())
                .as("ligatures in the text layer of %s:%n%s", document, text).isEmpty();
        assertThat(text.replaceAll("\\s+", " ")).as(document).contains(names);
    }
}
