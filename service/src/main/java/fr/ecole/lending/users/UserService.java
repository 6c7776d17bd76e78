package fr.ecole.lending.users;

import fr.ecole.lending.audit.Audit;
import fr.ecole.lending.auth.Role;
import fr.ecole.lending.auth.TokenHasher;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.auth.UserDao;
import fr.ecole.lending.db.Daos;
import fr.ecole.lending.db.Database;
import fr.ecole.lending.establishments.EstablishmentDao;
import fr.ecole.lending.establishments.EstablishmentService;
import fr.ecole.lending.funders.FunderDao;
import fr.ecole.lending.funders.FunderService;
import fr.ecole.lending.geography.CommuneDao;
import fr.ecole.lending.geography.Territory;
import fr.ecole.lending.geography.Uai;
import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.http.Check;
import fr.ecole.lending.http.Page;
import fr.ecole.lending.http.PageRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/** The people and systems that use the service: who they are, what they may reach, how they prove it. */
public class UserService {
    /** A login lasts a working day. */
    static final Duration SESSION_LENGTH = Duration.ofHours(10);
    static final int MIN_PASSWORD_LENGTH = 12;
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,59}");

    private final Database database;
    private final TokenHasher tokens;
    private final PasswordHasher passwords;
    private final LoginThrottle throttle;
    private final Audit audit;
    private final Clock clock;
    /** Compared against when the user is unknown, so that a wrong name costs as long as a wrong password. */
    private final CompletableFuture<String> decoyHash;
    /** Tells the authenticator that a token or session it may remember has ended. */
    private final Runnable tokensEnded;

    public UserService(Database database, TokenHasher tokens, PasswordHasher passwords, LoginThrottle throttle,
                       Audit audit, Clock clock, Runnable tokensEnded) {
        this.database = database;
        this.tokens = tokens;
        this.passwords = passwords;
        this.throttle = throttle;
        this.audit = audit;
        this.clock = clock;
        // a slow hash by design: made beside the start-up rather than holding it up
        this.decoyHash = CompletableFuture.supplyAsync(() -> passwords.hash(TokenHasher.newToken()));
        this.tokensEnded = tokensEnded;
    }

    public UserView create(User actor, NewUser request) {
        String token = TokenHasher.newToken();
        return get(insert(actor, request, token)).withToken(token);
    }

    /**
     * The user of {@code request} with this token: created when its name is new, given the token
     * otherwise. For the demo, whose users have tokens known in advance.
     */
    public void provision(User actor, NewUser request, String token) {
        long existing = database.read(handle -> Daos.on(handle, UserDao.class).findByName(request.name())
                .map(UserDao.UserRow::id).orElse(0L));
        if (existing == 0) {
            insert(actor, request, token);
        } else {
            database.write(handle -> {
                Daos.on(handle, UserDao.class).replaceToken(existing, tokens.hash(token));
                return existing;
            });
            tokensEnded.run();
        }
    }

    private long insert(User actor, NewUser request, String token) {
        Check.body(request);
        String name = name(request.name());
        Role role = Check.present(request.role(), "role");
        List<Uai> establishments = new ArrayList<>();
        List<String> sent = request.establishments() == null ? List.of() : request.establishments();
        for (int i = 0; i < sent.size(); i++) {
            establishments.add(Uai.parse(Check.required(sent.get(i), "establishments[" + i + "]", 8),
                    "establishments[" + i + "]"));
        }
        // a rectorat's territory is its académie, and only a rectorat's is
        Territory territory = request.territory() == null ? null : role == Role.RECTORAT
                ? Territory.parseAcademie(request.territory(), "territory")
                : Territory.parseCollectivity(request.territory(), "territory");
        switch (role) {
            case DESK -> {
                if (establishments.isEmpty()) {
                    throw ApiException.invalid("missing_value", "establishments",
                            "Un poste de prêt (DESK) travaille pour au moins un établissement : indiquez leurs UAI.");
                }
                refuse(territory != null, "territory", "Un poste de prêt n'a pas de territoire, mais des établissements.");
            }
            case FUNDER -> {
                Check.present(request.funder(), "funder");
                refuse(territory != null, "territory", "Un financeur lit les rapports de ses appareils, où qu'ils soient : "
                        + "il n'a pas de territoire.");
                refuse(!establishments.isEmpty(), "establishments", "Un financeur n'a pas d'établissements.");
            }
            case SOCIAL_WORKER, COLLECTIVITY -> {
                if (territory == null) {
                    throw ApiException.invalid("missing_value", "territory", "Indiquez le territoire de ce rôle "
                            + "(commune:<code INSEE>, departement:<code> ou region:<code>).");
                }
                refuse(!establishments.isEmpty(), "establishments", "Ce rôle a un territoire, pas d'établissements.");
            }
            case RECTORAT -> {
                if (territory == null) {
                    throw ApiException.invalid("missing_value", "territory", "Indiquez l'académie du rectorat "
                            + "(academie:<code de l'annuaire, ex. 14 pour Rennes>).");
                }
                refuse(!establishments.isEmpty(), "establishments", "Un rectorat a une académie, pas d'établissements.");
            }
            case ADMIN -> {
                refuse(territory != null, "territory", "Un administrateur n'a pas de territoire.");
                refuse(!establishments.isEmpty(), "establishments", "Un administrateur n'a pas d'établissements.");
            }
        }
        refuse(role != Role.FUNDER && request.funder() != null, "funder",
                "Seul un utilisateur de rôle FUNDER est rattaché à un financeur.");
        String passwordHash = request.password() == null ? null : passwords.hash(password(request.password()));
        Instant now = clock.instant();
        return database.write(handle -> {
            UserDao users = Daos.on(handle, UserDao.class);
            if (users.findByName(name).isPresent()) {
                throw ApiException.conflict("duplicate_user", "name", "Le nom d'utilisateur « " + name
                        + " » est déjà pris : choisissez-en un autre.");
            }
            EstablishmentDao directory = Daos.on(handle, EstablishmentDao.class);
            for (int i = 0; i < establishments.size(); i++) {
                EstablishmentService.require(directory, establishments.get(i), "establishments[" + i + "]");
            }
            if (request.funder() != null) {
                FunderService.require(Daos.on(handle, FunderDao.class), request.funder(), "funder");
            }
            // an académie the directory does not know (a typo, "014" for 14) would give its rectorat no report
            if (role == Role.RECTORAT && Daos.on(handle, CommuneDao.class).academieName(territory.code()).isEmpty()) {
                throw ApiException.notFound("unknown_territory", "territory", "L'annuaire importé ne connaît pas "
                        + "l'académie « " + territory.code() + " » : vérifiez son code (14 pour Rennes) ou importez "
                        + "l'annuaire des établissements.");
            }
            long userId = users.insert(name, role, territory == null ? null : territory.value(), request.funder(),
                    tokens.hash(token), passwordHash, now);
            users.addEstablishments(userId, new TreeSet<>(establishments.stream().map(Uai::value).toList()));
            audit.record(handle, actor, "CREATE", Audit.Entity.USER, userId, Map.of("name", name, "role", role,
                    "establishments", establishments.stream().map(Uai::value).toList(),
                    "territory", territory == null ? "" : territory.value(),
                    "funder", request.funder() == null ? "" : request.funder()));
            return userId;
        });
    }

    public Page<UserView> list(PageRequest page) {
        return database.read(handle -> {
            UserDao users = Daos.on(handle, UserDao.class);
            List<UserView> views = users.list(page.after(), page.fetch()).stream().map(row -> view(users, row)).toList();
            return Page.of(views, page, UserView::id);
        });
    }

    public UserView get(long id) {
        return database.read(handle -> {
            UserDao users = Daos.on(handle, UserDao.class);
            return view(users, find(users, id));
        });
    }

    /** The user can no longer call the service: its token and its sessions stop at once. */
    public UserView deactivate(User actor, long id) {
        if (actor.id() == id) {
            throw ApiException.conflict("cannot_deactivate_self", "id",
                    "Vous ne pouvez pas désactiver votre propre compte : demandez-le à un autre administrateur.");
        }
        database.write(handle -> {
            UserDao users = Daos.on(handle, UserDao.class);
            UserDao.UserRow row = find(users, id);
            users.deactivate(id);
            users.closeSessions(id, clock.instant());
            audit.record(handle, actor, "DEACTIVATE", Audit.Entity.USER, id,
                    Map.of("active", Map.of("before", row.active(), "after", false)));
            return id;
        });
        // after the commit: forgotten before it, the user could be read again as it was
        tokensEnded.run();
        return get(id);
    }

    /** A new token for the user; the old one and the user's sessions stop at once. Shown in this answer only. */
    public UserView replaceToken(User actor, long id) {
        String token = TokenHasher.newToken();
        database.write(handle -> {
            UserDao users = Daos.on(handle, UserDao.class);
            find(users, id);
            users.replaceToken(id, tokens.hash(token));
            // the old token may have leaked: whatever it opened ends too
            users.closeSessions(id, clock.instant());
            audit.record(handle, actor, "REPLACE_TOKEN", Audit.Entity.USER, id, null);
            return id;
        });
        // after the commit: forgotten before it, the user could be read again as it was
        tokensEnded.run();
        return get(id).withToken(token);
    }

    /** Sets or resets the password of someone who logs in at a desk; their open sessions end. */
    public void setPassword(User actor, long id, NewPassword request) {
        String hash = passwords.hash(password(Check.body(request).password()));
        database.write(handle -> {
            UserDao users = Daos.on(handle, UserDao.class);
            find(users, id);
            users.setPassword(id, hash);
            users.closeSessions(id, clock.instant());
            audit.record(handle, actor, "SET_PASSWORD", Audit.Entity.USER, id, null);
            return id;
        });
        // after the commit: forgotten before it, the user could be read again as it was
        tokensEnded.run();
    }

    /**
     * Gives user {@code id} this password unless it already is theirs, so that a restart with the same
     * one (LENDING_ADMIN_PASSWORD) keeps their sessions; a new one ends them, as any reset does.
     */
    public void ensurePassword(User actor, long id, String password) {
        String current = database.read(handle -> find(Daos.on(handle, UserDao.class), id).passwordHash());
        if (current == null || !passwords.matches(password, current)) {
            setPassword(actor, id, new NewPassword(password));
        }
    }

    /** A person at a desk logs in with name and password, and gets a token for the working day. */
    public Session login(Credentials request, String source) {
        Check.body(request);
        String name = Check.required(request.name(), "name", 60);
        String password = Check.required(request.password(), "password", 200);
        LoginThrottle.Attempt attempt = throttle.attempt(source, name);
        if (attempt.mustWait()) {
            // at least a second: a wait that rounded to nothing would let an uncounted attempt through
            long wait = Math.max(1, (long) Math.ceil(attempt.waitFor().toMillis() / 1000.0));
            throw ApiException.tooManyAttempts(wait, "Trop d'essais de connexion infructueux : réessayez dans "
                    + wait + " secondes.");
        }
        UserDao.UserRow row = database.read(handle -> Daos.on(handle, UserDao.class).findByName(name)).orElse(null);
        boolean matches = passwords.matches(password, row == null || row.passwordHash() == null
                ? decoyHash.join() : row.passwordHash());
        if (row == null || row.passwordHash() == null || !matches || !row.active()) {
            throw new ApiException(401, "invalid_credentials",
                    "Nom d'utilisateur ou mot de passe incorrect.", null);
        }
        String token = TokenHasher.newToken();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant expiresAt = now.plus(SESSION_LENGTH);
        database.write(handle -> {
            UserDao users = Daos.on(handle, UserDao.class);
            throttle.succeeded(handle, attempt);
            users.openSession(row.id(), tokens.hash(token), now, expiresAt);
            audit.record(handle, new User(row.id(), row.name(), row.role(), row.territory(), Set.of()),
                    "LOGIN", Audit.Entity.USER, row.id(), Map.of("expiresAt", expiresAt));
            return row.id();
        });
        return new Session(token, expiresAt, get(row.id()));
    }

    /**
     * The caller ends the login session of {@code token}: from now on the token is refused (at once on
     * this instance; on another sharing the database, within the time it remembers users). An API
     * token is not a session: it is replaced by an administrator, never ended this way.
     */
    public void endSession(User caller, String token) {
        String hash = tokens.hash(token);
        database.write(handle -> {
            if (Daos.on(handle, UserDao.class).closeSession(caller.id(), hash) == 0) {
                throw ApiException.conflict("not_a_session", null, "Ce jeton n'est pas celui d'une session de "
                        + "connexion mais un jeton d'API : il ne se ferme pas ainsi. S'il a pu être copié, un "
                        + "administrateur le remplace (POST /api/users/{id}/token).");
            }
            audit.record(handle, caller, "LOGOUT", Audit.Entity.USER, caller.id(), null);
            return caller.id();
        });
        // after the commit: forgotten before it, the session could be read again as it was
        tokensEnded.run();
    }

    private static UserView view(UserDao users, UserDao.UserRow row) {
        return new UserView(row.id(), row.name(), row.role(), List.copyOf(new TreeSet<>(users.establishmentsOf(row.id()))),
                row.territory(), row.funderId(), row.active(), row.passwordHash() != null, row.createdAt(), null);
    }

    private static UserDao.UserRow find(UserDao users, long id) {
        return users.find(id).orElseThrow(() -> ApiException.notFound("unknown_user", "id",
                "Aucun utilisateur n'a le numéro " + id + "."));
    }

    private static String name(String text) {
        String name = Check.required(text, "name", 60);
        if (!NAME.matcher(name).matches()) {
            throw ApiException.invalid("invalid_value", "name", "Un nom d'utilisateur compte 3 à 60 caractères : "
                    + "lettres minuscules sans accent, chiffres, points, tirets (ex. pret.hautes-ourmes).");
        }
        return name;
    }

    private static String password(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH
                || password.getBytes(StandardCharsets.UTF_8).length > PasswordHasher.MAX_BYTES) {
            throw ApiException.invalid("weak_password", "password", "Le mot de passe doit compter au moins "
                    + MIN_PASSWORD_LENGTH + " caractères (et au plus " + PasswordHasher.MAX_BYTES + " octets).");
        }
        return password;
    }

    private static void refuse(boolean condition, String field, String message) {
        if (condition) {
            throw ApiException.invalid("invalid_value", field, message);
        }
    }
}
