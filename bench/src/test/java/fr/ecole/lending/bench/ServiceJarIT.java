package fr.ecole.lending.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The benchmark lives in its own jar: the service's jar, as operators deploy it, carries none of it,
 * and the bench's jar carries both, so that it can start the service it measures. Run once, on the
 * SQLite run: the jars do not depend on the engine.
 */
@Tag("sqlite-only")
class ServiceJarIT {
    /** The service's shaded jar, packaged before this module in the same build; tests run from bench/. */
    static final Path SERVICE_JAR = Path.of("..", "service", "target", "service.jar");

    static List<String> entries(Path jar) throws Exception {
        assertThat(jar).as("%s is built by the package phase: run mvn verify from the project's root",
                jar.toAbsolutePath().normalize()).isRegularFile();
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(ZipEntry::getName).toList();
        }
    }

    @Test
    void theServiceJarHoldsNoBenchClass() throws Exception {
        List<String> service = entries(SERVICE_JAR);

        assertThat(service).contains("fr/ecole/lending/app/LendingApplication.class")
                .noneMatch(name -> name.startsWith("fr/ecole/lending/bench/"));
        // nor the library only the bench's label baseline needs
        assertThat(service).noneMatch(name -> name.startsWith("com/google/zxing/client/j2se/"));
    }

    @Test
    void theBenchJarHoldsTheBenchAndTheServiceItStarts() throws Exception {
        assertThat(entries(BenchOnPostgresqlIT.JAR)).contains("fr/ecole/lending/bench/BenchMain.class",
                "fr/ecole/lending/bench/BareApplication.class", "fr/ecole/lending/app/LendingApplication.class");
        assertThat(Files.size(BenchOnPostgresqlIT.JAR)).isGreaterThan(Files.size(SERVICE_JAR));
    }
}
