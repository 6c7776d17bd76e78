package fr.ecole.lending.geography;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Communes, with the département and région each belongs to, as the directory gives them. */
public interface CommuneDao {

    /** Brings the communes up to date with the establishments' (the directory names them there). */
    @SqlUpdate("""
            INSERT INTO communes (insee, name, departement, region)
            SELECT commune_insee, MIN(commune_name), MIN(departement), MIN(region)
              FROM establishments GROUP BY commune_insee
            ON CONFLICT (insee) DO UPDATE
               SET name = excluded.name, departement = excluded.departement, region = excluded.region""")
    void refreshFromEstablishments();

    /** True when the commune lies in the territory {@code kind:code}. */
    @SqlQuery("""
            SELECT EXISTS (SELECT 1 FROM communes
                            WHERE insee = :commune
                              AND ((:kind = 'commune' AND insee = :code)
                                OR (:kind = 'departement' AND departement = :code)
                                OR (:kind = 'region' AND region = :code)))""")
    boolean inTerritory(@Bind("commune") String commune, @Bind("kind") String kind, @Bind("code") String code);

    /**
     * True when the directory knows the territory {@code kind:code}; a commune without a school is
     * known when its département is (its households count in reports all the same).
     */
    @SqlQuery("""
            SELECT EXISTS (SELECT 1 FROM communes
                            WHERE (:kind = 'commune' AND (insee = :code OR departement = :departement))
                               OR (:kind = 'departement' AND departement = :code)
                               OR (:kind = 'region' AND region = :code))""")
    boolean exists(@Bind("kind") String kind, @Bind("code") String code, @Bind("departement") String departement);

    /** True when the département belongs to the région. */
    @SqlQuery("SELECT EXISTS (SELECT 1 FROM communes WHERE departement = :departement AND region = :region)")
    boolean departementInRegion(@Bind("departement") String departement, @Bind("region") String region);
}
