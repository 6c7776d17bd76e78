package fr.ecole.lending.users;

import fr.ecole.lending.db.Daos;
import fr.ecole.lending.db.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Slows down guessing: after a few failed logins from one address, or on one account, each further
 * attempt must wait, twice as long after every failure (up to a quarter of an hour). An attempt is
 * counted, and committed, before the password is checked, so that attempts sent all at once are
 * counted too. A success clears its account's failures, but on the address it only takes back its
 * own attempt: someone guessing other people's passwords must not wipe the address's failures by
 * logging in to an account of their own, and a school's desks sharing one address still log in all
 * day without waiting. The count is kept in the database, so that every instance sharing it counts
 * the same attempts.
 */
public final class LoginThrottle {
    public static final int DEFAULT_FREE_ATTEMPTS = 5;
    static final Duration FIRST_WAIT = Duration.ofSeconds(30);
    static final Duration LONGEST_WAIT = Duration.ofMinutes(15);
    /** How long failures are remembered after the last failure or wait: a guesser gains nothing by pausing. */
    static final Duration REMEMBERED = Duration.ofDays(1);

    /**
     * Failures in a row on one key, the last of them, and the time before which no attempt is let
     * through: null while the failures are still free.
     */
    public record Failures(int count, Instant last, Instant notBefore) {
        /** How long an attempt made at {@code now} must wait first: zero when it may try now. */
        Duration waitAt(Instant now) {
            return notBefore != null && notBefore.isAfter(now) ? Duration.between(now, notBefore) : Duration.ZERO;
        }

        /**
         * These failures with one more made at {@code now}. A free failure sets no wait: "not before
         * now" would stop an attempt that read the clock a moment earlier, for a wait so short that it
         * would pass uncounted.
         */
        Failures andOneMore(Instant now, int freeAttempts) {
            int failures = count + 1;
            Instant until = null;
            if (failures >= freeAttempts) {
                Duration delay = FIRST_WAIT.multipliedBy(1L << Math.min(failures - freeAttempts, 20));
                until = now.plus(delay.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : delay);
            }
            return new Failures(failures, now, until);
        }

        /**
         * These failures, found when {@code attempt} succeeded, without it: as they were before it
         * when nothing was counted since, otherwise one fewer, keeping the wait the later failures set.
         */
        Failures without(Attempted attempt) {
            return equals(attempt.after()) ? attempt.before() : new Failures(Math.max(0, count - 1), last, notBefore);
        }

        static final Failures NONE = new Failures(0, Instant.EPOCH, null);
    }

    /** What one attempt counted on a key: the failures before and after it. */
    record Attempted(String key, Failures before, Failures after) {
    }

    /**
     * An attempt of {@code account} from {@code address}: how long it must wait first (zero when it
     * may try now), and what it counted, to take back should it succeed.
     */
    public record Attempt(Duration waitFor, String account, Attempted onAddress) {
        public boolean mustWait() {
            return !waitFor.isZero();
        }
    }

    private final Database database;
    private final int freeAttempts;
    private final Clock clock;

    /** {@code freeAttempts} failures in a row are let through at once; the next ones wait. */
    public LoginThrottle(Database database, int freeAttempts, Clock clock) {
        this.database = database;
        this.freeAttempts = freeAttempts;
        this.clock = clock;
    }

    /**
     * Counts an attempt of {@code account} from {@code address} against each, as a failure until
     * {@link #succeeded} says otherwise. An attempt that must wait is not counted.
     */
    public Attempt attempt(String address, String account) {
        String addressKey = "address:" + address;
        String accountKey = "account:" + account;
        return database.write(handle -> {
            LoginFailureDao failures = Daos.on(handle, LoginFailureDao.class);
            // stored to the millisecond, and compared as stored
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            failures.forgetBefore(now.minus(REMEMBERED));
            Failures addressBefore = failures.find(addressKey).orElse(Failures.NONE);
            Failures accountBefore = failures.find(accountKey).orElse(Failures.NONE);
            // both waits first: an attempt that must wait on either key is counted on neither, so that
            // retries on a locked account do not lock out the whole school's address
            Duration wait = longer(addressBefore.waitAt(now), accountBefore.waitAt(now));
            if (!wait.isZero()) {
                return new Attempt(wait, accountKey, null);
            }
            Failures addressAfter = addressBefore.andOneMore(now, freeAttempts);
            Failures accountAfter = accountBefore.andOneMore(now, freeAttempts);
            failures.save(addressKey, addressAfter.count(), addressAfter.last(), addressAfter.notBefore());
            failures.save(accountKey, accountAfter.count(), accountAfter.last(), accountAfter.notBefore());
            return new Attempt(Duration.ZERO, accountKey, new Attempted(addressKey, addressBefore, addressAfter));
        });
    }

    /**
     * In the transaction that opens the session: clears the account's failures, and takes the
     * attempt back from the address's.
     */
    public void succeeded(Handle handle, Attempt attempt) {
        LoginFailureDao failures = Daos.on(handle, LoginFailureDao.class);
        failures.forget(List.of(attempt.account()));
        String address = attempt.onAddress().key();
        failures.find(address).map(found -> found.without(attempt.onAddress())).ifPresent(left -> {
            if (left.count() == 0) {
                failures.forget(List.of(address));
            } else {
                failures.save(address, left.count(), left.last(), left.notBefore());
            }
        });
    }

    private static Duration longer(Duration one, Duration other) {
        return one.compareTo(other) >= 0 ? one : other;
    }
}
