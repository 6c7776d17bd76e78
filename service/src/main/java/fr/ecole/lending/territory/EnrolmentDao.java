package fr.ecole.lending.territory;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

@RegisterConstructorMapper(EnrolmentDao.Enrolment.class)
public interface EnrolmentDao {

    /** Pupils of an establishment in the school year starting in {@code schoolYear}. */
    record Enrolment(String uai, int schoolYear, int pupils) {
    }

    @SqlQuery("SELECT uai, school_year, pupils FROM enrolments")
    List<Enrolment> all();

    @SqlBatch("""
            INSERT INTO enrolments (uai, school_year, pupils) VALUES (:uai, :schoolYear, :pupils)
            ON CONFLICT (uai, school_year) DO UPDATE SET pupils = excluded.pupils""")
    void save(@BindMethods Collection<Enrolment> rows);

    /** The latest count known for the establishment. */
    @SqlQuery("SELECT uai, school_year, pupils FROM enrolments WHERE uai = :uai ORDER BY school_year DESC LIMIT 1")
    Optional<Enrolment> latest(@Bind("uai") String uai);
}
