package fr.ecole.lending.territory;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.ecole.lending.geography.CommuneCode;
import fr.ecole.lending.geography.Territory;
import fr.ecole.lending.http.ApiException;
import fr.ecole.lending.http.Check;
import fr.ecole.lending.imports.Rejections;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a FeatureCollection of communes (properties {@code code}, the INSEE code, and {@code nom}) one
 * feature at a time, so that a département's full-resolution file (tens of MB) is never held whole:
 * each is drawn at once ({@link OutlineDrawing}) and only its path is kept. A feature that is not a
 * commune's outline is set aside by its position in the collection (from 0), with the reason.
 */
final class CommunesGeoJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The communes read, by INSEE code: a code given twice keeps its last outline. */
    final Map<String, CommuneOutlineDao.Outline> outlines = new LinkedHashMap<>();
    final Rejections rejected = new Rejections(Rejections.NATIONAL_FILE_LISTED);
    private int features;

    static CommunesGeoJson read(InputStream body) {
        CommunesGeoJson result = new CommunesGeoJson();
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw notACollection();
            }
            String type = null;
            boolean listed = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String member = parser.currentName();
                JsonToken value = parser.nextToken();
                if (member.equals("type")) {
                    type = parser.getValueAsString();
                } else if (member.equals("features") && value == JsonToken.START_ARRAY) {
                    listed = true;
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        result.accept(JSON.readTree(parser));
                    }
                } else {
                    parser.skipChildren();
                }
            }
            if (!"FeatureCollection".equals(type) || !listed || parser.nextToken() != null) {
                throw notACollection();
            }
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (ligne " + e.getLocation().getLineNr() + ", colonne "
                    + e.getLocation().getColumnNr() + ")";
            throw ApiException.invalid("invalid_geojson", null, "Le corps n'est pas du JSON lisible" + where
                    + " : envoyez le fichier GeoJSON des communes tel quel, en UTF-8.");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return result;
    }

    private void accept(JsonNode feature) {
        int index = features++;
        if (!feature.isObject() || !"Feature".equals(feature.path("type").asText())) {
            rejected.add(index, "not_a_feature", "L'élément n'est pas une Feature GeoJSON.");
            return;
        }
        JsonNode properties = feature.path("properties");
        String code = properties.path("code").isTextual() ? properties.path("code").textValue().strip() : null;
        if (!CommuneCode.isValid(code)) {
            rejected.add(index, "invalid_commune", "La propriété « code » (" + properties.path("code")
                    + ") n'est pas un code INSEE de commune : 5 caractères, par exemple \"35238\" pour Rennes.");
            return;
        }
        String name = properties.path("nom").isTextual() ? properties.path("nom").textValue().strip() : "";
        if (name.isEmpty() || name.length() > 200 || Check.formatCharacter(name) >= 0) {
            rejected.add(index, "invalid_name", "La propriété « nom » de la commune " + code
                    + " manque ou n'est pas un nom lisible.");
            return;
        }
        try {
            OutlineDrawing.Drawn drawn = OutlineDrawing.draw(feature.get("geometry"));
            outlines.put(code, new CommuneOutlineDao.Outline(code, name, Territory.departementOf(code), drawn.path(),
                    drawn.minX(), drawn.minY(), drawn.maxX(), drawn.maxY()));
        } catch (OutlineDrawing.NotAnOutline e) {
            rejected.add(index, e.error, "Commune " + code + " : " + e.getMessage());
        }
    }

    private static ApiException notACollection() {
        return ApiException.invalid("not_a_feature_collection", null, "Le corps n'est pas une FeatureCollection "
                + "GeoJSON : envoyez les communes du territoire, chacune une Feature aux propriétés « code » (INSEE) "
                + "et « nom », de géométrie Polygon ou MultiPolygon en WGS 84 (Admin Express de l'IGN, par exemple).");
    }
}
