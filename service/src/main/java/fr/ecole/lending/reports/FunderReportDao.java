package fr.ecole.lending.reports;

import java.util.Collection;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The funders' records that label the rows of a report by funder: public organisations, named. */
public interface FunderReportDao {
    /** A funder's row: its key as devices name it ({@code funder:<id>}), its name and its kind. */
    record FunderName(String key, String name, String kind) {
    }

    @SqlQuery("SELECT 'funder:' || CAST(id AS TEXT) AS key, name, kind FROM funders WHERE id IN (<ids>)")
    @RegisterConstructorMapper(FunderName.class)
    List<FunderName> names(@BindList("ids") Collection<Long> ids);
}
