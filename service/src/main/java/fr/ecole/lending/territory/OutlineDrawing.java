package fr.ecole.lending.territory;

import com.fasterxml.jackson.databind.JsonNode;
import fr.ecole.lending.geography.Lambert93;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A commune's GeoJSON geometry (Polygon or MultiPolygon, WGS 84) drawn once for all as an SVG path:
 * projected in Lambert-93, in units of {@value #UNIT_METRES} m with y pointing south (SVG's way), each
 * ring simplified within {@value #TOLERANCE_UNITS} units (Douglas-Peucker) and written in relative
 * moves, so that a département's 345 communes weigh a few hundred KB.
 */
final class OutlineDrawing {
    /** One unit of the path: far below a pixel of a département's map (about 150 m across 1,000 pixels). */
    static final int UNIT_METRES = 10;
    /** A point closer than this to the line its neighbours draw is left out. */
    static final double TOLERANCE_UNITS = 1.5;

    /** A geometry that is not a commune's outline, with the code and the French sentence that say why. */
    static final class NotAnOutline extends Exception {
        final String error;

        NotAnOutline(String error, String message) {
            super(message, null, false, false);
            this.error = error;
        }
    }

    /** The path and its bounding box, in the path's units. */
    record Drawn(String path, int minX, int minY, int maxX, int maxY) {
    }

    private final StringBuilder path = new StringBuilder();
    private int minX = Integer.MAX_VALUE;
    private int minY = Integer.MAX_VALUE;
    private int maxX = Integer.MIN_VALUE;
    private int maxY = Integer.MIN_VALUE;

    private OutlineDrawing() {
    }

    static Drawn draw(JsonNode geometry) throws NotAnOutline {
        if (geometry == null || geometry.isNull() || geometry.isMissingNode()) {
            throw new NotAnOutline("missing_geometry", "La commune n'a pas de géométrie : un contour (Polygon ou MultiPolygon) est attendu.");
        }
        String type = geometry.path("type").asText("");
        JsonNode coordinates = geometry.path("coordinates");
        OutlineDrawing drawing = new OutlineDrawing();
        if (type.equals("Polygon")) {
            drawing.polygon(coordinates);
        } else if (type.equals("MultiPolygon")) {
            if (!coordinates.isArray() || coordinates.isEmpty()) {
                throw malformed();
            }
            for (JsonNode polygon : coordinates) {
                drawing.polygon(polygon);
            }
        } else {
            throw new NotAnOutline("not_a_polygon", "La géométrie est de type « " + type
                    + " » : le contour d'une commune est un Polygon ou un MultiPolygon.");
        }
        if (drawing.path.isEmpty()) {
            throw new NotAnOutline("outline_too_small", "Le contour est plus petit que "
                    + UNIT_METRES + " m une fois projeté : rien à dessiner.");
        }
        return new Drawn(drawing.path.toString(), drawing.minX, drawing.minY, drawing.maxX, drawing.maxY);
    }

    private void polygon(JsonNode rings) throws NotAnOutline {
        if (!rings.isArray() || rings.isEmpty()) {
            throw malformed();
        }
        for (JsonNode ring : rings) {
            ring(ring);
        }
    }

    private void ring(JsonNode positions) throws NotAnOutline {
        if (!positions.isArray()) {
            throw malformed();
        }
        if (positions.size() < 4) {
            throw new NotAnOutline("ring_too_short", "Un anneau du contour n'a que " + positions.size()
                    + " point(s) : il en faut au moins 4, le dernier répétant le premier.");
        }
        List<int[]> points = new ArrayList<>(positions.size());
        for (JsonNode position : positions) {
            if (!position.isArray() || position.size() < 2 || !position.get(0).isNumber() || !position.get(1).isNumber()) {
                throw malformed();
            }
            double longitude = position.get(0).asDouble();
            double latitude = position.get(1).asDouble();
            if (!(Math.abs(longitude) <= 180) || !(Math.abs(latitude) < 90)) {
                throw new NotAnOutline("coordinates_out_of_range", "Le point (" + position.get(0) + ", "
                        + position.get(1) + ") n'est pas une longitude et une latitude en degrés (WGS 84) : "
                        + "longitude entre -180 et 180, latitude entre -90 et 90.");
            }
            double[] projected = Lambert93.project(latitude, longitude);
            int[] point = {(int) Math.round(projected[0] / UNIT_METRES), (int) -Math.round(projected[1] / UNIT_METRES)};
            int[] last = points.isEmpty() ? null : points.get(points.size() - 1);
            if (last == null || last[0] != point[0] || last[1] != point[1]) {
                points.add(point);
            }
        }
        List<int[]> kept = simplified(points);
        if (kept.size() < 3) {
            return;
        }
        int[] previous = null;
        for (int[] point : kept) {
            if (previous == null) {
                path.append('M');
                number(point[0]);
                number(point[1]);
                path.append('l');
            } else {
                number(point[0] - previous[0]);
                number(point[1] - previous[1]);
            }
            previous = point;
            minX = Math.min(minX, point[0]);
            minY = Math.min(minY, point[1]);
            maxX = Math.max(maxX, point[0]);
            maxY = Math.max(maxY, point[1]);
        }
        path.append('z');
    }

    /** A number of the path, after a space only where the previous one would otherwise run on. */
    private void number(int value) {
        char before = path.charAt(path.length() - 1);
        if (value >= 0 && Character.isDigit(before)) {
            path.append(' ');
        }
        path.append(value);
    }

    /** The ring's points that Douglas-Peucker keeps, the closing point dropped ('z' draws it back). */
    static List<int[]> simplified(List<int[]> points) {
        int n = points.size();
        if (n > 1 && points.get(0)[0] == points.get(n - 1)[0] && points.get(0)[1] == points.get(n - 1)[1]) {
            n--;
        }
        if (n < 3) {
            return List.of();
        }
        // a closed ring is split at its first point and at the point farthest from it
        int far = 0;
        long farthest = -1;
        for (int i = 1; i < n; i++) {
            long dx = points.get(i)[0] - points.get(0)[0];
            long dy = points.get(i)[1] - points.get(0)[1];
            if (dx * dx + dy * dy > farthest) {
                farthest = dx * dx + dy * dy;
                far = i;
            }
        }
        boolean[] keep = new boolean[n + 1];
        keep[0] = true;
        keep[far] = true;
        keep[n] = true;
        Deque<int[]> spans = new ArrayDeque<>();
        spans.push(new int[] {0, far});
        spans.push(new int[] {far, n});
        while (!spans.isEmpty()) {
            int[] span = spans.pop();
            int[] a = points.get(span[0] % n);
            int[] b = points.get(span[1] % n);
            double worst = TOLERANCE_UNITS;
            int at = -1;
            for (int i = span[0] + 1; i < span[1]; i++) {
                double distance = distance(points.get(i), a, b);
                if (distance > worst) {
                    worst = distance;
                    at = i;
                }
            }
            if (at >= 0) {
                keep[at] = true;
                spans.push(new int[] {span[0], at});
                spans.push(new int[] {at, span[1]});
            }
        }
        List<int[]> kept = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (keep[i]) {
                kept.add(points.get(i));
            }
        }
        return kept;
    }

    private static double distance(int[] p, int[] a, int[] b) {
        double dx = b[0] - a[0];
        double dy = b[1] - a[1];
        double length = Math.hypot(dx, dy);
        if (length == 0) {
            return Math.hypot(p[0] - a[0], p[1] - a[1]);
        }
        return Math.abs(dy * (p[0] - a[0]) - dx * (p[1] - a[1])) / length;
    }

    private static NotAnOutline malformed() {
        return new NotAnOutline("invalid_coordinates", "Les coordonnées ne forment pas un contour GeoJSON : "
                + "des anneaux, chacun une liste de points [longitude, latitude].");
    }
}
