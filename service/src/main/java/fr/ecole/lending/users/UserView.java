package fr.ecole.lending.users;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.ecole.lending.auth.Role;
import java.time.Instant;
import java.util.List;

/**
 * A user as administrators see it; {@code funder} only for a funder's user, {@code token} only in the
 * answer that creates or replaces it.
 */
public record UserView(long id, String name, Role role, List<String> establishments, String territory,
                       @JsonInclude(JsonInclude.Include.NON_NULL) Long funder, boolean active, boolean hasPassword, Instant createdAt,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String token) {

    UserView withToken(String newToken) {
        return new UserView(id, name, role, establishments, territory, funder, active, hasPassword, createdAt, newToken);
    }
}
