package fr.ecole.lending.auth;

/** What a user is, which decides what the API lets them do (docs/roles.md). */
public enum Role {
    ADMIN, DESK, SOCIAL_WORKER, COLLECTIVITY,
    /** The académie's rectorat: the protected reports of its académie's schools, every kind together; never a family. */
    RECTORAT,
    /** A funder's own user: the loans report of the devices it paid for, never a family. */
    FUNDER;

    /** Names for {@code @RolesAllowed}, which takes strings. */
    public static final String ADMIN_ROLE = "ADMIN";
    public static final String DESK_ROLE = "DESK";
    public static final String SOCIAL_WORKER_ROLE = "SOCIAL_WORKER";
    public static final String COLLECTIVITY_ROLE = "COLLECTIVITY";
    public static final String RECTORAT_ROLE = "RECTORAT";
    /** A funder's own user: the loans report of the devices it paid for, never a family. */
    public static final String FUNDER_ROLE = "FUNDER";
}
