package fr.ecole.lending.readme;

import static org.assertj.core.api.Assertions.assertThat;

import fr.ecole.lending.app.LendingApplication;
import fr.ecole.lending.app.LendingConfiguration;
import fr.ecole.lending.support.ChildService;
import fr.ecole.lending.support.TestApp;
import fr.ecole.lending.support.TestEngine;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The walk-throughs of the README and of every docs/ page, run as a newcomer would run them (bash and
 * curl) against one demo service: every call must reach an endpoint that exists and none may fail on
 * the server's side. The refusals the pages show on purpose (409, 403, 404 for a record out of scope)
 * are fine. The commands a page runs on the service's jar ({@code purge}) reach the same database, as
 * they would on the operator's machine. Which blocks run, and in what order: {@link DocPages}.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ReadmeIT {
    static final Path FOLDER = TestApp.newFolder();
    static final DropwizardAppExtension<LendingConfiguration> APP = new DropwizardAppExtension<>(
            LendingApplication.class, TestApp.CONFIG, TestApp.overrides(FOLDER, "demoData", "true",
            "adminToken", "demo-admin-token"));

    @Test
    void everyWalkThroughOfTheReadmeAndTheDocsRunsAgainstTheDemo() throws Exception {
        Path work = Files.createDirectories(FOLDER.resolve("readme"));
        // the walk-throughs read fixtures/ from the repository's root, as a newcomer's would
        Files.createSymbolicLink(work.resolve("fixtures"), DocPages.ROOT.resolve("fixtures").toAbsolutePath().normalize());
        // and run the service's commands as java -jar service/target/service.jar <command> config.yml
        Files.createSymbolicLink(work.resolve("config.yml"), Path.of(TestApp.CONFIG));
        Files.createSymbolicLink(Files.createDirectories(work.resolve("service/target")).resolve("service.jar"),
                ChildService.JAR.toAbsolutePath());
        String base = "http://localhost:" + APP.getLocalPort();
        List<DocPages.Block> blocks = DocPages.runnableBlocks();
        for (DocPages.Block block : blocks) {
            String script = "set -eu\n" + block.script().replace("http://localhost:8080", base);
            Path file = work.resolve(block.name().replaceAll("[^A-Za-z0-9]+", "-") + ".sh");
            Files.writeString(file, script);
            Path log = work.resolve(file.getFileName() + ".out");
            // the output goes to a file, so that waiting for the block is bounded whatever it prints
            ProcessBuilder builder = new ProcessBuilder("bash", file.toString()).directory(work.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            commandsOnTheDemosDatabase(builder.environment());
            Process bash = builder.start();
            boolean ended = bash.waitFor(60, TimeUnit.SECONDS);
            if (!ended) {
                bash.destroyForcibly();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(ended).as("%s ends within a minute:%n%s", block.name(), output).isTrue();
            assertThat(bash.exitValue()).as("%s exits cleanly:%n%s", block.name(), output).isZero();
            assertThat(output).as("%s:%n%s", block.name(), output)
                    .doesNotContain("\"error\":\"internal_error\"", "\"error\":\"not_found\"",
                            "\"error\":\"unauthorized\"", "\"error\":\"method_not_allowed\"",
                            "\"error\":\"unsupported_media_type\"", "\"error\":\"malformed_json\"");
        }
        // every page of the fixed order still has examples, and the labels' walk-through printed its sheet
        for (String page : DocPages.ORDER) {
            assertThat(blocks).as("examples of %s", page).anyMatch(block -> block.page().equals(page));
        }
        assertThat(work.resolve("etiquettes.pdf")).isNotEmptyFile();
    }

    /** The environment config.yml reads, pointing at the demo's database; the JVMs it starts made light. */
    private static void commandsOnTheDemosDatabase(Map<String, String> environment) {
        environment.keySet().removeIf(name -> name.startsWith("LENDING_"));
        Map<String, String> names = Map.of("database.url", "LENDING_DATABASE_URL",
                "database.driverClass", "LENDING_DATABASE_DRIVER", "database.user", "LENDING_DATABASE_USER");
        TestEngine.settings(FOLDER).forEach((setting, value) -> environment.put(names.get(setting), value));
        environment.put("LENDING_SECRET_FILE", FOLDER.resolve("lending.secret").toString());
        environment.put("LENDING_ADMIN_PORT", "0");
        environment.put("LENDING_PORT", "0");
        environment.put("JAVA_TOOL_OPTIONS", "-Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
    }
}
