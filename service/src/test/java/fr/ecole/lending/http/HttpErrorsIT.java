package fr.ecole.lending.http;

import static fr.ecole.lending.support.Builders.COLLEGE;
import static org.assertj.core.api.Assertions.assertThat;

import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.support.Api.Reply;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.Builders;
import fr.ecole.lending.support.RawHttp;
import fr.ecole.lending.support.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Whatever a client sends, the answer has the API's error shape and says what to do. */
@ExtendWith(DropwizardExtensionsSupport.class)
class HttpErrorsIT {
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.createWithDirectory();

    /**
     * A caller on connections of its own for each request: several of these requests make the
     * server close the connection, which a shared client could otherwise reuse for the next test.
     */
    static Api api() {
        return new Api(APP).isolated();
    }

    static void assertErrorShape(Reply reply, int status, String error) {
        assertThat(reply.status()).as(reply.text()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(reply.json().path("error").asText()).isEqualTo(error);
        assertThat(reply.json().path("message").asText()).isNotBlank();
        assertThat(reply.text()).doesNotContain("Exception", "SQL", "at fr.", "org.");
    }

    @Test
    void everyCallNeedsAKnownToken() {
        assertErrorShape(api().as(null).get("/api/establishments/" + COLLEGE), 401, "unauthorized");
        assertErrorShape(api().as("not-a-token").get("/api/establishments/" + COLLEGE), 401, "unauthorized");
        assertErrorShape(api().as(null).post("/api/families", "{}"), 401, "unauthorized");
    }

    @Test
    void aBodyThatDoesNotParseIs400() {
        assertErrorShape(api().post("/api/families", "{\"guardian\": "), 400, "malformed_json");
        assertErrorShape(api().post("/api/families", "not json"), 400, "malformed_json");
    }

    @Test
    void aBodyThatParsesButDoesNotFitIs422NamingTheField() {
        Reply unknown = api().post("/api/families", "{\"nationality\": \"x\"}");
        assertErrorShape(unknown, 422, "unknown_field");
        assertThat(unknown.field()).isEqualTo("nationality");

        Reply wrongType = api().post("/api/agreements", "{\"familyId\": \"seven\"}");
        assertErrorShape(wrongType, 422, "invalid_value");
        assertThat(wrongType.field()).isEqualTo("familyId");

        Reply stringForNumber = api().post("/api/agreements", "{\"familyId\": \"7\"}");
        assertThat(stringForNumber.field()).isEqualTo("familyId");

        Reply numberForText = api().post("/api/establishments/" + COLLEGE + "/devices",
                "{\"kind\": \"LAPTOP\", \"serial\": 123, \"model\": \"x\"}");
        assertThat(numberForText.status()).isEqualTo(422);
        assertThat(numberForText.field()).isEqualTo("serial");

        Reply enumIndex = api().post("/api/establishments/" + COLLEGE + "/devices", "{\"kind\": 0}");
        assertThat(enumIndex.field()).isEqualTo("kind");

        Reply nested = api().post("/api/families", "{\"pupils\": [{\"firstName\": \"A\", \"shoeSize\": 38}]}");
        assertThat(nested.status()).isEqualTo(422);
        assertThat(nested.field()).isEqualTo("pupils[0].shoeSize");

        assertErrorShape(api().post("/api/families", ""), 422, "invalid_body");
        assertErrorShape(api().post("/api/families", "[1, 2]"), 422, "invalid_body");
        assertErrorShape(api().post("/api/families", "null"), 422, "invalid_body");
    }

    @Test
    void aWrongContentTypeIs415() {
        assertErrorShape(api().postRaw("/api/families", "text/plain", "{}".getBytes(StandardCharsets.UTF_8)),
                415, "unsupported_media_type");
        assertErrorShape(api().postRaw("/api/families", "application/xml", "<a/>".getBytes(StandardCharsets.UTF_8)),
                415, "unsupported_media_type");
    }

    @Test
    void anOversizedBodyIs413WhetherItsLengthIsDeclaredOrNot() {
        byte[] big = ("{\"guardian\": {\"name\": \"" + "a".repeat(2 * 1024 * 1024) + "\"}}").getBytes(StandardCharsets.UTF_8);
        assertRefusedAsTooLarge(api -> api().postRaw("/api/families", "application/json", big));
        // no Content-Length: the body streams in chunks and is counted as it comes
        assertRefusedAsTooLarge(api -> api().send("POST", "/api/families", HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofByteArray(big)), "Content-Type", "application/json"));
    }

    /**
     * The server answers 413 as soon as it knows the body is too large and closes the connection; a
     * client still sending may see the connection reset before it reads the answer. Either way the
     * request is refused, and nothing is stored.
     */
    static void assertRefusedAsTooLarge(java.util.function.Function<Api, Reply> request) {
        int before = api().get("/api/families?limit=500").json().path("items").size();
        try {
            assertErrorShape(request.apply(api()), 413, "body_too_large");
        } catch (java.io.UncheckedIOException reset) {
            assertThat(reset).hasRootCauseInstanceOf(java.io.IOException.class);
        }
        assertThat(api().get("/api/families?limit=500").json().path("items")).hasSize(before);
    }

    @Test
    void anUnreadableContentTypeOrAcceptHeaderIsToldInTheErrorShape() {
        assertErrorShape(api().postRaw("/api/families", "garbage", "{}".getBytes(StandardCharsets.UTF_8)), 400, "bad_request");
        assertErrorShape(api().send("GET", "/api/establishments/" + COLLEGE, HttpRequest.BodyPublishers.noBody(),
                "Accept", ";;;"), 400, "bad_request");
    }

    @Test
    void aBodyThatStopsHalfWayIsTheClientsFailureNotTheServers() throws Exception {
        try (Socket socket = new Socket("localhost", APP.getLocalPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/families HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TestApp.ADMIN_TOKEN
                    + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"guardian\":")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.shutdownOutput();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 4").doesNotContain("Exception");
        }
    }

    @Test
    void aLargeImportIsMeasuredByItsEndpointNotByTheContentTypeItClaims() {
        byte[] directory = Api.resource("/fixtures/establishments/fr-en-annuaire-education.csv");
        String text = new String(directory, StandardCharsets.UTF_8);
        String body = text + text.substring(text.indexOf('\n') + 1);
        assertThat(body.length()).isGreaterThan(1024 * 1024);
        Reply reply = api().postRaw("/api/imports/establishments", "text/plain; charset=utf-8",
                body.getBytes(StandardCharsets.UTF_8));
        assertThat(reply.status()).as(reply.text()).isEqualTo(200);
    }

    @Test
    void unknownPathsAndMethodsAreTold() {
        assertErrorShape(api().get("/api/no-such-thing"), 404, "not_found");
        assertErrorShape(api().send("DELETE", "/api/establishments/" + COLLEGE, HttpRequest.BodyPublishers.noBody()),
                405, "method_not_allowed");
    }

    /** What Jetty refuses before the application sees it: an ambiguous or undecodable path, a malformed request. */
    @Test
    void requestsJettyRefusesItselfAreToldInTheErrorShape() throws Exception {
        for (String head : List.of("POST /api/agreements/a%2Fb/renewal HTTP/1.1", "POST /api/devices/%2e%2e/wipe HTTP/1.1",
                "POST /api/families/%C3%28/diagnostics HTTP/1.1", "PATCH /api/devices/%00 HTTP/1.1",
                "PATCH /api/families/2\u00e9 HTTP/1.1", "POST /api/devices/A|B/home HTTP/1.1")) {
            RawHttp.Answer answer = RawHttp.send(APP.getLocalPort(), (head + "\r\nHost: localhost\r\nAuthorization: Bearer "
                    + TestApp.ADMIN_TOKEN + "\r\nContent-Type: application/json").getBytes(StandardCharsets.UTF_8),
                    "{}".getBytes(StandardCharsets.UTF_8), 2);
            assertThat(answer.status()).as(head).isEqualTo(400);
            assertThat(answer.header("Content-Type")).as(head).startsWith("application/json");
            assertThat(answer.text()).as(head).contains("\"error\":\"bad_request\"", "\"message\":\"Requ");
        }
        // a control character in a header, and a PATCH whose Content-Type Jetty cannot read
        RawHttp.Answer header = RawHttp.send(APP.getLocalPort(), ("POST /api/families HTTP/1.1\r\nHost: localhost"
                + "\r\nAuthorization: Bearer x\u0001").getBytes(StandardCharsets.UTF_8), new byte[0], 0);
        assertThat(header.status()).isEqualTo(400);
        assertThat(header.text()).contains("\"error\":\"bad_request\"");
        Reply patch = api().send("PATCH", "/api/families/1", java.net.http.HttpRequest.BodyPublishers.ofString("{}"),
                "Content-Type", "application/");
        assertErrorShape(patch, 400, "bad_request");
    }

    @Test
    void halfACharacterIsRefusedNotHashed() {
        Reply login = api().as(null).post("/api/sessions", "{\"name\": \"guichet\", \"password\": \"abc\\ud800def\"}");
        assertErrorShape(login, 422, "invalid_value");
        assertThat(login.field()).isEqualTo("password");
    }

    @Test
    void aRecordNumberIsWrittenInAsciiDigits() {
        // Arabic-Indic and fullwidth one: Long.parseLong would read both as 1, the administrator
        assertErrorShape(api().get("/api/users/%D9%A1"), 404, "unknown_user");
        assertErrorShape(api().post("/api/users/%EF%BC%91/deactivation", ""), 404, "unknown_user");
    }

    @Test
    void hostileValuesNeverCauseA500() {
        List<String> bodies = List.of(
                "{\"guardian\": {\"name\": \"\\u0000\"}, \"communeInsee\": \"35238\", \"pupils\": []}",
                "{\"guardian\": {\"name\": \"" + "é".repeat(500) + "\", \"preferredContact\": \"PAPER\"}, "
                        + "\"communeInsee\": \"35238\", \"pupils\": [{\"firstName\": \"A\", \"uai\": \"" + COLLEGE
                        + "\", \"level\": \"6E\"}]}",
                "{\"guardian\": null, \"communeInsee\": null, \"pupils\": null}",
                "{\"guardian\": {\"name\": \"X\", \"preferredContact\": \"PAPER\"}, \"communeInsee\": \"'; DROP TABLE families; --\", "
                        + "\"pupils\": [null]}",
                "{\"guardian\": [], \"pupils\": {}}",
                "{\"guardian\": {\"name\": \"X\", \"preferredContact\": \"PAPER\"}, \"communeInsee\": \"35238\", "
                        + "\"pupils\": [{\"firstName\": \"A\", \"uai\": \"" + "9".repeat(100) + "\", \"level\": \"6E\"}]}");
        for (String body : bodies) {
            Reply reply = api().post("/api/families", body);
            assertThat(reply.status()).as(body.substring(0, Math.min(body.length(), 80))).isBetween(400, 499);
            assertThat(reply.json().path("error").asText()).isNotBlank();
        }
        List<String> agreements = List.of(
                "{\"familyId\": -1}", "{\"familyId\": 1e400}", "{\"familyId\": 99999999999999999999}",
                "{\"familyId\": 1, \"uai\": \"" + COLLEGE + "\", \"assetTags\": [null], \"dueDate\": \"2030-01-01\", "
                        + "\"idempotencyKey\": \"k\"}",
                "{\"familyId\": 1, \"uai\": \"" + COLLEGE + "\", \"assetTags\": [\"x\"], \"dueDate\": \"9999999-01-01\", "
                        + "\"idempotencyKey\": \"k\"}",
                "{\"familyId\": 1, \"uai\": \"" + COLLEGE + "\", \"assetTags\": \"x\", \"dueDate\": \"2030-02-30\"}");
        for (String body : agreements) {
            Reply reply = api().post("/api/agreements", body);
            assertThat(reply.status()).as(body).isBetween(400, 499);
            assertThat(reply.json().path("error").asText()).isNotBlank();
        }
        for (String path : List.of("/api/devices/%00", "/api/devices/" + "A".repeat(5000), "/api/families/-1",
                "/api/families/99999999999999999999", "/api/agreements/%27%20OR%201=1",
                "/api/establishments/" + COLLEGE + "/devices?limit=%00")) {
            Reply reply = api().get(path);
            assertThat(reply.status()).as(path).isBetween(400, 499);
        }
        assertThat(api().post("/api/establishments/" + COLLEGE + "/devices", Builders.laptop()).status()).isEqualTo(201);
    }
}
