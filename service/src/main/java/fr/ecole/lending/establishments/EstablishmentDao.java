package fr.ecole.lending.establishments;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

@RegisterConstructorMapper(Establishment.class)
public interface EstablishmentDao {
    String COLUMNS = "uai, name, type, commune_insee, commune_name, departement, region, priority_education, academie";

    @SqlQuery("SELECT " + COLUMNS + " FROM establishments WHERE uai = :uai")
    Optional<Establishment> find(@Bind("uai") String uai);

    @SqlQuery("SELECT " + COLUMNS + " FROM establishments")
    List<Establishment> all();

    @SqlQuery("SELECT COUNT(*) FROM establishments")
    long count();

    @SqlBatch("""
            INSERT INTO establishments (uai, name, type, commune_insee, commune_name, departement, region,
                                        priority_education, academie, imported_at)
            VALUES (:uai, :name, :type, :communeInsee, :communeName, :departement, :region,
                    :priorityEducation, :academie, :now)""")
    void insert(@BindMethods Iterable<Establishment> rows, @Bind("now") Instant now);

    @SqlBatch("""
            UPDATE establishments
               SET name = :name, type = :type, commune_insee = :communeInsee, commune_name = :communeName,
                   departement = :departement, region = :region, priority_education = :priorityEducation,
                   academie = :academie, imported_at = :now
             WHERE uai = :uai""")
    void update(@BindMethods Iterable<Establishment> rows, @Bind("now") Instant now);

    /** Records the académies a file names; a name left empty keeps the one known. */
    @SqlBatch("""
            INSERT INTO academies (code, name) VALUES (:code, :name)
            ON CONFLICT (code) DO UPDATE SET name = COALESCE(excluded.name, academies.name)""")
    void saveAcademies(@Bind("code") Iterable<String> codes, @Bind("name") Iterable<String> names);
}
