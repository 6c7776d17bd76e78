package fr.ecole.lending.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tokens are long random values, so a keyed fast hash (HMAC-SHA-256) is enough to store them: a
 * copy of the database without the server's key gives no token back, and a request does not pay
 * for a slow password hash.
 */
public final class TokenHasher {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecretKeySpec key;

    public TokenHasher(byte[] secret) {
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    }

    /**
     * The server's key: {@code secret} when one is given (at least 32 characters), otherwise read
     * from {@code file}, which is created with a random key (readable by the owner only) when missing.
     */
    public static TokenHasher of(String secret, Path file) {
        if (secret == null || secret.isBlank()) {
            return fromFile(file);
        }
        if (secret.length() < 32) {
            throw new IllegalStateException("tokenSecret (LENDING_TOKEN_SECRET) must hold at least 32 characters");
        }
        return new TokenHasher(secret.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads the server's key from {@code file}, creating it (readable by the owner only) when missing. */
    public static TokenHasher fromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                Path parent = file.toAbsolutePath().getParent();
                Files.createDirectories(parent);
                byte[] secret = new byte[32];
                RANDOM.nextBytes(secret);
                Path temporary = Files.createTempFile(parent, ".secret", ".tmp");
                try {
                    Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // the file system has no POSIX permissions; its own access rules apply
                }
                Files.writeString(temporary, Base64.getEncoder().encodeToString(secret));
                try {
                    Files.move(temporary, file);
                } catch (FileAlreadyExistsException startedTogether) {
                    // another instance sharing the folder made the key a moment ago: that one is the key
                    Files.delete(temporary);
                }
            }
            byte[] secret = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            if (secret.length < 16) {
                throw new IllegalStateException("the secret in " + file + " is shorter than 16 bytes");
            }
            return new TokenHasher(secret);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the secret file " + file, e);
        }
    }

    public String hash(String token) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(token.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** A new token: 32 random bytes, URL-safe. */
    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
