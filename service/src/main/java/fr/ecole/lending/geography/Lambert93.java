package fr.ecole.lending.geography;

/**
 * Lambert-93 (EPSG:2154), France's official plane projection: a Lambert conformal conic on the GRS80
 * ellipsoid, standard parallels 44° and 49° N, origin 46.5° N 3° E at (700 000, 6 600 000) metres.
 * WGS 84 is taken for RGF93, from which it differs by far less than the 10 m a drawn outline keeps.
 */
public final class Lambert93 {
    private static final double A = 6_378_137.0;
    private static final double F = 1 / 298.257222101;
    private static final double E = Math.sqrt(2 * F - F * F);
    private static final double LON0 = Math.toRadians(3);
    private static final double X0 = 700_000;
    private static final double Y0 = 6_600_000;
    private static final double N;
    private static final double AF;
    private static final double RHO0;

    static {
        double phi1 = Math.toRadians(44);
        double phi2 = Math.toRadians(49);
        double m1 = m(phi1);
        double m2 = m(phi2);
        double t1 = t(phi1);
        double t2 = t(phi2);
        N = (Math.log(m1) - Math.log(m2)) / (Math.log(t1) - Math.log(t2));
        AF = A * m1 / (N * Math.pow(t1, N));
        RHO0 = AF * Math.pow(t(Math.toRadians(46.5)), N);
    }

    private Lambert93() {
    }

    /** Easting and northing in metres of the point at {@code latitude}, {@code longitude} (degrees, WGS 84). */
    public static double[] project(double latitude, double longitude) {
        double rho = AF * Math.pow(t(Math.toRadians(latitude)), N);
        double theta = N * (Math.toRadians(longitude) - LON0);
        return new double[] {X0 + rho * Math.sin(theta), Y0 + RHO0 - rho * Math.cos(theta)};
    }

    /** The cone's constant n, for a check against IGN's published value. */
    static double exponent() {
        return N;
    }

    private static double m(double phi) {
        double s = E * Math.sin(phi);
        return Math.cos(phi) / Math.sqrt(1 - s * s);
    }

    private static double t(double phi) {
        double s = E * Math.sin(phi);
        return Math.tan(Math.PI / 4 - phi / 2) / Math.pow((1 - s) / (1 + s), E / 2);
    }
}
