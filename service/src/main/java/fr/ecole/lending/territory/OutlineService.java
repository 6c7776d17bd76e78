package fr.ecole.lending.territory;

import fr.ecole.lending.audit.Audit;
import fr.ecole.lending.auth.User;
import fr.ecole.lending.db.Daos;
import fr.ecole.lending.db.Database;
import fr.ecole.lending.geography.Territory;
import fr.ecole.lending.imports.CsvTable.Rejection;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/** The communes' outlines: imported from GeoJSON, read back for a territory's map. */
public class OutlineService {
    private final Database database;
    private final Audit audit;
    private final Clock clock;

    public OutlineService(Database database, Audit audit, Clock clock) {
        this.database = database;
        this.audit = audit;
        this.clock = clock;
    }

    /** A feature set aside: its position in the collection (from 0), the error's code and what is wrong. */
    public record RejectedFeature(long feature, String error, String message) {
    }

    /** What an import did; {@code rejected} lists the first features set aside, {@code rejectedCount} counts them all. */
    public record OutlineImport(int created, int updated, int rejectedCount, List<RejectedFeature> rejected) {
    }

    /** A commune as the map draws it: one SVG path, in the units of the map's viewBox. */
    public record Shape(String insee, String name, String path) {
    }

    /**
     * What a page needs to draw a territory's communes: the viewBox that holds them all (empty when
     * none has an outline), one path per commune, and the communes of the directory that have no
     * outline, to be listed under the map rather than lost.
     */
    public record TerritoryMap(Territory territory, String viewBox, List<Shape> shapes,
                               List<CommuneOutlineDao.Commune> withoutOutline) {
    }

    /** Imports a FeatureCollection of communes: new codes are created, known ones redrawn. */
    public OutlineImport importOutlines(User actor, InputStream geoJson) {
        return importOutlines(actor, geoJson, false);
    }

    /** As {@link #importOutlines(User, InputStream)}; {@code whole}: a refused feature refuses the file, and nothing is written. */
    public OutlineImport importOutlines(User actor, InputStream geoJson, boolean whole) {
        CommunesGeoJson file = CommunesGeoJson.read(geoJson);
        List<RejectedFeature> rejected = file.rejected.first().stream()
                .map((Rejection r) -> new RejectedFeature(r.line(), r.error(), r.message())).toList();
        if (whole && file.rejected.count() > 0) {
            return new OutlineImport(0, 0, file.rejected.count(), rejected);
        }
        return database.write(handle -> {
            CommuneOutlineDao dao = Daos.on(handle, CommuneOutlineDao.class);
            Set<String> known = dao.known();
            int updated = (int) file.outlines.keySet().stream().filter(known::contains).count();
            dao.save(file.outlines.values(), clock.instant());
            OutlineImport result = new OutlineImport(file.outlines.size() - updated, updated, file.rejected.count(), rejected);
            audit.record(handle, actor, "IMPORT", Audit.Entity.OUTLINE, "communes-geo", Map.of(
                    "created", result.created(), "updated", result.updated(), "rejected", result.rejectedCount()));
            return result;
        });
    }

    /** The map of {@code territory}'s communes. Outlines are public data: anyone who may see the territory may draw it. */
    public TerritoryMap map(Territory territory) {
        return database.read(handle -> map(handle, territory));
    }

    static TerritoryMap map(Handle handle, Territory territory) {
        CommuneOutlineDao dao = Daos.on(handle, CommuneOutlineDao.class);
        List<CommuneOutlineDao.Outline> outlines = dao.inTerritory(territory.kind(), territory.code());
        String viewBox = "";
        if (!outlines.isEmpty()) {
            int minX = outlines.stream().mapToInt(CommuneOutlineDao.Outline::minX).min().orElseThrow();
            int minY = outlines.stream().mapToInt(CommuneOutlineDao.Outline::minY).min().orElseThrow();
            int maxX = outlines.stream().mapToInt(CommuneOutlineDao.Outline::maxX).max().orElseThrow();
            int maxY = outlines.stream().mapToInt(CommuneOutlineDao.Outline::maxY).max().orElseThrow();
            viewBox = minX + " " + minY + " " + (maxX - minX) + " " + (maxY - minY);
        }
        List<Shape> shapes = outlines.stream().map(o -> new Shape(o.insee(), o.name(), o.svgPath())).toList();
        return new TerritoryMap(territory, viewBox, shapes, dao.withoutOutline(territory.kind(), territory.code()));
    }
}
