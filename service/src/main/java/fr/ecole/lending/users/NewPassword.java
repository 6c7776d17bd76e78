package fr.ecole.lending.users;

/** {@code PUT /api/users/{id}/password}: set by an administrator, or reset after a forgotten one. */
public record NewPassword(String password) {
}
