package fr.ecole.lending.auth;

import fr.ecole.lending.db.Daos;
import fr.ecole.lending.db.Database;
import java.time.Instant;

/** The first administrator, from the environment: user {@code admin} whose token is the one given. */
public final class Administrator {
    public static final String NAME = "admin";

    private Administrator() {
    }

    /**
     * The id of {@code admin}, created when missing with a token nobody is told (it signs in with
     * its password); an existing {@code admin} keeps its token.
     */
    public static long ensureExists(Database database, TokenHasher hasher) {
        return database.write(handle -> {
            UserDao users = Daos.on(handle, UserDao.class);
            return users.findByName(NAME).map(UserDao.UserRow::id)
                    .orElseGet(() -> users.insert(NAME, Role.ADMIN, null, null, hasher.hash(TokenHasher.newToken()), null,
                            Instant.now()));
        });
    }

    /** Creates {@code admin} with this token, or gives the existing {@code admin} this token; returns its id. */
    public static long ensure(Database database, TokenHasher hasher, String token) {
        String hash = hasher.hash(token);
        return database.write(handle -> {
            UserDao users = Daos.on(handle, UserDao.class);
            return users.findByName(NAME)
                    .map(existing -> {
                        users.resetAdministrator(existing.id(), Role.ADMIN, hash);
                        return existing.id();
                    })
                    .orElseGet(() -> users.insert(NAME, Role.ADMIN, null, null, hash, null, Instant.now()));
        });
    }
}
