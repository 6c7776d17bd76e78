package fr.ecole.lending.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import fr.ecole.lending.app.LendingConfiguration;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/** A desk client for the tests: plain HTTP against the running application, JSON answers as trees. */
public final class Api {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient SHARED = newClient();
    /** Numbers the desks the tests create, so that their names never repeat within a run. */
    private static final AtomicInteger DESKS = new AtomicInteger();

    private final IntSupplier port;
    private final String token;
    private final HttpClient http;

    public Api(DropwizardAppExtension<LendingConfiguration> app) {
        this(app, TestApp.ADMIN_TOKEN);
    }

    public Api(DropwizardAppExtension<LendingConfiguration> app, String token) {
        this(app::getLocalPort, token, SHARED);
    }

    private Api(IntSupplier port, String token, HttpClient http) {
        this.port = port;
        this.token = token;
        this.http = http;
    }

    /** A caller of a service started apart (a child process) on {@code port}, on connections of its own. */
    public static Api onPort(int port, String token) {
        return new Api(() -> port, token, newClient());
    }

    private static HttpClient newClient() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The same caller on connections of its own: for requests after which the server closes the connection. */
    public Api isolated() {
        return new Api(port, token, newClient());
    }

    /** An answer: status, body as JSON (MissingNode when not JSON), raw text, headers. */
    public record Reply(int status, JsonNode json, String text, java.net.http.HttpHeaders headers) {
        public String error() {
            return json.path("error").asText(null);
        }

        public String field() {
            return json.path("field").asText(null);
        }

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        /** The body as JSON, once the status is {@code expected}; otherwise the test fails showing the answer. */
        public JsonNode expect(int expected) {
            if (status != expected) {
                throw new AssertionError("expected " + expected + " but was " + this);
            }
            return json;
        }

        @Override
        public String toString() {
            return status + " " + text;
        }
    }

    public Api as(String otherToken) {
        return new Api(port, otherToken, http);
    }

    /** A new desk user for {@code uais}, created by this (administrator's) client; the desk's own client. */
    public Api desk(String... uais) {
        String name = "pret.guichet." + DESKS.incrementAndGet();
        Reply created = post("/api/users", Map.of("name", name, "role", "DESK", "establishments", List.of(uais)));
        if (created.status() != 201) {
            throw new IllegalStateException("cannot create the desk " + name + ": " + created);
        }
        return as(created.json().path("token").asText());
    }

    public Reply get(String path) {
        return send(request(path).GET());
    }

    public Reply post(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(body))));
    }

    public Reply patch(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json(body))));
    }

    public Reply postRaw(String path, String contentType, byte[] body) {
        HttpRequest.Builder builder = request(path).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return send(builder);
    }

    public Reply send(String method, String path, HttpRequest.BodyPublisher body, String... headers) {
        HttpRequest.Builder builder = request(path).method(method, body);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return send(builder);
    }

    /** The text of the PDF at {@code path}, as a reader would copy it from the page; fails unless it is served. */
    public String pdfText(String path) {
        return pdfText("GET", path);
    }

    /**
     * The text of the PDF that {@code method} on {@code path} answers with, as a reader would copy it
     * from the page ({@link TextLayer}); fails unless it is served.
     */
    public String pdfText(String method, String path) {
        try {
            HttpResponse<byte[]> response = http.send(request(path).method(method, HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + response.statusCode() + ": "
                        + new String(response.body(), StandardCharsets.UTF_8));
            }
            return TextLayer.of(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Reply importDirectory() {
        return postRaw("/api/imports/establishments", "text/csv",
                resource("/fixtures/establishments/fr-en-annuaire-education.csv"));
    }

    public static byte[] resource(String path) {
        try (InputStream in = Api.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String base() {
        return "http://localhost:" + port.getAsInt();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private static String json(Object body) {
        if (body instanceof String text) {
            return text;
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Reply send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = http.send(builder.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode json;
            try {
                json = response.body().isEmpty() ? MissingNode.getInstance() : JSON.readTree(response.body());
            } catch (IOException notJson) {
                json = MissingNode.getInstance();
            }
            return new Reply(response.statusCode(), json, response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
