package fr.ecole.lending.auth;

import fr.ecole.lending.db.Database;
import io.dropwizard.auth.Authenticator;
import java.util.Optional;

/** Finds the active user whose token this is, by the token's keyed hash. */
public class TokenAuthenticator implements Authenticator<String, User> {
    private final Database database;
    private final TokenHasher hasher;

    public TokenAuthenticator(Database database, TokenHasher hasher) {
        this.database = database;
        this.hasher = hasher;
    }

    @Override
    public Optional<User> authenticate(String token) {
        if (token == null || token.isBlank() || token.length() > 200) {
            return Optional.empty();
        }
        String hash = hasher.hash(token);
        return database.read(handle -> {
            UserDao users = handle.attach(UserDao.class);
            return users.findByTokenHash(hash)
                    .filter(UserDao.UserRow::active)
                    .map(row -> new User(row.id(), row.name(), row.role(), row.territory(),
                            users.establishmentsOf(row.id())));
        });
    }
}
