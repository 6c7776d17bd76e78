package fr.ecole.lending.auth;

import fr.ecole.lending.geography.CommuneDao;
import fr.ecole.lending.geography.Territory;
import fr.ecole.lending.http.ApiException;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * What a user may reach, in one place: a desk its establishments, a social worker the families
 * living in its territory, an administrator everything. The roles that never have an action are
 * turned away earlier, by {@code @RolesAllowed} (403); a record outside the caller's scope is
 * answered as if it did not exist (404), so that its existence is not revealed.
 */
public final class Scope {
    private final User user;

    private Scope(User user) {
        this.user = user;
    }

    public static Scope of(User user) {
        return new Scope(user);
    }

    public User user() {
        return user;
    }

    public boolean isAdmin() {
        return user.role() == Role.ADMIN;
    }

    /** A desk's establishments; empty for everyone else (an administrator is not limited: see {@link #isAdmin}). */
    public Set<String> establishments() {
        return user.role() == Role.DESK ? user.establishments() : Set.of();
    }

    /** A social worker's territory, or null. */
    public Territory socialWorkerTerritory() {
        return user.role() == Role.SOCIAL_WORKER && user.territory() != null ? new Territory(user.territory()) : null;
    }

    /** Devices, agreements and returns of an establishment: its desks and administrators. */
    public boolean coversEstablishment(String uai) {
        return isAdmin() || establishments().contains(uai);
    }

    /** Acting for an establishment (registering its devices, lending from its pool): 403 outside the scope. */
    public void requireEstablishment(String uai, String field) {
        if (!coversEstablishment(uai)) {
            throw new ApiException(403, "outside_scope", "L'établissement " + uai
                    + " ne fait pas partie de ceux pour lesquels vous travaillez.", field);
        }
    }

    /**
     * A family: an administrator; a desk with a pupil of the family in one of its schools; a social
     * worker whose territory holds the family's commune.
     */
    public boolean coversFamily(Collection<String> pupilSchools, String communeInsee, CommuneDao communes) {
        if (isAdmin()) {
            return true;
        }
        if (user.role() == Role.DESK) {
            return pupilSchools.stream().anyMatch(establishments()::contains);
        }
        Territory territory = socialWorkerTerritory();
        return territory != null && inTerritory(communeInsee, territory, communes);
    }

    /**
     * An agreement: a desk those of its establishments, a social worker those of the families
     * living in its territory, an administrator all.
     */
    public boolean coversAgreement(String uai, String familyCommune, CommuneDao communes) {
        if (coversEstablishment(uai)) {
            return true;
        }
        Territory territory = socialWorkerTerritory();
        return territory != null && inTerritory(familyCommune, territory, communes);
    }

    /**
     * A restricted answer of a diagnostic (needsAdaptedEquipment): an administrator, the family's own
     * desk (a desk that sees the family at all) and the person who recorded it.
     */
    public boolean mayReadRestricted(long recordedBy) {
        return isAdmin() || user.role() == Role.DESK || user.id() == recordedBy;
    }

    /** True when the commune lies in the territory; the département also follows from the INSEE code. */
    static boolean inTerritory(String commune, Territory territory, CommuneDao communes) {
        return switch (territory.kind()) {
            case "commune" -> territory.code().equals(commune);
            case "departement" -> territory.code().equals(Territory.departementOf(commune))
                    || communes.inTerritory(commune, territory.kind(), territory.code());
            // a commune without a school lies in the académie of its département
            case "academie" -> communes.inTerritory(commune, territory.kind(), territory.code())
                    || communes.departementInAcademie(Territory.departementOf(commune), territory.code());
            default -> communes.inTerritory(commune, territory.kind(), territory.code());
        };
    }

    /** The devices a funder's user reads, as {@code devices.funded_by} names them ({@code funder:<id>}); or null. */
    public String funderReference() {
        return user.role() == Role.FUNDER && user.funderId() != null ? "funder:" + user.funderId() : null;
    }

    /** A collectivity's own territory, which its reports cover unless it names a part of it; or null. */
    public Territory collectivityTerritory() {
        return user.role() == Role.COLLECTIVITY && user.territory() != null ? new Territory(user.territory()) : null;
    }

    /** A rectorat's académie, or null. */
    public Territory rectoratTerritory() {
        return user.role() == Role.RECTORAT && user.territory() != null ? new Territory(user.territory()) : null;
    }

    /** The territory a collectivity's or a rectorat's reports cover unless it names a part of it; or null. */
    public Territory reportTerritory() {
        Territory own = collectivityTerritory();
        return own != null ? own : rectoratTerritory();
    }

    /**
     * The territory of a report: an administrator any; a collectivity or a rectorat its own or a part of
     * it, else 403 (territories are public: asking for another one reveals nothing, so it is not a 404).
     */
    public void requireReportTerritory(Territory asked, CommuneDao communes) {
        // a funder's user reads its own devices wherever they are: any territory narrows them
        if (isAdmin() || funderReference() != null) {
            return;
        }
        Territory own = reportTerritory();
        boolean within = own != null && (own.equals(asked) || switch (asked.kind()) {
            case "commune" -> !"commune".equals(own.kind()) && inTerritory(asked.code(), own, communes);
            case "departement" -> "region".equals(own.kind()) && communes.departementInRegion(asked.code(), own.code())
                    || own.isAcademie() && communes.departementInAcademie(asked.code(), own.code());
            default -> false;
        });
        if (!within) {
            throw new ApiException(403, "outside_territory", own == null
                    ? "Les rapports sont réservés aux collectivités, aux rectorats et aux administrateurs."
                    : "Vos rapports couvrent " + own + " : « " + asked + " » n'en fait pas partie.", "territory");
        }
    }

    /** Registering or correcting a family so that it stays within the caller's reach: 403 otherwise. */
    public void requireFamilyWithinReach(List<String> pupilSchools, String communeInsee, CommuneDao communes) {
        if (!coversFamily(pupilSchools, communeInsee, communes)) {
            throw new ApiException(403, "outside_scope", user.role() == Role.DESK
                    ? "Au moins un élève de la famille doit être inscrit dans un de vos établissements."
                    : "La commune de la famille n'est pas dans votre territoire.",
                    user.role() == Role.DESK ? "pupils" : "communeInsee");
        }
    }
}
