package fr.ecole.lending.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import fr.ecole.lending.db.Daos;
import fr.ecole.lending.db.Database;
import io.dropwizard.auth.Authenticator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Finds the active user whose token this is, by the token's keyed hash: a long-lived API token,
 * or the token of an unexpired login session.
 *
 * <p>A user found is remembered for a few seconds, by the token's hash (never the token): a desk
 * scanning a bundle calls several times a second, and reading the user each time cost a sixth of a
 * check-out. Whatever ends a token or a session here ({@link #forgetAll}) takes effect at once; done
 * by another instance sharing the database, within {@code remembered}.
 */
public class TokenAuthenticator implements Authenticator<String, User> {
    private final Database database;
    private final TokenHasher hasher;
    private final Clock clock;
    private final Duration remembered;
    private final Cache<String, Remembered> recent;
    /** Counts the forgettings, so that a user read before one is not remembered after it. */
    private final AtomicLong forgotten = new AtomicLong();

    public TokenAuthenticator(Database database, TokenHasher hasher, Clock clock, Duration remembered) {
        this.database = database;
        this.hasher = hasher;
        this.clock = clock;
        this.remembered = remembered;
        this.recent = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(remembered).build();
    }

    /** Users are read again: a token was replaced, a session ended, a user deactivated. */
    public void forgetAll() {
        forgotten.incrementAndGet();
        recent.invalidateAll();
    }

    @Override
    public Optional<User> authenticate(String token) {
        if (token == null || token.isBlank() || token.length() > 200) {
            return Optional.empty();
        }
        String hash = hasher.hash(token);
        Instant now = clock.instant();
        Remembered known = recent.getIfPresent(hash);
        if (known != null && now.isBefore(known.until())) {
            return Optional.of(known.user());
        }
        long generation = forgotten.get();
        Optional<Remembered> found = find(hash, now);
        found.ifPresent(user -> {
            recent.put(hash, user);
            // read before a forgetting that ran meanwhile: it may be the user as it was, not to be kept
            if (forgotten.get() != generation) {
                recent.invalidate(hash);
            }
        });
        return found.map(Remembered::user);
    }

    /** The user of this token, remembered until {@code until}: a session's end comes first when sooner. */
    private Optional<Remembered> find(String hash, Instant now) {
        Instant soon = now.plus(remembered);
        return database.read(handle -> {
            UserDao users = Daos.on(handle, UserDao.class);
            Optional<Remembered> byToken = users.findByTokenHash(hash).map(row -> new Remembered(row, soon));
            return byToken.or(() -> users.findBySessionTokenHash(hash, now).map(row -> new Remembered(row,
                            users.sessionExpiry(hash).filter(soon::isAfter).orElse(soon))))
                    // the index found the row; the comparison itself takes the same time whatever the hash
                    .filter(found -> MessageDigest.isEqual(found.row().tokenHash().getBytes(StandardCharsets.US_ASCII),
                            hash.getBytes(StandardCharsets.US_ASCII)))
                    .filter(found -> found.row().active())
                    .map(found -> found.with(new User(found.row().id(), found.row().name(), found.row().role(),
                            found.row().territory(), users.establishmentsOf(found.row().id()))));
        });
    }

    private record Remembered(UserDao.UserRow row, User user, Instant until) {
        Remembered(UserDao.UserRow row, Instant until) {
            this(row, null, until);
        }

        Remembered with(User user) {
            return new Remembered(null, user, until);
        }
    }
}
