package fr.ecole.lending.reports;

import com.opencsv.CSVParserBuilder;
import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.exceptions.CsvException;
import fr.ecole.lending.establishments.PriorityEducation;
import fr.ecole.lending.support.Api;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A synthetic Ille-et-Vilaine for measuring the reports: its households are made from the real pupil
 * counts of {@code fixtures/territory} (source: ministère de l'Éducation nationale, Licence Ouverte 2.0;
 * see its SOURCE.md) and written by plain batched JDBC into a service's database, once the service has
 * migrated it and imported the directory and the carte scolaire.
 *
 * <ul>
 *   <li>Each school's pupils (its latest count) live: for an école, in its commune; for a public collège,
 *       in the communes of its catchment; for any other collège, a lycée or an EREA, in the catchments of
 *       the public collèges of its commune (where that town recruits), or in its commune when it has
 *       none. A commune gets its share in proportion to its écoles' pupils (shared equally between the
 *       collèges of a split commune): the communes without an école of their own (their children go to a
 *       neighbour's) get no households.</li>
 *   <li>Each commune's pupils, shuffled, make households of one, two or three pupils (half, a third, a
 *       sixth): siblings attend any of the commune's schools, so that the finest groups (a commune's
 *       households whose pupils attend the same schools) are as varied as a real territory's.</li>
 *   <li>About 8 % of households are diagnosed, with answers drawn so that every column varies (4G
 *       coverage mostly that of the commune, so that white zones cluster as they do), decided by the
 *       service's own criteria; two in five of the eligible have a laptop on loan. Households never
 *       diagnosed count in no report, and are not written.</li>
 * </ul>
 * The seed makes the households the same every run; the record keys are the database's, random per
 * record as for every row the service writes.
 */
final class SyntheticDepartement {
    static final long SEED = 20_261_203L;
    static final double DIAGNOSED = 0.08;

    /** A diagnosed household: its commune, its schools (UAIs in order, space separated), and 0 or 1 per report figure. */
    record Household(long id, String commune, String schools, Map<String, Long> figures) {
    }

    /**
     * What was written: the seed, the pupils placed, every household made and the diagnosed ones, and which
     * collèges serve each commune (the imported carte scolaire).
     */
    record Written(long seed, long pupils, long households, List<Household> diagnosed,
                   Map<String, Set<String>> collegesServing) {
    }

    /** An establishment of the directory: its type, its commune, its priority-education status. */
    record School(String type, String commune, PriorityEducation priority) {
    }

    private final long seed;
    private final SplittableRandom random;
    private final Instant now;

    SyntheticDepartement(long seed, Instant now) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
        this.now = now;
    }

    Written write(Connection connection) throws SQLException {
        Map<String, School> schools = schools(connection);
        Map<String, Set<String>> serving = collegesServing(connection);
        Map<String, Long> pupils = latestCounts("fr-en-ecoles-effectifs-nb_classes.csv", "Numéro de l'école",
                "Rentrée scolaire", "Nombre total d'élèves");
        pupils.putAll(latestCounts("fr-en-effectifs-second-degre.csv", "Numero_d_etablissement", "Annee_scolaire",
                "Nombre_d_eleves"));
        pupils.keySet().retainAll(schools.keySet());
        Map<String, List<String>> seats = seats(schools, serving, pupils);
        Map<String, String> coverage = new TreeMap<>();
        for (String commune : seats.keySet()) {
            coverage.put(commune, pick(random, new String[] {"NONE", "LIMITED", "GOOD", "VERY_GOOD"}, 5, 20, 50, 25));
        }

        connection.setAutoCommit(false);
        SyntheticHouseholds writer = new SyntheticHouseholds(connection, schools, random, now);
        long placed = 0;
        long households = 0;
        List<Household> diagnosed = new ArrayList<>();
        for (Map.Entry<String, List<String>> commune : seats.entrySet()) {
            List<String> left = commune.getValue();
            shuffle(left);
            placed += left.size();
            for (int start = 0; start < left.size(); ) {
                int size = Math.min(left.size() - start, pick(random, new Integer[] {1, 2, 3}, 3, 2, 1));
                List<String> household = left.subList(start, start + size);
                start += size;
                households++;
                if (random.nextDouble() < DIAGNOSED) {
                    diagnosed.add(writer.household(commune.getKey(), household, coverage.get(commune.getKey())));
                }
            }
        }
        writer.finish();
        connection.commit();
        connection.setAutoCommit(true);
        return new Written(seed, placed, households, diagnosed, serving);
    }

    /**
     * The pupils of each commune, as the UAIs of their schools: an école's in its commune, a collège's or
     * lycée's spread over where it recruits (see above).
     */
    private Map<String, List<String>> seats(Map<String, School> schools, Map<String, Set<String>> serving,
                                            Map<String, Long> pupils) {
        Map<String, Long> primary = new TreeMap<>();
        Map<String, Map<String, Double>> catchment = new TreeMap<>();
        for (Map.Entry<String, Long> school : new TreeMap<>(pupils).entrySet()) {
            if (schools.get(school.getKey()).type().equals("ECOLE")) {
                primary.merge(schools.get(school.getKey()).commune(), school.getValue(), Long::sum);
            }
        }
        serving.forEach((commune, colleges) -> colleges.forEach(college -> catchment.computeIfAbsent(college,
                k -> new TreeMap<>()).merge(commune, primary.getOrDefault(commune, 0L) / (double) colleges.size(),
                Double::sum)));
        Map<String, List<String>> seats = new TreeMap<>();
        for (Map.Entry<String, Long> school : new TreeMap<>(pupils).entrySet()) {
            String uai = school.getKey();
            School where = schools.get(uai);
            Map<String, Double> area = new TreeMap<>();
            if (where.type().equals("ECOLE")) {
                area.put(where.commune(), 1.0);
            } else if (catchment.containsKey(uai)) {
                area.putAll(catchment.get(uai));
            } else {
                catchment.forEach((college, communes) -> {
                    if (schools.containsKey(college) && schools.get(college).commune().equals(where.commune())) {
                        communes.forEach((commune, weight) -> area.merge(commune, weight, Double::sum));
                    }
                });
            }
            area.values().removeIf(weight -> weight <= 0);
            if (area.isEmpty()) {
                area.put(where.commune(), 1.0);
            }
            String[] communes = area.keySet().toArray(String[]::new);
            double[] upTo = new double[communes.length];
            double sum = 0;
            for (int i = 0; i < communes.length; i++) {
                sum += area.get(communes[i]);
                upTo[i] = sum;
            }
            for (long p = 0; p < school.getValue(); p++) {
                int at = Arrays.binarySearch(upTo, random.nextDouble() * sum);
                String commune = communes[Math.min(at < 0 ? -at - 1 : at, communes.length - 1)];
                seats.computeIfAbsent(commune, k -> new ArrayList<>()).add(uai);
            }
        }
        return seats;
    }

    /** One of {@code values}, each as likely as its weight. */
    static <T> T pick(SplittableRandom random, T[] values, int... weights) {
        int draw = random.nextInt(Arrays.stream(weights).sum());
        for (int i = 0; i < values.length; i++) {
            draw -= weights[i];
            if (draw < 0) {
                return values[i];
            }
        }
        throw new IllegalStateException("weights");
    }

    private void shuffle(List<String> list) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            list.set(j, list.set(i, list.get(j)));
        }
    }

    /** The directory's schools, as the service imported it. */
    private static Map<String, School> schools(Connection connection) throws SQLException {
        Map<String, School> schools = new TreeMap<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(
                "SELECT uai, type, commune_insee, priority_education FROM establishments")) {
            while (rows.next()) {
                schools.put(rows.getString(1), new School(rows.getString(2), rows.getString(3),
                        PriorityEducation.valueOf(rows.getString(4))));
            }
        }
        return schools;
    }

    /** Which public collèges serve each commune, in the carte scolaire the service imported. */
    private static Map<String, Set<String>> collegesServing(Connection connection) throws SQLException {
        Map<String, Set<String>> serving = new TreeMap<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(
                "SELECT DISTINCT commune_insee, uai FROM catchments")) {
            while (rows.next()) {
                serving.computeIfAbsent(rows.getString(1), k -> new TreeSet<>()).add(rows.getString(2));
            }
        }
        return serving;
    }

    /** Each establishment's pupils in the latest school year of a ministry's file. */
    private static Map<String, Long> latestCounts(String file, String uaiColumn, String yearColumn, String pupilsColumn) {
        String text = new String(Api.resource("/fixtures/territory/" + file), StandardCharsets.UTF_8).replace("\uFEFF", "");
        Map<String, String> years = new TreeMap<>();
        Map<String, Long> pupils = new TreeMap<>();
        try (CSVReader reader = new CSVReaderBuilder(new StringReader(text))
                .withCSVParser(new CSVParserBuilder().withSeparator(';').build()).build()) {
            List<String[]> lines = reader.readAll();
            List<String> header = List.of(lines.get(0));
            int uai = header.indexOf(uaiColumn);
            int year = header.indexOf(yearColumn);
            int count = header.indexOf(pupilsColumn);
            for (String[] line : lines.subList(1, lines.size())) {
                if (years.getOrDefault(line[uai], "").compareTo(line[year]) < 0) {
                    years.put(line[uai], line[year]);
                    pupils.put(line[uai], Long.parseLong(line[count].strip()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (CsvException e) {
            throw new IllegalStateException(file, e);
        }
        return pupils;
    }
}
