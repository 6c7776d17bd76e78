package fr.ecole.lending.funders;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

@RegisterConstructorMapper(Funder.class)
public interface FunderDao {
    String COLUMNS = "id, kind, name, territory, allows_transfers_outside";

    @SqlQuery("SELECT " + COLUMNS + " FROM funders WHERE id = :id")
    Optional<Funder> find(@Bind("id") long id);

    @SqlQuery("SELECT EXISTS (SELECT 1 FROM funders WHERE name = :name)")
    boolean nameTaken(@Bind("name") String name);

    @SqlQuery("SELECT " + COLUMNS + " FROM funders WHERE id > :after ORDER BY id LIMIT :limit")
    List<Funder> list(@Bind("after") long after, @Bind("limit") int limit);

    @SqlQuery("""
            INSERT INTO funders (kind, name, territory, allows_transfers_outside, created_at)
            VALUES (:kind, :name, :territory, :allowsTransfersOutside, :now)
            RETURNING id""")
    long insert(@Bind("kind") FunderKind kind, @Bind("name") String name, @Bind("territory") String territory,
                @Bind("allowsTransfersOutside") boolean allowsTransfersOutside, @Bind("now") Instant now);
}
