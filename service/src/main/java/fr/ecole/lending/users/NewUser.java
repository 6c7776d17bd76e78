package fr.ecole.lending.users;

import fr.ecole.lending.auth.Role;
import java.util.List;

/**
 * {@code POST /api/users}: a desk needs its establishments, a social worker or a collectivity its
 * territory, a funder's user the number of its funder ({@code funder}). A password is for people who log
 * in at a desk; API clients keep the token they are given.
 */
public record NewUser(String name, Role role, List<String> establishments, String territory, String password,
                      Long funder) {

    public NewUser(String name, Role role, List<String> establishments, String territory, String password) {
        this(name, role, establishments, territory, password, null);
    }
}
