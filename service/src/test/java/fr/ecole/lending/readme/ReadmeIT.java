package fr.ecole.lending.readme;

import static org.assertj.core.api.Assertions.assertThat;

import fr.ecole.lending.LendingApplication;
import fr.ecole.lending.LendingConfiguration;
import fr.ecole.lending.support.TestApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The walk-throughs of the README and of every docs/ page, run as a newcomer would run them (bash and
 * curl) against one demo service: every call must reach an endpoint that exists and none may fail on
 * the server's side. The refusals the pages show on purpose (409, 403, 404 for a record out of scope)
 * are fine. Which blocks run, and in what order: {@link DocPages}.
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
        String base = "http://localhost:" + APP.getLocalPort();
        List<DocPages.Block> blocks = DocPages.runnableBlocks();
        for (DocPages.Block block : blocks) {
            String script = "set -u\n" + block.script().replace("http://localhost:8080", base);
            Path file = work.resolve(block.name().replaceAll("[^A-Za-z0-9]+", "-") + ".sh");
            Files.writeString(file, script);
            Process bash = new ProcessBuilder("bash", file.toString()).directory(work.toFile()).redirectErrorStream(true)
                    .start();
            String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(bash.waitFor(60, TimeUnit.SECONDS)).as("%s ends within a minute", block.name()).isTrue();
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
}
