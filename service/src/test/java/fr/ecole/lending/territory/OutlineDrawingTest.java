package fr.ecole.lending.territory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class OutlineDrawingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode geometry(String json) throws Exception {
        return JSON.readTree(json);
    }

    @Test
    void aSquareIsOneRingOfRelativeMovesWithNorthUp() throws Exception {
        OutlineDrawing.Drawn drawn = OutlineDrawing.draw(geometry("""
                {"type": "Polygon", "coordinates": [[[-1.7, 48.1], [-1.6, 48.1], [-1.6, 48.2], [-1.7, 48.2], [-1.7, 48.1]]]}"""));
        assertThat(drawn.path()).matches("M\\d+-\\d+l(-?\\d+[ -]?){6}-?\\d+z");
        // 0.1° of longitude is 7.4 km at 48° N; Lambert-93 turns the square by 3.4° west of 3° E
        assertThat(drawn.maxX() - drawn.minX()).isBetween(780, 830);
        assertThat(drawn.maxY() - drawn.minY()).isBetween(1100, 1160);
        // north is up: the first point, the south-west corner, lies in the lower half of the box
        int firstY = Integer.parseInt(drawn.path().substring(1, drawn.path().indexOf('l')).replaceFirst("^\\d+", ""));
        assertThat(firstY).isGreaterThan((drawn.minY() + drawn.maxY()) / 2);
    }

    @Test
    void aPointOnAStraightSideIsLeftOut() throws Exception {
        OutlineDrawing.Drawn withMiddle = OutlineDrawing.draw(geometry("""
                {"type": "Polygon", "coordinates": [[[-1.7, 48.1], [-1.65, 48.1], [-1.6, 48.1], [-1.6, 48.2], [-1.7, 48.2], [-1.7, 48.1]]]}"""));
        OutlineDrawing.Drawn without = OutlineDrawing.draw(geometry("""
                {"type": "Polygon", "coordinates": [[[-1.7, 48.1], [-1.6, 48.1], [-1.6, 48.2], [-1.7, 48.2], [-1.7, 48.1]]]}"""));
        assertThat(withMiddle.path()).isEqualTo(without.path());
    }

    @Test
    void whatIsNotAnOutlineIsToldWhy() throws Exception {
        assertThatThrownBy(() -> OutlineDrawing.draw(geometry("{\"type\": \"Point\", \"coordinates\": [-1.7, 48.1]}")))
                .hasFieldOrPropertyWithValue("error", "not_a_polygon");
        assertThatThrownBy(() -> OutlineDrawing.draw(geometry("{\"type\": \"Polygon\", \"coordinates\": [[[-1.7, 48.1], [-1.6, 48.1]]]}")))
                .hasFieldOrPropertyWithValue("error", "ring_too_short");
        assertThatThrownBy(() -> OutlineDrawing.draw(geometry("""
                {"type": "Polygon", "coordinates": [[[-1.7, 200], [-1.6, 48.1], [-1.6, 48.2], [-1.7, 200]]]}""")))
                .hasFieldOrPropertyWithValue("error", "coordinates_out_of_range");
        assertThatThrownBy(() -> OutlineDrawing.draw(geometry("{\"type\": \"Polygon\", \"coordinates\": [[\"a\"]]}")))
                .hasFieldOrPropertyWithValue("error", "ring_too_short");
        assertThatThrownBy(() -> OutlineDrawing.draw(null)).hasFieldOrPropertyWithValue("error", "missing_geometry");
    }
}
