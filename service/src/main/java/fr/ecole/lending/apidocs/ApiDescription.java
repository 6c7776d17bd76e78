package fr.ecole.lending.apidocs;

import fr.ecole.lending.auth.Role;
import fr.ecole.lending.http.Errors;
import io.dropwizard.auth.Auth;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.jaxrs2.Reader;
import io.swagger.v3.jaxrs2.ext.OpenAPIExtension;
import io.swagger.v3.jaxrs2.ext.OpenAPIExtensions;
import io.swagger.v3.oas.integration.SwaggerConfiguration;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The API's OpenAPI 3 document, read from the JAX-RS resources when first asked for (start-up does
 * not pay for it) and kept. Summaries and bodies come from the resources' own annotations and types;
 * the rest is added here from the code, so that it cannot drift: the roles from {@code @RolesAllowed},
 * the refusals from {@link Errors} plus those every endpoint of its kind shares (no token, wrong
 * role, unreadable body, bad UAI or cursor), in the one error shape.
 */
public final class ApiDescription {
    /** The extension key naming the roles that may call an operation; empty for one open to anyone. */
    public static final String ROLES = "x-roles";
    static final String BEARER = "bearer";
    static final String ERROR = "Error";
    private static final Pattern ERROR_ENTRY = Pattern.compile("([45]\\d\\d) ([a-z][a-z_]*)");
    private static final List<String> ALL_ROLES = Arrays.stream(Role.values()).map(Role::name).toList();

    private final Supplier<Set<Class<?>>> resources;
    private volatile OpenAPI document;

    /** {@code resources}: the resource classes Jersey serves, asked for when the document is first built. */
    public ApiDescription(Supplier<Set<Class<?>>> resources) {
        this.resources = resources;
    }

    public OpenAPI document() {
        OpenAPI built = document;
        if (built == null) {
            synchronized (this) {
                if (document == null) {
                    document = build(resources.get());
                }
                built = document;
            }
        }
        return built;
    }

    /**
     * The JAX-RS resources among the classes registered with Jersey (filters, mappers and features are
     * not); Dropwizard registers a resource instance's class there too.
     */
    public static Set<Class<?>> resourceClasses(Set<Class<?>> registered) {
        Set<Class<?>> classes = new LinkedHashSet<>();
        for (Class<?> type : registered) {
            // the pages (pages.*) are resources too, but no operations of the API: they are marked @Hidden
            if (type.isAnnotationPresent(jakarta.ws.rs.Path.class)
                    && !type.isAnnotationPresent(io.swagger.v3.oas.annotations.Hidden.class)) {
                classes.add(type);
            }
        }
        return classes;
    }

    static OpenAPI build(Set<Class<?>> resources) {
        installDecorator();
        OpenAPI base = new OpenAPI()
                .info(new Info().title("Prêt de matériel numérique aux familles (lending desk)").version("1")
                        .description("Le guichet de prêt des établissements : matériel, familles, diagnostics, "
                                + "conventions, retours et rapports agrégés. Conventions de l'API : docs/api.md. "
                                + "Chaque appel porte « Authorization: Bearer <jeton> », sauf ceux marqués "
                                + "« sans jeton »."))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("Le jeton remis à la création de l'utilisateur, ou par POST /api/sessions."))
                        .addSchemas(ERROR, errorSchema()));
        SwaggerConfiguration configuration = new SwaggerConfiguration().openAPI(base).prettyPrint(true)
                .sortOutput(true).readAllResources(true);
        return new Reader(configuration).read(resources);
    }

    private static Schema<?> errorSchema() {
        return new ObjectSchema()
                .description("La forme unique des refus : un code stable, une phrase en français pour la personne "
                        + "au guichet, et le champ en cause (chemin JSON ou nom du paramètre) quand il y en a un.")
                .addProperty("error", new StringSchema().description("code stable, en snake_case").example("device_unavailable"))
                .addProperty("message", new StringSchema().description("une phrase en français")
                        .example("Le matériel « LPT0001X » est déjà prêté."))
                .addProperty("field", new StringSchema().description("le champ en cause, s'il y en a un").example("assetTags[0]"))
                .required(List.of("error", "message"));
    }

    /** Swagger's extensions are one list for the whole JVM: ours goes first, once. */
    private static synchronized void installDecorator() {
        List<OpenAPIExtension> extensions = OpenAPIExtensions.getExtensions();
        if (extensions.stream().noneMatch(extension -> extension instanceof Decorator)) {
            extensions.add(0, new Decorator());
        }
    }

    /** The roles that may call a resource method: empty when it is open to anyone (no token asked). */
    public static List<String> roles(Method method) {
        RolesAllowed allowed = method.getAnnotation(RolesAllowed.class);
        if (allowed == null && method.getAnnotation(PermitAll.class) == null) {
            allowed = method.getDeclaringClass().getAnnotation(RolesAllowed.class);
        }
        if (allowed != null) {
            return List.of(allowed.value());
        }
        boolean authenticated = method.getAnnotation(PermitAll.class) != null
                || method.getDeclaringClass().getAnnotation(PermitAll.class) != null
                || Arrays.stream(method.getParameterAnnotations()).flatMap(Arrays::stream)
                .anyMatch(annotation -> annotation instanceof Auth);
        return authenticated ? ALL_ROLES : List.of();
    }

    /** Adds to each operation, as swagger reads it, what the resource method's code says. */
    static final class Decorator extends AuthenticatedCaller {
        @Override
        public void decorateOperation(Operation operation, Method method, Iterator<OpenAPIExtension> chain) {
            operation.setOperationId(method.getDeclaringClass().getSimpleName().replace("Resource", "") + "."
                    + method.getName());
            operation.setTags(List.of(area(method.getDeclaringClass())));
            List<String> roles = roles(method);
            operation.addExtension(ROLES, roles);
            String who = roles.isEmpty() ? "Sans jeton : ouvert à tous."
                    : roles.equals(ALL_ROLES) ? "Rôles : tout utilisateur connecté (" + String.join(", ", roles)
                    + "), dans son périmètre."
                    : "Rôles : " + String.join(", ", roles) + ".";
            operation.setDescription(operation.getDescription() == null || operation.getDescription().isBlank() ? who
                    : operation.getDescription() + "\n\n" + who);
            operation.setSecurity(roles.isEmpty() ? List.of() : List.of(new SecurityRequirement().addList(BEARER)));
            responses(operation, method, roles);
            example(operation);
            super.decorateOperation(operation, method, chain);
        }

        /** The area of the service an operation belongs to, as the interactive page groups them: its feature package. */
        static String area(Class<?> resource) {
            String feature = resource.getPackageName().substring(resource.getPackageName().lastIndexOf('.') + 1);
            return switch (feature) {
                case "agreements" -> "Conventions, prêts et retours";
                case "devices", "care" -> "Parc d'appareils";
                case "funders" -> "Financeurs des appareils";
                case "families" -> "Familles";
                case "diagnostics" -> "Diagnostics et éligibilité";
                case "referrals" -> "Orientations vers d'autres aides";
                case "establishments" -> "Établissements";
                case "reports" -> "Rapports agrégés";
                case "scanning" -> "Étiquettes et lecture des codes";
                case "territory" -> "Territoires et carte scolaire";
                case "users" -> "Utilisateurs et sessions";
                case "audit" -> "Journal d'audit";
                case "dataprotection" -> "Données personnelles";
                case "exports" -> "Exports";
                case "surveys" -> "Enquêtes auprès des familles";
                case "messages" -> "Courriels et SMS aux familles";
                case "apidocs" -> "Description de l'API";
                default -> feature;
            };
        }

        private static void responses(Operation operation, Method method, List<String> roles) {
            ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
            ApiResponse success = responses.remove("default");
            if (success != null) {
                responses.addApiResponse("200", success.description("OK"));
            }
            // a file sent (CSV, GeoJSON) is read as text, whatever Java type the resource takes it in
            if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
                operation.getRequestBody().getContent().forEach((type, media) -> {
                    if (!type.contains("json")) {
                        media.setSchema(new StringSchema());
                    }
                });
            }
            // a PDF, an image or a CSV: bytes, which swagger leaves without a schema
            // (swagger shares one media object between an answer's types: each gets its own)
            responses.values().stream().filter(response -> response.getContent() != null)
                    .forEach(response -> response.getContent().replaceAll((type, media) ->
                            media.getSchema() == null && !type.contains("json")
                                    ? new MediaType().schema(new StringSchema().format("binary")) : media));
            Map<String, Set<String>> errors = new TreeMap<>();
            for (String entry : method.isAnnotationPresent(Errors.class) ? method.getAnnotation(Errors.class).value()
                    : new String[0]) {
                var matcher = ERROR_ENTRY.matcher(entry);
                if (!matcher.matches()) {
                    throw new IllegalStateException("@Errors of " + method + ": « " + entry + " » is not « <status> <code> »");
                }
                add(errors, matcher.group(1), matcher.group(2));
            }
            add(errors, "401", "token_in_url");
            if (!roles.isEmpty()) {
                add(errors, "401", "unauthorized");
                if (!roles.equals(ALL_ROLES)) {
                    add(errors, "403", "forbidden");
                }
            }
            Set<String> bodyTypes = operation.getRequestBody() == null || operation.getRequestBody().getContent() == null
                    ? Set.of() : operation.getRequestBody().getContent().keySet();
            if (!bodyTypes.isEmpty()) {
                add(errors, "413", "body_too_large");
                add(errors, "415", "unsupported_media_type");
            }
            if (bodyTypes.contains("application/json")) {
                add(errors, "400", "malformed_json");
                add(errors, "400", "incomplete_body");
                add(errors, "422", "unknown_field");
                add(errors, "422", "invalid_value");
                add(errors, "422", "invalid_body");
                add(errors, "422", "too_long");
                add(errors, "422", "too_many");
                add(errors, "422", "invalid_character");
                add(errors, "422", "invisible_character");
            }
            if (bodyTypes.contains("text/csv")) {
                // a file is read as a whole before any row is kept: these refuse all of it
                for (String code : List.of("empty_file", "invalid_encoding", "invalid_csv", "missing_column",
                        "invisible_character")) {
                    add(errors, "422", code);
                }
            }
            for (Parameter parameter : operation.getParameters() == null ? List.<Parameter>of() : operation.getParameters()) {
                switch (parameter.getName()) {
                    case "uai" -> {
                        add(errors, "422", "invalid_uai");
                        if ("path".equals(parameter.getIn())) {
                            add(errors, "404", "unknown_establishment");
                            if (!roles.equals(List.of(Role.ADMIN.name()))) {
                                add(errors, "403", "outside_scope");
                            }
                        }
                        describe(parameter, "UAI d'un établissement (7 chiffres et une lettre de contrôle), "
                                + "ex. 0350963G.");
                    }
                    case "limit" -> {
                        add(errors, "422", "invalid_limit");
                        describe(parameter, "Nombre d'éléments par page : 50 par défaut, 500 au plus.");
                    }
                    case "cursor" -> {
                        add(errors, "422", "invalid_cursor");
                        describe(parameter, "Le « nextCursor » de la page précédente ; absent pour la première.");
                    }
                    case "assetTag" -> describe(parameter, "Numéro d'inventaire de l'appareil, tel qu'imprimé sur "
                            + "son étiquette.");
                    case "number" -> describe(parameter, "Numéro de convention, AGR-<année>-<six chiffres>.");
                    case "from", "to" -> describe(parameter, "Date AAAA-MM-JJ, jour civil à l'heure de Paris.");
                    case "territory" -> describe(parameter, "commune:<code INSEE>, departement:<code, ex. 035>, "
                            + "region:<code> ou academie:<code>.");
                    default -> { }
                }
            }
            if (!method.isAnnotationPresent(GET.class)) {
                add(errors, "503", "service_busy");
            }
            add(errors, "500", "internal_error");
            errors.forEach((status, codes) -> responses.addApiResponse(status, new ApiResponse()
                    .description(String.join(", ", codes.stream().map(code -> "`" + code + "`").toList()))
                    .content(new Content().addMediaType("application/json", new MediaType()
                            .schema(new Schema<>().$ref("#/components/schemas/" + ERROR))
                            .example(Map.of("error", codes.iterator().next(), "message", "Une phrase en français.")))))
            );
            operation.setResponses(responses);
        }

        private static void describe(Parameter parameter, String description) {
            if (parameter.getDescription() == null) {
                parameter.setDescription(description);
            }
        }

        private static void add(Map<String, Set<String>> errors, String status, String code) {
            errors.computeIfAbsent(status, any -> new LinkedHashSet<>()).add(code);
        }

        /** An example body where one helps, from apidocs/examples/{operationId}.json beside this class. */
        private static void example(Operation operation) {
            if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
                return;
            }
            try (InputStream in = ApiDescription.class.getResourceAsStream("/apidocs/examples/"
                    + operation.getOperationId() + ".json")) {
                if (in == null) {
                    return;
                }
                Object example = Json.mapper().readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                MediaType json = operation.getRequestBody().getContent().get("application/json");
                if (json != null) {
                    json.setExample(example);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

}
