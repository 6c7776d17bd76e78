package fr.ecole.lending.users;

import java.time.Instant;

/** A login: the token to send with every call until it expires, at the end of the working day. */
public record Session(String token, Instant expiresAt, UserView user) {
}
