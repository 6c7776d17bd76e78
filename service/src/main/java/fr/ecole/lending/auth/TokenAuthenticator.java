package fr.ecole.lending.auth;

import fr.ecole.lending.db.Daos;
import fr.ecole.lending.db.Database;
import io.dropwizard.auth.Authenticator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Optional;

/**
 * Finds the active user whose token this is, by the token's keyed hash: a long-lived API token,
 * or the token of an unexpired login session.
 */
public class TokenAuthenticator implements Authenticator<String, User> {
    private final Database database;
    private final TokenHasher hasher;
    private final Clock clock;

    public TokenAuthenticator(Database database, TokenHasher hasher, Clock clock) {
        this.database = database;
        this.hasher = hasher;
        this.clock = clock;
    }

    @Override
    public Optional<User> authenticate(String token) {
        if (token == null || token.isBlank() || token.length() > 200) {
            return Optional.empty();
        }
        String hash = hasher.hash(token);
        return database.read(handle -> {
            UserDao users = Daos.on(handle, UserDao.class);
            return users.findByTokenHash(hash)
                    .or(() -> users.findBySessionTokenHash(hash, clock.instant()))
                    // the index found the row; the comparison itself takes the same time whatever the hash
                    .filter(row -> MessageDigest.isEqual(row.tokenHash().getBytes(StandardCharsets.US_ASCII),
                            hash.getBytes(StandardCharsets.US_ASCII)))
                    .filter(UserDao.UserRow::active)
                    .map(row -> new User(row.id(), row.name(), row.role(), row.territory(),
                            users.establishmentsOf(row.id())));
        });
    }
}
