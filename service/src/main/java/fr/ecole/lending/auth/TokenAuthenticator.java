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
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the active user whose token this is, by the token's keyed hash: a long-lived API token,
 * or the token of a login session that has neither reached its end nor been left idle.
 *
 * <p>A user found is remembered for a few seconds, by the token's hash (never the token): a desk
 * scanning a bundle calls several times a second, and reading the user each time cost a sixth of a
 * check-out. Whatever ends a token or a session here ({@link #forgetAll}) takes effect at once; done
 * by another instance sharing the database, within {@code remembered}.
 *
 * <p>A session's last use is written down at most once a minute ({@link #USE_RECORDED_EVERY}), not at
 * every request, and beside the request rather than in its way: a busy writer never holds up a
 * desk's reading. Its idle end is thus known to within that minute.
 */
public class TokenAuthenticator implements Authenticator<String, User> {
    static final Duration USE_RECORDED_EVERY = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(TokenAuthenticator.class);

    private final Database database;
    private final TokenHasher hasher;
    private final Clock clock;
    private final Duration remembered;
    private final Duration sessionIdle;
    private final Executor useRecorder;
    private final Cache<String, Remembered> recent;
    /** Counts the forgettings, so that a user read before one is not remembered after it. */
    private final AtomicLong forgotten = new AtomicLong();

    /**
     * {@code sessionIdle}: how long a login session may go unused; {@code useRecorder} runs the writes
     * of sessions' last use.
     */
    public TokenAuthenticator(Database database, TokenHasher hasher, Clock clock, Duration remembered,
                              Duration sessionIdle, Executor useRecorder) {
        this.database = database;
        this.hasher = hasher;
        this.clock = clock;
        this.remembered = remembered;
        this.sessionIdle = sessionIdle;
        this.useRecorder = useRecorder;
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
        if (known == null || !now.isBefore(known.until(sessionIdle))) {
            long generation = forgotten.get();
            Optional<Remembered> found = find(hash, now);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            known = found.get();
            recent.put(hash, known);
            // read before a forgetting that ran meanwhile: it may be the user as it was, not to be kept
            if (forgotten.get() != generation) {
                recent.invalidate(hash);
            }
        }
        if (known.lastUse() != null && !now.isBefore(known.lastUse().plus(USE_RECORDED_EVERY))) {
            Remembered used = known.usedAt(now);
            // one request of the many at that moment records the use; none after a forgetting
            if (recent.asMap().replace(hash, known, used)) {
                recordUse(hash, now);
            }
        }
        return Optional.of(known.user());
    }

    private void recordUse(String hash, Instant at) {
        try {
            useRecorder.execute(() -> {
                try {
                    database.write(handle -> {
                        Daos.on(handle, UserDao.class).recordSessionUse(hash, at);
                        return null;
                    });
                } catch (RuntimeException e) {
                    // read again from the database in a few seconds, the session is found due and tried again
                    // the exception's text may quote the statement and the session's hash: its kind is enough
                    LOG.warn("A session's last use could not be recorded ({}); it will be tried again",
                            e.getClass().getSimpleName());
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.warn("Too many sessions' uses waiting to be recorded; tried again at their next requests");
        }
    }

    /** The user of this token, remembered for a while: never past a session's end. */
    private Optional<Remembered> find(String hash, Instant now) {
        Instant soon = now.plus(remembered);
        return database.read(handle -> {
            UserDao users = Daos.on(handle, UserDao.class);
            Optional<Found> byToken = users.findByTokenHash(hash).map(row -> new Found(row, null));
            return byToken.or(() -> users.findBySessionTokenHash(hash, now, now.minus(sessionIdle))
                            .flatMap(row -> users.sessionTimes(hash).map(times -> new Found(row, times))))
                    // the index found the row; the comparison itself takes the same time whatever the hash
                    .filter(found -> MessageDigest.isEqual(found.row().tokenHash().getBytes(StandardCharsets.US_ASCII),
                            hash.getBytes(StandardCharsets.US_ASCII)))
                    .filter(found -> found.row().active())
                    .map(found -> new Remembered(new User(found.row().id(), found.row().name(), found.row().role(),
                            found.row().territory(), users.establishmentsOf(found.row().id()), found.row().funderId()), soon,
                            found.session() == null ? null : found.session().expiresAt(),
                            found.session() == null ? null : found.session().lastUsedAt()));
        });
    }

    private record Found(UserDao.UserRow row, UserDao.SessionTimes session) {
    }

    /**
     * A user found, kept until {@code soon}; for a session, also until its end or its idle end,
     * whichever comes first ({@code expiresAt} and {@code lastUse} are null for an API token).
     */
    private record Remembered(User user, Instant soon, Instant expiresAt, Instant lastUse) {
        Instant until(Duration idle) {
            Instant until = soon;
            if (expiresAt != null && expiresAt.isBefore(until)) {
                until = expiresAt;
            }
            if (lastUse != null && lastUse.plus(idle).isBefore(until)) {
                until = lastUse.plus(idle);
            }
            return until;
        }

        Remembered usedAt(Instant now) {
            return new Remembered(user, soon, expiresAt, now);
        }
    }
}
