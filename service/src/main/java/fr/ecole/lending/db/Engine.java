package fr.ecole.lending.db;

import java.util.Arrays;
import java.util.Optional;

/** The database engines the service runs on, told apart by the JDBC URL, which also names their driver. */
public enum Engine {
    SQLITE("jdbc:sqlite:", "org.sqlite.JDBC"), POSTGRESQL("jdbc:postgresql:", "org.postgresql.Driver");

    /** What a refused URL is told, naming the setting as an operator writes it. */
    public static final String URL_EXPECTED =
            "database.url (LENDING_DATABASE_URL) must start with jdbc:sqlite: or jdbc:postgresql:";

    private final String urlPrefix;
    private final String driverClass;

    Engine(String urlPrefix, String driverClass) {
        this.urlPrefix = urlPrefix;
        this.driverClass = driverClass;
    }

    public static Engine of(String jdbcUrl) {
        return find(jdbcUrl).orElseThrow(() -> new IllegalArgumentException(URL_EXPECTED));
    }

    /** The engine of {@code jdbcUrl}, or empty when the service does not run on it. */
    public static Optional<Engine> find(String jdbcUrl) {
        return Arrays.stream(values()).filter(engine -> jdbcUrl != null && jdbcUrl.startsWith(engine.urlPrefix))
                .findFirst();
    }

    /** The JDBC driver of this engine, which the service ships. */
    public String driverClass() {
        return driverClass;
    }
}
