package fr.ecole.lending.apidocs;

import fr.ecole.lending.http.ApiException;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.core.util.Yaml;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * The API's description, open to anyone (it holds no data): the OpenAPI document in JSON and YAML,
 * and Swagger UI's page to read and try it, whose files come from the jar (the swagger-ui WebJar),
 * never from the internet.
 */
@Path("/api")
public class ApiDocsResource {
    private static final String WEBJAR = "/META-INF/resources/webjars/swagger-ui/";
    /** The only files the page needs, and their types: nothing else of the jar is served from here. */
    private static final Map<String, String> ASSETS = Map.of(
            "swagger-ui.css", "text/css; charset=utf-8",
            "swagger-ui-bundle.js", "text/javascript; charset=utf-8",
            "favicon-32x32.png", "image/png",
            "favicon-16x16.png", "image/png");

    private final ApiDescription description;
    private final String swaggerUi = webJarVersion();
    private volatile Rendered rendered;

    public ApiDocsResource(ApiDescription description) {
        this.description = description;
    }

    @GET
    @Path("openapi.json")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "La description OpenAPI 3 de l'API, en JSON")
    public String openApiJson() {
        return rendered().json();
    }

    @GET
    @Path("openapi.yaml")
    @Produces("application/yaml")
    @Operation(summary = "La description OpenAPI 3 de l'API, en YAML")
    public String openApiYaml() {
        return rendered().yaml();
    }

    @GET
    @Path("docs")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "La page interactive de l'API (Swagger UI)")
    public Response page() {
        return Response.ok(resource("/apidocs/index.html"), "text/html; charset=utf-8").build();
    }

    @GET
    @Path("docs/{file}")
    @Operation(summary = "Un fichier de la page interactive (feuille de style, script, icône)")
    public Response asset(@PathParam("file") String file) {
        if (file.equals("lending-docs.js")) {
            return Response.ok(resource("/apidocs/lending-docs.js"), "text/javascript; charset=utf-8").build();
        }
        String type = ASSETS.get(file);
        if (type == null) {
            throw ApiException.notFound("not_found", "file", "Cette adresse n'existe pas dans l'API.");
        }
        return Response.ok(resource(WEBJAR + swaggerUi + "/" + file), type).build();
    }

    /** The document written out once, in both forms, when first asked for. */
    private Rendered rendered() {
        Rendered written = rendered;
        if (written == null) {
            written = new Rendered(Json.pretty(description.document()), Yaml.pretty(description.document()));
            rendered = written;
        }
        return written;
    }

    private record Rendered(String json, String yaml) {
    }

    private static byte[] resource(String name) {
        try (InputStream in = ApiDocsResource.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The WebJar's files sit under its version: read it from the jar rather than repeat the POM's. */
    private static String webJarVersion() {
        try (InputStream in = ApiDocsResource.class.getResourceAsStream(
                "/META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the swagger-ui WebJar is missing from the class path", e);
        }
    }
}
