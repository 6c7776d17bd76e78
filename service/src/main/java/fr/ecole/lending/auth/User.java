package fr.ecole.lending.auth;

import java.security.Principal;
import java.util.Set;

/**
 * The caller of a request, as its token identified it; {@code funderId} is the funder whose reports a
 * {@code FUNDER} user reads, null for every other role.
 */
public record User(long id, String name, Role role, String territory, Set<String> establishments, Long funderId)
        implements Principal {

    public User {
        establishments = Set.copyOf(establishments);
    }

    public User(long id, String name, Role role, String territory, Set<String> establishments) {
        this(id, name, role, territory, establishments, null);
    }

    @Override
    public String getName() {
        return name;
    }
}
