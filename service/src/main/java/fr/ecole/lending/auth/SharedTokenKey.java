package fr.ecole.lending.auth;

import fr.ecole.lending.db.Database;
import fr.ecole.lending.db.Engine;

/**
 * Instances sharing a PostgreSQL database must hash tokens under the same key: with a key of its own
 * (a secret file created at its first start, say), an instance would refuse every token the others
 * gave. The first instance leaves the key's fingerprint in the database; one with another key does
 * not start. A SQLite file is served by one instance, and a file restored without its key starts
 * with a new one, as documented.
 */
public final class SharedTokenKey {
    static final String FINGERPRINT_OF = "fingerprint of the key tokens are hashed under";

    private SharedTokenKey() {
    }

    public static void require(Database database, TokenHasher tokens) {
        if (database.engine() != Engine.POSTGRESQL) {
            return;
        }
        String fingerprint = tokens.hash(FINGERPRINT_OF);
        String kept = database.write(handle -> {
            handle.createUpdate("INSERT INTO token_key (id, fingerprint) VALUES (1, :fingerprint) "
                    + "ON CONFLICT (id) DO NOTHING").bind("fingerprint", fingerprint).execute();
            return handle.createQuery("SELECT fingerprint FROM token_key WHERE id = 1").mapTo(String.class).one();
        });
        if (!kept.equals(fingerprint)) {
            throw new IllegalStateException("This instance hashes tokens under another key than the instances that "
                    + "share its database: give every instance the same LENDING_TOKEN_SECRET (or the same secret "
                    + "file). To change the key on purpose, stop every instance, run DELETE FROM token_key, and "
                    + "start them with the new key (every token must then be given again).");
        }
    }
}
