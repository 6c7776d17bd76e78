package fr.ecole.lending.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package graph as it is, written to {@code target/package-graph.txt} for docs/architecture.md
 * and for a reviewer ({@code mvn -B -pl labels,service test -Dtest=PackageGraphTest}), and the size
 * of the main source files, which stay short enough to read whole.
 */
class PackageGraphTest {
    private static final String ROOT = "fr.ecole.lending.";
    private static final int MAX_LINES = 400;

    @Test
    void writesThePackageGraph() throws IOException {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("fr.ecole.lending");
        Map<String, Set<String>> graph = new TreeMap<>();
        for (JavaClass type : classes) {
            String from = feature(type);
            Set<String> targets = graph.computeIfAbsent(from, k -> new TreeSet<>());
            for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
                String to = feature(dependency.getTargetClass());
                if (to != null && !to.equals(from)) {
                    targets.add(to);
                }
            }
        }
        List<String> lines = new ArrayList<>();
        graph.forEach((from, targets) -> lines.add(from + " -> " + String.join(" ", targets)));
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "package-graph.txt"), lines);
        assertThat(graph).containsKeys("app", "agreements", "care", "db", "geography", "http", "labels");
        assertThat(graph.get("db")).containsOnly("http");
    }

    @Test
    void noMainSourceFileIsLongerThanItCanBeReadWhole() throws IOException {
        List<String> tooLong = new ArrayList<>();
        for (Path folder : List.of(Path.of("src", "main", "java"), Path.of("..", "labels", "src", "main", "java"),
                Path.of("..", "bench", "src", "main", "java"))) {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                    long count = Files.readAllLines(file).size();
                    if (count > MAX_LINES) {
                        tooLong.add(file + " (" + count + " lines)");
                    }
                }
            }
        }
        assertThat(tooLong).as("main source files over %d lines", MAX_LINES).isEmpty();
    }

    /** The project's package a class is in ({@code agreements}, {@code app}, …), or null outside the project. */
    private static String feature(JavaClass type) {
        String name = type.getPackageName();
        if (!name.startsWith(ROOT)) {
            return null;
        }
        String rest = name.substring(ROOT.length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
