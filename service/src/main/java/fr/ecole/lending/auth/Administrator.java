package fr.ecole.lending.auth;

import fr.ecole.lending.db.Daos;
import fr.ecole.lending.db.Database;
import java.time.Instant;

/** The first administrator, from the environment: user {@code admin} whose token is the one given. */
public final class Administrator {
    public static final String NAME = "admin";

    private Administrator() {
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
                    .orElseGet(() -> users.insert(NAME, Role.ADMIN, null, hash, null, Instant.now()));
        });
    }
}
