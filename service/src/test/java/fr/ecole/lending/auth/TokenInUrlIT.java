package fr.ecole.lending.auth;

import static fr.ecole.lending.support.Builders.COLLEGE;
import static org.assertj.core.api.Assertions.assertThat;

import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.support.Api.Reply;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A token in an address ends up in browser histories, proxies' logs and Referer headers: tokens
 * come in the Authorization header only, and a request that carries one in its address is refused.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class TokenInUrlIT {
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.createWithDirectory();

    static void assertRefused(Reply reply) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(401);
        assertThat(reply.error()).isEqualTo("token_in_url");
        assertThat(reply.json().path("message").asText()).contains("Authorization");
        assertThat(reply.text()).doesNotContain(TestApp.ADMIN_TOKEN);
    }

    @Test
    void aTokenInTheQueryIsNotAccepted() {
        assertRefused(new Api(APP).as(null).get("/api/establishments/" + COLLEGE + "?access_token=" + TestApp.ADMIN_TOKEN));
        assertRefused(new Api(APP).as(null).get("/api/users?limit=5&access_token=" + TestApp.ADMIN_TOKEN));
    }

    @Test
    void aTokenInTheQueryIsRefusedEvenBesideAGoodHeader() {
        assertRefused(new Api(APP).get("/api/establishments/" + COLLEGE + "?access_token=" + TestApp.ADMIN_TOKEN));
        assertRefused(new Api(APP).get("/api/users?access_token=anything"));
    }

    @Test
    void aTokenInTheQueryIsRefusedOnTheCallsThatNeedNone() {
        assertRefused(new Api(APP).as(null).post("/api/sessions?access_token=" + TestApp.ADMIN_TOKEN,
                Map.of("name", "admin", "password", "not a password at all")));
    }

    @Test
    void theHeaderAloneStillWorks() {
        assertThat(new Api(APP).get("/api/establishments/" + COLLEGE).status()).isEqualTo(200);
        Reply noToken = new Api(APP).as(null).get("/api/establishments/" + COLLEGE);
        assertThat(noToken.status()).isEqualTo(401);
        assertThat(noToken.error()).isEqualTo("unauthorized");
    }
}
