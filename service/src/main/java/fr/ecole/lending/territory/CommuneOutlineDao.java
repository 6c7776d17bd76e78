package fr.ecole.lending.territory;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The communes' outlines as pages draw them (see {@link OutlineDrawing}). */
@RegisterConstructorMapper(CommuneOutlineDao.Outline.class)
@RegisterConstructorMapper(CommuneOutlineDao.Commune.class)
public interface CommuneOutlineDao {
    /** A commune's outline: its SVG path and bounding box, in the path's units. */
    record Outline(String insee, String name, String departement, String svgPath, int minX, int minY, int maxX,
                   int maxY) {
    }

    /** A commune of the directory, by code and name. */
    record Commune(String insee, String name) {
    }

    @SqlQuery("SELECT insee FROM commune_outlines")
    Set<String> known();

    @SqlBatch("""
            INSERT INTO commune_outlines (insee, name, departement, svg_path, min_x, min_y, max_x, max_y, imported_at)
            VALUES (:insee, :name, :departement, :svgPath, :minX, :minY, :maxX, :maxY, :now)
            ON CONFLICT (insee) DO UPDATE
               SET name = excluded.name, departement = excluded.departement, svg_path = excluded.svg_path,
                   min_x = excluded.min_x, min_y = excluded.min_y, max_x = excluded.max_x, max_y = excluded.max_y,
                   imported_at = excluded.imported_at""")
    void save(@BindMethods Collection<Outline> outlines, @Bind("now") Instant now);

    @SqlQuery("SELECT insee, name, departement, svg_path, min_x, min_y, max_x, max_y FROM commune_outlines o WHERE "
            + "((:kind = 'commune' AND o.insee = :code) OR (:kind = 'departement' AND o.departement = :code)"
            + " OR (:kind = 'region' AND o.departement IN (SELECT d.departement FROM communes d WHERE d.region = :code))"
            + " OR (:kind = 'academie' AND o.departement IN (SELECT d.departement FROM communes d WHERE d.academie = :code)))"
            + " ORDER BY insee")
    List<Outline> inTerritory(@Bind("kind") String kind, @Bind("code") String code);

    /** The territory's communes, as the directory knows them, that have no outline yet. */
    @SqlQuery("""
            SELECT c.insee, c.name FROM communes c
             WHERE ((:kind = 'commune' AND c.insee = :code) OR (:kind = 'departement' AND c.departement = :code)
                    OR (:kind = 'region' AND c.region = :code) OR (:kind = 'academie' AND c.academie = :code))
               AND NOT EXISTS (SELECT 1 FROM commune_outlines o WHERE o.insee = c.insee)
             ORDER BY c.name, c.insee""")
    List<Commune> withoutOutline(@Bind("kind") String kind, @Bind("code") String code);
}
