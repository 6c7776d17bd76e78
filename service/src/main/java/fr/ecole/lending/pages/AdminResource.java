package fr.ecole.lending.pages;

import fr.ecole.lending.audit.Audit;
import fr.ecole.lending.audit.AuditEntry;
import fr.ecole.lending.auth.Role;
import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.http.NationalFile;
import fr.ecole.lending.http.Page;
import fr.ecole.lending.http.PageRequest;
import fr.ecole.lending.users.NewPassword;
import fr.ecole.lending.users.NewUser;
import fr.ecole.lending.users.UserService;
import fr.ecole.lending.users.UserView;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.glassfish.jersey.media.multipart.FormDataContentDisposition;
import org.glassfish.jersey.media.multipart.FormDataParam;

/**
 * The administrator's page ({@code /admin}): the users, created, deactivated, given a new token (shown
 * once, in the answer) or a new password, through the same service as {@code /api/users}.
 */
// pages, not operations of the API: left out of its description
@Hidden
@Path("/")
@Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
public final class AdminResource {
    private static final String ADMIN = "/admin";

    private final BrowserSession sessions;
    private final UserService users;
    private final Audit audit;

    private final AdminImports imports;

    AdminResource(BrowserSession sessions, UserService users, Audit audit, AdminImports imports) {
        this.sessions = sessions;
        this.users = users;
        this.audit = audit;
        this.imports = imports;
    }

    @GET
    @Path("admin")
    public AdminView page(@Context HttpHeaders headers) {
        return view(sessions.require(headers.getCookies(), ADMIN, Role.ADMIN), Map.of(), null);
    }

    /** A national file chosen in the form, imported by the service of its API import; the result line by line. */
    @POST
    @Path("admin/imports")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @NationalFile
    public AdminView importFile(@FormDataParam(BrowserSession.CSRF_FIELD) String csrf, @FormDataParam("type") String kind,
                                @FormDataParam("fichier") InputStream file, @FormDataParam("ecarter") String setAside,
                                @FormDataParam("fichier") FormDataContentDisposition chosen, @Context HttpHeaders headers) {
        BrowserSession.SignedIn signedIn = sessions.requireForm(headers.getCookies(), csrf, ADMIN, Role.ADMIN);
        if (kind == null || !AdminImports.KINDS.containsKey(kind)) {
            return view(signedIn, Map.of(), AdminView.Outcome.refused("Choisissez le fichier national à importer."));
        }
        if (file == null || chosen == null || chosen.getFileName() == null || chosen.getFileName().isBlank()) {
            return view(signedIn, Map.of(), AdminView.Outcome.refused("Choisissez le fichier (CSV) à importer."));
        }
        // the import form keeps its choices for the next file
        Map<String, String> chosenForm = setAside == null ? Map.of("import.type", kind)
                : Map.of("import.type", kind, "import.ecarter", "oui");
        try {
            AdminImports.Result result = imports.run(signedIn.user(), kind, file, setAside == null);
            return view(signedIn, chosenForm, AdminView.Outcome.imported(result));
        } catch (ApiException refused) {
            return view(signedIn, chosenForm, AdminView.Outcome.refused(AdminImports.KINDS.get(kind) + " non importé : "
                    + refused.getMessage()));
        }
    }

    /** The audit log, oldest first, by kind of record and record; 100 entries a page. */
    @GET
    @Path("admin/journal")
    public AuditLogView auditLog(@QueryParam("entite") String entity, @QueryParam("id") String id,
                                 @QueryParam("curseur") String cursor, @Context HttpHeaders headers) {
        BrowserSession.SignedIn signedIn = sessions.require(headers.getCookies(), ADMIN + "/journal", Role.ADMIN);
        String kind = entity == null ? "" : entity.strip();
        String record = id == null ? "" : id.strip();
        try {
            Audit.Entity chosen = kind.isEmpty() ? null : Audit.Entity.valueOf(kind);
            Page<AuditEntry> entries = audit.list(chosen, record.isEmpty() ? null : record, PageRequest.parse("100", cursor));
            return new AuditLogView(signedIn, kind, record, entries.items(), entries.nextCursor(), null);
        } catch (ApiException | IllegalArgumentException refused) {
            return new AuditLogView(signedIn, kind, record, List.of(), null, refused instanceof ApiException api
                    ? api.getMessage() : "Choisissez un type d'enregistrement de la liste.");
        }
    }

    @POST
    @Path("admin/utilisateurs")
    public AdminView create(@FormParam(BrowserSession.CSRF_FIELD) String csrf, @FormParam("identifiant") String name,
                            @FormParam("role") String role, @FormParam("etablissements") String schools,
                            @FormParam("territoire") String territory, @FormParam("financeur") String funder,
                            @FormParam("mot_de_passe") String password,
                            @Context HttpHeaders headers) {
        BrowserSession.SignedIn signedIn = sessions.requireForm(headers.getCookies(), csrf, ADMIN, Role.ADMIN);
        Map<String, String> typed = new LinkedHashMap<>();
        typed.put("identifiant", name == null ? "" : name);
        typed.put("role", role == null ? "" : role);
        typed.put("etablissements", schools == null ? "" : schools);
        typed.put("territoire", territory == null ? "" : territory);
        typed.put("financeur", funder == null ? "" : funder);
        Role chosen = Arrays.stream(Role.values()).filter(r -> r.name().equals(role)).findFirst().orElse(null);
        if (chosen == null) {
            return view(signedIn, typed, AdminView.Outcome.refused("Choisissez le rôle de l'utilisateur."));
        }
        String funderText = blankToNull(funder);
        if (funderText != null && !funderText.matches("[1-9][0-9]{0,17}")) {
            return view(signedIn, typed, AdminView.Outcome.refused("Le financeur se désigne par son numéro (1, 2…)."));
        }
        Long funderId = funderText == null ? null : Long.valueOf(funderText);
        try {
            UserView made = users.create(signedIn.user(), new NewUser(blankToNull(name), chosen, list(schools),
                    blankToNull(territory), blankToNull(password), funderId));
            return view(signedIn, Map.of(), AdminView.Outcome.withToken("Utilisateur " + made.name() + " créé ("
                    + PageView.roleLabel(made.role()) + ")" + (made.hasPassword() ? ", avec son mot de passe" : "")
                    + ". Son jeton d'accès à l'API n'est affiché qu'ici : copiez-le maintenant s'il en a besoin.",
                    made.token()));
        } catch (ApiException refused) {
            return view(signedIn, typed, AdminView.Outcome.refused("Utilisateur non créé : " + refused.getMessage()));
        }
    }

    @POST
    @Path("admin/utilisateurs/{id}/desactivation")
    public AdminView deactivate(@FormParam(BrowserSession.CSRF_FIELD) String csrf, @PathParam("id") String id,
                                @Context HttpHeaders headers) {
        BrowserSession.SignedIn signedIn = sessions.requireForm(headers.getCookies(), csrf, ADMIN, Role.ADMIN);
        return act(signedIn, () -> {
            UserView user = users.deactivate(signedIn.user(), userId(id));
            return AdminView.Outcome.done("Utilisateur " + user.name() + " désactivé : son jeton et ses sessions "
                    + "ne servent plus.");
        });
    }

    @POST
    @Path("admin/utilisateurs/{id}/jeton")
    public AdminView replaceToken(@FormParam(BrowserSession.CSRF_FIELD) String csrf, @PathParam("id") String id,
                                  @Context HttpHeaders headers) {
        BrowserSession.SignedIn signedIn = sessions.requireForm(headers.getCookies(), csrf, ADMIN, Role.ADMIN);
        return act(signedIn, () -> {
            UserView user = users.replaceToken(signedIn.user(), userId(id));
            return AdminView.Outcome.withToken("Nouveau jeton pour " + user.name() + " : l'ancien et ses sessions ne "
                    + "servent plus. Il n'est affiché qu'ici : copiez-le maintenant.", user.token());
        });
    }

    @POST
    @Path("admin/utilisateurs/{id}/mot-de-passe")
    public AdminView setPassword(@FormParam(BrowserSession.CSRF_FIELD) String csrf, @PathParam("id") String id,
                                 @FormParam("mot_de_passe") String password, @Context HttpHeaders headers) {
        BrowserSession.SignedIn signedIn = sessions.requireForm(headers.getCookies(), csrf, ADMIN, Role.ADMIN);
        return act(signedIn, () -> {
            long user = userId(id);
            users.setPassword(signedIn.user(), user, new NewPassword(password));
            return AdminView.Outcome.done("Mot de passe de " + users.get(user).name() + " enregistré : ses sessions "
                    + "ouvertes sont fermées.");
        });
    }

    private AdminView act(BrowserSession.SignedIn signedIn, Supplier<AdminView.Outcome> action) {
        try {
            return view(signedIn, Map.of(), action.get());
        } catch (ApiException refused) {
            return view(signedIn, Map.of(), AdminView.Outcome.refused(refused.getMessage()));
        }
    }

    private AdminView view(BrowserSession.SignedIn signedIn, Map<String, String> typed, AdminView.Outcome outcome) {
        Page<UserView> page = users.list(new PageRequest(PageRequest.MAX_LIMIT, 0));
        return new AdminView(signedIn, page.items().stream().map(AdminView.UserLine::of).toList(),
                page.nextCursor() != null, typed, outcome);
    }

    private static long userId(String id) {
        if (id == null || !id.matches("[0-9]{1,15}")) {
            throw ApiException.notFound("unknown_user", "id", "Cet utilisateur n'existe pas : repartez de la liste.");
        }
        return Long.parseLong(id);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** UAIs typed separated by commas or spaces. */
    private static List<String> list(String schools) {
        if (schools == null || schools.isBlank()) {
            return null;
        }
        return Arrays.stream(schools.split("[,;\\s]+")).filter(s -> !s.isBlank()).map(String::strip).toList();
    }
}
