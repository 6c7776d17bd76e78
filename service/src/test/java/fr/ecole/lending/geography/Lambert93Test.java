package fr.ecole.lending.geography;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class Lambert93Test {
    /** IGN's published constants of Lambert-93 (notes NTG_71): the cone's n and C, the pole's Ys, GRS80's e. */
    private static final double IGN_N = 0.7256077650;
    private static final double IGN_C = 11_754_255.426;
    private static final double IGN_YS = 12_655_612.050;
    private static final double GRS80_E = 0.0818191910428158;

    @Test
    void theOriginLandsOnTheFalseEastingAndNorthing() {
        double[] origin = Lambert93.project(46.5, 3);
        assertThat(origin[0]).isCloseTo(700_000, within(0.001));
        assertThat(origin[1]).isCloseTo(6_600_000, within(0.001));
    }

    @Test
    void theConeIsIgnsOne() {
        assertThat(Lambert93.exponent()).isCloseTo(IGN_N, within(1e-9));
    }

    @Test
    void rennesCityHallLandsWhereIgnsConstantsPutIt() {
        double[] hall = Lambert93.project(48.1115, -1.6800);
        assertThat(hall[0]).isCloseTo(351_905.78, within(1.0));
        assertThat(hall[1]).isCloseTo(6_789_332.81, within(1.0));
        double[] ign = withIgnConstants(48.1115, -1.6800);
        assertThat(hall[0]).isCloseTo(ign[0], within(1.0));
        assertThat(hall[1]).isCloseTo(ign[1], within(1.0));
    }

    @Test
    void pointsFarApartInFranceAgreeWithIgnsConstants() {
        double[][] places = {{51.0, 2.4}, {42.5, 3.1}, {48.4, -4.8}, {43.7, 7.3}, {41.4, 9.2}};
        for (double[] place : places) {
            double[] ours = Lambert93.project(place[0], place[1]);
            double[] ign = withIgnConstants(place[0], place[1]);
            assertThat(ours[0]).isCloseTo(ign[0], within(1.0));
            assertThat(ours[1]).isCloseTo(ign[1], within(1.0));
        }
    }

    /** The projection written the other way IGN gives it: isometric latitude and the published constants. */
    private static double[] withIgnConstants(double latitude, double longitude) {
        double phi = Math.toRadians(latitude);
        double s = GRS80_E * Math.sin(phi);
        double isometric = Math.log(Math.tan(Math.PI / 4 + phi / 2) * Math.pow((1 - s) / (1 + s), GRS80_E / 2));
        double rho = IGN_C * Math.exp(-IGN_N * isometric);
        double theta = IGN_N * Math.toRadians(longitude - 3);
        return new double[] {700_000 + rho * Math.sin(theta), IGN_YS - rho * Math.cos(theta)};
    }
}
