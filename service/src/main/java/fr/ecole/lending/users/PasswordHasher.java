package fr.ecole.lending.users;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/** Passwords of people at a desk: bcrypt, slow on purpose, from Bouncy Castle. */
public final class PasswordHasher {
    /** 2^12 rounds: about a quarter of a second here, paid once per login. */
    public static final int COST = 12;
    /** The bounds bcrypt takes; a cost below the default only suits tests, where no password is real. */
    public static final int MIN_COST = 4;
    public static final int MAX_COST = 16;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** bcrypt reads at most 72 bytes of a password. */
    static final int MAX_BYTES = 72;

    private final int cost;

    public PasswordHasher() {
        this(COST);
    }

    public PasswordHasher(int cost) {
        this.cost = cost;
    }

    public String hash(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return OpenBSDBCrypt.generate("2b", password.toCharArray(), salt, cost);
    }

    public boolean matches(String password, String hash) {
        if (hash == null || password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return false;
        }
        return OpenBSDBCrypt.checkPassword(hash, password.toCharArray());
    }
}
