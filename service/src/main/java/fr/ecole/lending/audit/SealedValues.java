package fr.ecole.lending.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jdbi.v3.core.Handle;

/**
 * Personal values the audit log must keep (a family's name before and after a correction) although
 * the log is never changed: they are sealed (AES-GCM) under a key of the record's own, kept beside
 * the log in {@code audit_keys}. Erasing the record deletes its key, and with it every value sealed
 * under it, wherever the log was copied.
 */
final class SealedValues {
    private static final String VERSION = "v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SealedValues() {
    }

    /** {@code text} sealed under the key of {@code entity} {@code id}, made at its first use. */
    static String seal(Handle handle, String entity, String id, String text) {
        handle.createUpdate("INSERT INTO audit_keys (entity, entity_id, sealing_key) VALUES (:entity, :id, :key) "
                        + "ON CONFLICT (entity, entity_id) DO NOTHING")
                .bind("entity", entity).bind("id", id).bind("key", newKey()).execute();
        byte[] key = key(handle, entity, id).orElseThrow();
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        byte[] sealed;
        try {
            sealed = cipher(Cipher.ENCRYPT_MODE, key, iv, entity, id).doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM seals any text", e);
        }
        return VERSION + Base64.getEncoder().encodeToString(ByteBuffer.allocate(IV_BYTES + sealed.length)
                .put(iv).put(sealed).array());
    }

    /** The text sealed in {@code sealed}, or empty when the record's key was deleted (the record was erased). */
    static Optional<String> open(Handle handle, String entity, String id, String sealed) {
        Optional<byte[]> key = key(handle, entity, id);
        if (key.isEmpty() || !sealed.startsWith(VERSION)) {
            return Optional.empty();
        }
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(VERSION.length()));
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key.get(), Arrays.copyOf(bytes, IV_BYTES), entity, id);
            return Optional.of(new String(cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            // sealed under another record's key, or altered: nothing trustworthy to show
            return Optional.empty();
        }
    }

    /** Deletes the record's key: what was sealed under it can no longer be read. */
    static void forget(Handle handle, String entity, String id) {
        handle.createUpdate("DELETE FROM audit_keys WHERE entity = :entity AND entity_id = :id")
                .bind("entity", entity).bind("id", id).execute();
    }

    private static Optional<byte[]> key(Handle handle, String entity, String id) {
        return handle.createQuery("SELECT sealing_key FROM audit_keys WHERE entity = :entity AND entity_id = :id")
                .bind("entity", entity).bind("id", id).mapTo(byte[].class).findOne();
    }

    private static byte[] newKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }

    private static Cipher cipher(int mode, byte[] key, byte[] iv, String entity, String id) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, iv));
            // bound to its record: a value copied under another record's entry does not open
            cipher.updateAAD((entity + ":" + id).getBytes(StandardCharsets.UTF_8));
            return cipher;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    }
}
