package fr.ecole.lending.pages;

import fr.ecole.lending.auth.Role;
import fr.ecole.lending.auth.User;
import io.dropwizard.views.common.View;
import java.nio.charset.StandardCharsets;

/**
 * What every page's template reads: its title, the signed-in user (null on the sign-in page) and the
 * form token its forms carry. Templates are {@code .ftlh}, so FreeMarker escapes every value for HTML.
 */
public abstract class PageView extends View {
    private final String template;
    private final String title;
    private final User user;
    private final String csrf;

    protected PageView(String template, String title, User user, String csrf) {
        super("/pages/" + template, StandardCharsets.UTF_8);
        this.template = template;
        this.title = title;
        this.user = user;
        this.csrf = csrf;
    }

    /** Which page this is, for the menu to mark it as the current one. */
    public String getCurrentPage() {
        return template.replace(".ftlh", "");
    }

    public String getTitle() {
        return title;
    }

    /** Null when nobody is signed in. */
    public String getUserName() {
        return user == null ? null : user.name();
    }

    User user() {
        return user;
    }

    public String getCsrf() {
        return csrf;
    }

    /** The user's role in words, beside their name in the header. */
    public String getRoleLabel() {
        return user == null ? "" : roleLabel(user.role());
    }

    public String getDsfr() {
        return Assets.DSFR;
    }

    public String getHtmx() {
        return Assets.HTMX;
    }

    public String getZxing() {
        return Assets.ZXING;
    }

    public String getApp() {
        return Assets.APP;
    }

    public boolean isDesk() {
        return user != null && (user.role() == Role.DESK || user.role() == Role.ADMIN);
    }

    /** An administrator reaches every page from the menu. */
    public boolean isAdmin() {
        return user != null && user.role() == Role.ADMIN;
    }

    /** A territory in words: "département 035"; {@code all} when there is none (an administrator's reach). */
    static String territoryWords(String territory, String all) {
        if (territory == null || !territory.contains(":")) {
            return all;
        }
        String[] kindAndCode = territory.split(":", 2);
        String kind = switch (kindAndCode[0]) {
            case "departement" -> "département";
            case "region" -> "région";
            case "academie" -> "académie";
            default -> kindAndCode[0];
        };
        return kind + " " + kindAndCode[1];
    }

    static String roleLabel(Role role) {
        return switch (role) {
            case ADMIN -> "administration";
            case DESK -> "poste de prêt";
            case SOCIAL_WORKER -> "travail social";
            case COLLECTIVITY -> "collectivité";
            case RECTORAT -> "rectorat";
            case FUNDER -> "financeur";
        };
    }
}
