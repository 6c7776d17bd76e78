package fr.ecole.lending.users;

/** {@code POST /api/sessions}: a person logs in at a desk. */
public record Credentials(String name, String password) {
}
