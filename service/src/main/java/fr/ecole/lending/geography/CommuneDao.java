package fr.ecole.lending.geography;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Communes, with the département and région each belongs to, as the directory gives them. */
public interface CommuneDao {
    /**
     * SQL: the family {@code f} lives in the territory {@code :territoryKind:territoryCode}, or no
     * territory is given (NULL): a social worker's reach. As Territory.departementOf, the département
     * also follows from the INSEE code, for a commune the directory does not list.
     */
    String FAMILY_IN_TERRITORY = """
            (CAST(:territoryKind AS TEXT) IS NULL
             OR (:territoryKind = 'commune' AND f.commune_insee = :territoryCode)
             OR (:territoryKind = 'departement'
                 AND CASE WHEN SUBSTR(f.commune_insee, 1, 2) = '97' THEN SUBSTR(f.commune_insee, 1, 3)
                          ELSE '0' || SUBSTR(f.commune_insee, 1, 2) END = :territoryCode)
             OR f.commune_insee IN (SELECT c.insee FROM communes c
                                     WHERE (:territoryKind = 'departement' AND c.departement = :territoryCode)
                                        OR (:territoryKind = 'region' AND c.region = :territoryCode))
             OR (:territoryKind = 'academie'
                 AND CASE WHEN SUBSTR(f.commune_insee, 1, 2) = '97' THEN SUBSTR(f.commune_insee, 1, 3)
                          ELSE '0' || SUBSTR(f.commune_insee, 1, 2) END
                     IN (SELECT c.departement FROM communes c WHERE c.academie = :territoryCode)))""";

    /** Brings the communes up to date with the establishments' (the directory names them there). */
    @SqlUpdate("""
            INSERT INTO communes (insee, name, departement, region)
            SELECT commune_insee, MIN(commune_name), MIN(departement), MIN(region)
              FROM establishments GROUP BY commune_insee
            ON CONFLICT (insee) DO UPDATE
               SET name = excluded.name, departement = excluded.departement, region = excluded.region""")
    void refreshEstablishmentsCommunes();

    /**
     * An establishment the directory gave no académie (a line without one, or a row imported before
     * the académies were) takes that of its département's other establishments: a département lies
     * in one académie.
     */
    @SqlUpdate("""
            UPDATE establishments SET academie = (SELECT MIN(o.academie) FROM establishments o
                                                   WHERE o.departement = establishments.departement)
             WHERE academie IS NULL""")
    void deriveAcademies();

    /** Each commune in the académie of its département; one whose département names none keeps its own. */
    @SqlUpdate("""
            UPDATE communes SET academie = (SELECT MIN(e.academie) FROM establishments e
                                             WHERE e.departement = communes.departement)
             WHERE EXISTS (SELECT 1 FROM establishments e
                            WHERE e.departement = communes.departement AND e.academie IS NOT NULL)""")
    void refreshAcademies();

    /** Brings the communes up to date with the establishments', and each with its académie. */
    default void refreshFromEstablishments() {
        refreshEstablishmentsCommunes();
        deriveAcademies();
        refreshAcademies();
    }

    /** True when the commune lies in the territory {@code kind:code}. */
    @SqlQuery("""
            SELECT EXISTS (SELECT 1 FROM communes
                            WHERE insee = :commune
                              AND ((:kind = 'commune' AND insee = :code)
                                OR (:kind = 'departement' AND departement = :code)
                                OR (:kind = 'region' AND region = :code)
                                OR (:kind = 'academie' AND academie = :code)))""")
    boolean inTerritory(@Bind("commune") String commune, @Bind("kind") String kind, @Bind("code") String code);

    /**
     * True when the directory knows the territory {@code kind:code}; a commune without a school is
     * known when its département is (its households count in reports all the same).
     */
    @SqlQuery("""
            SELECT EXISTS (SELECT 1 FROM communes
                            WHERE (:kind = 'commune' AND (insee = :code OR departement = :departement))
                               OR (:kind = 'departement' AND departement = :code)
                               OR (:kind = 'region' AND region = :code)
                               OR (:kind = 'academie' AND academie = :code))""")
    boolean exists(@Bind("kind") String kind, @Bind("code") String code, @Bind("departement") String departement);

    /** True when the département belongs to the région. */
    @SqlQuery("SELECT EXISTS (SELECT 1 FROM communes WHERE departement = :departement AND region = :region)")
    boolean departementInRegion(@Bind("departement") String departement, @Bind("region") String region);

    /** True when the département belongs to the académie. */
    @SqlQuery("SELECT EXISTS (SELECT 1 FROM communes WHERE departement = :departement AND academie = :academie)")
    boolean departementInAcademie(@Bind("departement") String departement, @Bind("academie") String academie);

    /** The académie's name as the directory gives it (Rennes), or null. */
    @SqlQuery("SELECT name FROM academies WHERE code = :code")
    java.util.Optional<String> academieName(@Bind("code") String code);
}
