package fr.ecole.lending.pages;

import fr.ecole.lending.users.UserView;
import java.util.List;
import java.util.Map;

/** The administrator's page, {@code /admin}: the users, a new one, and what was just done to one. */
public final class AdminView extends PageView {
    /** A user as the list shows them: what they work on, in words. */
    public record UserLine(long id, String name, String role, String reach, boolean active, boolean hasPassword) {
        static UserLine of(UserView user) {
            String reach = user.funder() != null ? "financeur n° " + user.funder()
                    : user.territory() != null ? user.territory()
                    : user.establishments() == null || user.establishments().isEmpty() ? "tout"
                    : String.join(", ", user.establishments());
            return new UserLine(user.id(), user.name(), roleLabel(user.role()), reach, user.active(), user.hasPassword());
        }
    }

    /**
     * What the last form did, or why it did nothing; {@code token}, when one was made, is shown in this
     * answer only.
     */
    public record Outcome(boolean refused, String message, String token, List<String> counts, List<String> lines) {
        static Outcome done(String message) {
            return new Outcome(false, message, null, List.of(), List.of());
        }

        static Outcome withToken(String message, String token) {
            return new Outcome(false, message, token, List.of(), List.of());
        }

        static Outcome refused(String message) {
            return new Outcome(true, message, null, List.of(), List.of());
        }

        /** A file imported: its counts, and the lines it refused (the others were imported, unless it was refused whole). */
        static Outcome imported(AdminImports.Result result) {
            if (result.whole()) {
                return new Outcome(true, result.kind() + " refusé, rien n'a été importé : corrigez les lignes ci-dessous et "
                        + "importez le fichier à nouveau, ou cochez « Écarter les lignes refusées et importer les autres ».",
                        null, List.of(), result.refused());
            }
            return new Outcome(false, result.kind() + " importé" + (result.refused().isEmpty() ? "."
                    : " ; les lignes refusées ci-dessous ne l'ont pas été : corrigez-les et importez le fichier à nouveau."),
                    null, result.counts(), result.refused());
        }
    }

    private final List<UserLine> users;
    private final boolean cut;
    private final Map<String, String> typed;
    private final Outcome outcome;

    AdminView(BrowserSession.SignedIn signedIn, List<UserLine> users, boolean cut, Map<String, String> typed,
              Outcome outcome) {
        super("admin.ftlh", "Administration", signedIn.user(), signedIn.csrf());
        this.users = users;
        this.cut = cut;
        this.typed = typed;
        this.outcome = outcome;
    }

    public List<UserLine> getUsers() {
        return users;
    }

    /** More users than one page lists. */
    public boolean isCut() {
        return cut;
    }

    /** What the new-user form held when it was refused, by field. */
    public Map<String, String> getTyped() {
        return typed;
    }

    public Outcome getOutcome() {
        return outcome;
    }

    /** The national files the page imports, by the form's value. */
    public Map<String, String> getImportKinds() {
        return AdminImports.KINDS;
    }

    public List<String> getRoles() {
        return List.of("DESK", "SOCIAL_WORKER", "COLLECTIVITY", "RECTORAT", "FUNDER", "ADMIN");
    }

    public String roleName(String role) {
        return roleLabel(fr.ecole.lending.auth.Role.valueOf(role));
    }
}
