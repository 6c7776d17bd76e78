package fr.ecole.lending.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.support.Api.Reply;
import fr.ecole.lending.support.Api;
import fr.ecole.lending.support.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The API describes itself, completely: every resource method Jersey serves is in the document
 * with a summary, its roles and its refusals in the one error shape, and the document is valid
 * OpenAPI 3. Anyone may read it, and its page loads nothing from elsewhere.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
// the document is made from the resource classes and the page is served from the jar: no query reaches
// the database, so a second run on PostgreSQL would check the same bytes again (the parent pom)
@Tag("engine-independent")
class OpenApiIT {
    static final DropwizardAppExtension<LendingConfiguration> APP = TestApp.create();
    /** The operations open without a token, "METHOD path": any other must name its roles. */
    static final Set<String> OPEN = Set.of("POST /api/sessions", "GET /api/openapi.json", "GET /api/openapi.yaml",
            "GET /api/docs", "GET /api/docs/{file}", "GET /api/surveys/questions", "POST /api/surveys/answers");

    static Api anyone;
    static Reply document;

    @BeforeAll
    static void read() {
        anyone = new Api(APP).as(null);
        document = anyone.get("/api/openapi.json");
    }

    @Test
    void theDocumentIsOpenToAnyoneAndValidOpenApi() {
        assertThat(document.status()).as(document.text()).isEqualTo(200);
        assertThat(document.header("Content-Type").orElse("")).startsWith("application/json");
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(document.text(), null, null);
        assertThat(parsed.getMessages()).as("validation messages").isEmpty();
        assertThat(parsed.getOpenAPI().getOpenapi()).startsWith("3.");

        // open to anyone, but a token in the address is refused there too, as everywhere
        assertThat(anyone.get("/api/openapi.json?access_token=anything").error()).isEqualTo("token_in_url");

        Reply yaml = anyone.get("/api/openapi.yaml");
        assertThat(yaml.status()).isEqualTo(200);
        SwaggerParseResult parsedYaml = new OpenAPIV3Parser().readContents(yaml.text(), null, null);
        assertThat(parsedYaml.getMessages()).isEmpty();
        assertThat(parsedYaml.getOpenAPI().getPaths().keySet()).isEqualTo(parsed.getOpenAPI().getPaths().keySet());
    }

    @Test
    void everyResourceMethodIsDescribedWithSummaryRolesAndErrors() {
        JsonNode paths = document.json().path("paths");
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (Class<?> resource : ApiDescription.resourceClasses(APP.getEnvironment().jersey().getResourceConfig()
                .getClasses())) {
            for (Method method : resource.getMethods()) {
                String verb = httpMethod(method);
                if (verb == null) {
                    continue;
                }
                checked++;
                String where = verb + " " + path(resource, method);
                JsonNode operation = paths.path(path(resource, method)).path(verb.toLowerCase(Locale.ROOT));
                if (operation.isMissingNode()) {
                    missing.add(where + ": not in the document");
                    continue;
                }
                if (operation.path("summary").asText().isBlank()) {
                    missing.add(where + ": no summary");
                }
                // grouped on the page under its area's name, not a package's
                String area = operation.path("tags").path(0).asText();
                if (area.isBlank() || area.equals(resource.getPackageName().substring(resource.getPackageName().lastIndexOf('.') + 1))) {
                    missing.add(where + ": no area (tag) of its own: " + area);
                }
                JsonNode roles = operation.path(ApiDescription.ROLES);
                if (!roles.isArray()) {
                    missing.add(where + ": no " + ApiDescription.ROLES);
                } else if (roles.isEmpty() != OPEN.contains(where)) {
                    missing.add(where + ": roles " + roles + (OPEN.contains(where) ? " but open to anyone" : ""));
                } else if (!roles.isEmpty() && !operation.path("security").toString().contains("bearer")) {
                    missing.add(where + ": roles but no bearer security");
                }
                if (!hasErrorShape(operation.path("responses"))) {
                    missing.add(where + ": no 4xx answer in the Error shape");
                }
                operation.path("responses").fields().forEachRemaining(response -> {
                    JsonNode json = response.getValue().path("content").path("application/json");
                    if (response.getKey().startsWith("2") && !json.isMissingNode()
                            && (json.path("schema").isMissingNode() || json.path("schema").path("format").asText().equals("binary"))) {
                        missing.add(where + ": " + response.getKey() + " without the schema of its body");
                    }
                });
                operation.path("requestBody").path("content").fields().forEachRemaining(body -> {
                    if (body.getValue().path("schema").isMissingNode()) {
                        missing.add(where + ": a " + body.getKey() + " body without a schema");
                    }
                });
            }
        }
        assertThat(checked).as("resource methods found").isGreaterThan(50);
        assertThat(missing).isEmpty();
    }

    /** Every JSON body an operation takes shows an example; every example belongs to an operation. */
    @Test
    void everyJsonBodyHasAnExample() throws java.io.IOException {
        List<String> withoutExample = new ArrayList<>();
        Set<String> operations = new java.util.TreeSet<>();
        document.json().path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(
                operation -> {
                    operations.add(operation.getValue().path("operationId").asText());
                    JsonNode json = operation.getValue().path("requestBody").path("content").path("application/json");
                    if (!json.isMissingNode() && !json.has("example")) {
                        withoutExample.add(operation.getKey() + " " + path.getKey());
                    }
                }));
        assertThat(withoutExample).isEmpty();
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(
                java.nio.file.Path.of("src", "main", "resources", "apidocs", "examples"))) {
            assertThat(files.map(file -> file.getFileName().toString().replace(".json", "")).toList())
                    .hasSizeGreaterThan(15).allMatch(operations::contains);
        }
    }

    /** A UAI or an asset tag is text in an address, whatever type the resource reads it as. */
    @Test
    void typedIdentifiersShowAsText() {
        List<String> wrong = new ArrayList<>();
        document.json().path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(
                operation -> operation.getValue().path("parameters").forEach(parameter -> {
                    String name = parameter.path("name").asText();
                    if ((name.equals("uai") || name.equals("assetTag"))
                            && !parameter.path("schema").path("type").asText().equals("string")) {
                        wrong.add(operation.getKey() + " " + path.getKey() + " " + name + ": " + parameter.path("schema"));
                    }
                })));
        assertThat(wrong).isEmpty();
        assertThat(document.json().path("paths").path("/api/devices/{assetTag}").path("get").path("parameters")
                .toString()).contains("assetTag");
    }

    @Test
    void theErrorShapeIsOneSharedSchema() {
        JsonNode error = document.json().path("components").path("schemas").path("Error");
        assertThat(error.path("properties").has("error")).isTrue();
        assertThat(error.path("properties").has("message")).isTrue();
        assertThat(error.path("properties").has("field")).isTrue();
        assertThat(document.json().path("components").path("securitySchemes").path("bearer").path("scheme").asText())
                .isEqualTo("bearer");
    }

    @Test
    void aRuleOfTheServiceShowsAsItsStatusAndCode() {
        JsonNode lend = document.json().path("paths").path("/api/agreements").path("post");
        assertThat(lend.path("responses").path("409").path("description").asText())
                .contains("device_unavailable", "not_eligible", "idempotency_key_reused");
        assertThat(lend.path(ApiDescription.ROLES).toString()).contains("ADMIN", "DESK").doesNotContain("COLLECTIVITY");
        assertThat(lend.path("responses").path("409").path("description").asText()).contains("not_wiped", "plan_ended");
        assertThat(lend.path("requestBody").path("content").path("application/json").path("example").path("assetTags")
                .isArray()).isTrue();
        JsonNode wipe = document.json().path("paths").path("/api/devices/{assetTag}/wipe").path("post");
        assertThat(wipe.path("responses").path("409").path("description").asText()).contains("device_on_loan");
        assertThat(wipe.path(ApiDescription.ROLES).toString()).doesNotContain("SOCIAL_WORKER");
        // a filter read as text by the resource still shows the values it takes
        assertThat(document.json().path("paths").path("/api/establishments/{uai}/devices").path("get")
                .path("parameters").toString()).contains("ON_LOAN", "DONGLE_4G");
    }

    @Test
    void thePageIsServedFromTheJarAndLoadsOnlyLocalFiles() {
        Reply page = anyone.get("/api/docs");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type").orElse("")).startsWith("text/html");
        Matcher references = Pattern.compile("(?:src|href)=\"([^\"]*)\"").matcher(page.text());
        List<String> found = new ArrayList<>();
        while (references.find()) {
            found.add(references.group(1));
        }
        assertThat(found).isNotEmpty().allSatisfy(reference -> {
            assertThat(reference).startsWith("/api/");
            assertThat(anyone.get(reference).status()).as(reference).isEqualTo(200);
        });
        String script = anyone.get("/api/docs/lending-docs.js").text();
        assertThat(script).contains("url: \"/api/openapi.json\"", "validatorUrl: null").doesNotContain("http");
        assertThat(anyone.get("/api/docs/..%2Fopenapi.json").status()).isIn(400, 404);
        assertThat(anyone.get("/api/docs/index.html").status()).isEqualTo(404);
    }

    /**
     * A refusal the code can answer with, and that no operation of the document names, is a rule a
     * client cannot learn from the description: found by reading the sources for the codes given to
     * {@code ApiException} and {@code ErrorBody}.
     */
    @Test
    void everyErrorCodeOfTheCodeIsNamedByAnOperation() throws java.io.IOException {
        Pattern raised = Pattern.compile("ApiException\\.(?:invalid|notFound|conflict)\\(\"([a-z_]+)\","
                + "|new ApiException\\(\\d+, \"([a-z_]+)\",|new ErrorBody\\(\"([a-z_]+)\",");
        Set<String> codes = new java.util.TreeSet<>();
        try (var sources = java.nio.file.Files.walk(java.nio.file.Path.of("src", "main", "java"))) {
            for (java.nio.file.Path source : sources.filter(file -> file.toString().endsWith(".java")
                    && !file.toString().contains("bench")).toList()) {
                Matcher found = raised.matcher(java.nio.file.Files.readString(source));
                while (found.find()) {
                    codes.add(found.group(1) != null ? found.group(1) : found.group(2) != null ? found.group(2)
                            : found.group(3));
                }
            }
        }
        assertThat(codes).as("codes found in the sources").contains("device_unavailable", "not_wiped", "forbidden");
        String described = document.json().path("paths").toString();
        // refusals of an address rather than of an operation (docs/api.md lists them)
        codes.removeAll(Set.of("not_found", "method_not_allowed", "not_acceptable", "bad_request", "uri_too_long",
                "headers_too_large"));
        assertThat(codes.stream().filter(code -> !described.contains("`" + code + "`")).toList())
                .as("codes no operation names").isEmpty();
    }

    private static boolean hasErrorShape(JsonNode responses) {
        for (Iterator<Map.Entry<String, JsonNode>> it = responses.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> response = it.next();
            if (response.getKey().startsWith("4") && response.getValue().path("content").path("application/json")
                    .path("schema").path("$ref").asText().equals("#/components/schemas/Error")) {
                return true;
            }
        }
        return false;
    }

    private static String httpMethod(Method method) {
        for (var annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }

    private static String path(Class<?> resource, Method method) {
        String base = resource.getAnnotation(Path.class).value();
        Path own = method.getAnnotation(Path.class);
        String full = "/" + base + "/" + (own == null ? "" : own.value());
        full = full.replaceAll("/+", "/");
        return full.length() > 1 && full.endsWith("/") ? full.substring(0, full.length() - 1) : full;
    }
}
