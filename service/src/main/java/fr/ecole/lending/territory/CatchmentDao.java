package fr.ecole.lending.territory;

import java.util.List;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

public interface CatchmentDao {

    /** One line of the carte scolaire: a whole commune, or a street range of it, served by a collège. */
    record CatchmentRow(String communeInsee, String uai, String street, String fromNumber, String toNumber,
                        String parity) {
    }

    @SqlUpdate("DELETE FROM catchments")
    void clear();

    @SqlBatch("""
            INSERT INTO catchments (commune_insee, uai, street, from_number, to_number, parity)
            VALUES (:communeInsee, :uai, :street, :fromNumber, :toNumber, :parity)""")
    void insert(@BindMethods List<CatchmentRow> rows);

    /** The collèges that serve a commune, each once. */
    @SqlQuery("SELECT DISTINCT uai FROM catchments WHERE commune_insee = :insee ORDER BY uai")
    List<String> collegesOf(@Bind("insee") String communeInsee);
}
