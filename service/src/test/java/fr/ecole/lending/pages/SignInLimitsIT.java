package fr.ecole.lending.pages;

import static org.assertj.core.api.Assertions.assertThat;

import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The sign-in page's limits, over plain HTTP as a script guessing passwords would send them: the API's
 * login throttle holds for the page too, and the first administrator signs in with LENDING_ADMIN_PASSWORD.
 */
@Tag("sqlite-only")
@ExtendWith(DropwizardExtensionsSupport.class)
class SignInLimitsIT {
    static final String ADMIN_PASSWORD = "le mot de passe de l'administrateur";
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.create("adminPassword", ADMIN_PASSWORD);
    static final Pattern FORM_TOKEN = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    /** The sign-in form's cookie and token, then the form posted with them; the answer. */
    static HttpResponse<String> signIn(String name, String password) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://localhost:" + APP.getLocalPort();
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(base + "/connexion")).build(),
                HttpResponse.BodyHandlers.ofString());
        String cookie = form.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        Matcher token = FORM_TOKEN.matcher(form.body());
        assertThat(token.find()).isTrue();
        String body = "csrf=" + token.group(1) + "&identifiant=" + URLEncoder.encode(name, StandardCharsets.UTF_8)
                + "&mot_de_passe=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return http.send(HttpRequest.newBuilder(URI.create(base + "/connexion")).header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theFirstAdministratorSignsInWithThePasswordOfTheEnvironment() throws Exception {
        HttpResponse<String> admin = signIn("admin", ADMIN_PASSWORD);
        assertThat(admin.statusCode()).isEqualTo(303);
        assertThat(admin.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/poste"));
        assertThat(admin.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("lending_session=")
                && c.contains("HttpOnly") && c.contains("SameSite=Strict"));
    }

    @Test
    void guessesFromThePageAreThrottledAsTheApisAre() throws Exception {
        PageSteps.user(new Api(APP), "cd.devine", "COLLECTIVITY", null, "departement:035");
        int refused = 0;
        HttpResponse<String> last = null;
        for (int i = 0; i < 8 && (last == null || last.statusCode() != 429); i++) {
            last = signIn("cd.devine", "essai numéro " + i);
            refused++;
        }
        assertThat(last.statusCode()).as("after %d guesses", refused).isEqualTo(429);
        assertThat(last.headers().firstValue("Retry-After")).isPresent();
        assertThat(last.body()).contains("Trop d&#39;essais de connexion", "value=\"cd.devine\"");
        // even the right password waits now
        assertThat(signIn("cd.devine", PageSteps.PASSWORD).statusCode()).isEqualTo(429);
    }
}
