package fr.ecole.lending.db;

/** The database engines the service runs on, told apart by the JDBC URL. */
public enum Engine {
    SQLITE, POSTGRESQL;

    public static Engine of(String jdbcUrl) {
        if (jdbcUrl != null && jdbcUrl.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        if (jdbcUrl != null && jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("database.url must start with jdbc:sqlite: or jdbc:postgresql:");
    }
}
