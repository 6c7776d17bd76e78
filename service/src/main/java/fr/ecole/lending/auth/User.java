package fr.ecole.lending.auth;

import java.security.Principal;
import java.util.Set;

/** The caller of a request, as its token identified it. */
public record User(long id, String name, Role role, String territory, Set<String> establishments)
        implements Principal {

    public User {
        establishments = Set.copyOf(establishments);
    }

    @Override
    public String getName() {
        return name;
    }
}
