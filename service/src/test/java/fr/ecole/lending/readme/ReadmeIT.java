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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The README's walk-throughs, run as a newcomer would run them (bash and curl) against the demo:
 * every call must reach an endpoint that exists and none may fail on the server's side. The
 * refusals the README shows on purpose (409, 403, 404 for a record out of scope) are fine.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ReadmeIT {
    static final Path FOLDER = TestApp.newFolder();
    static final DropwizardAppExtension<LendingConfiguration> APP = new DropwizardAppExtension<>(
            LendingApplication.class, TestApp.CONFIG, TestApp.overrides(FOLDER, "demoData", "true",
            "adminToken", "demo-admin-token"));

    /**
     * The README's ```sh blocks but the first two (the build-and-run and the test commands); the
     * ```bash blocks are the project's tools (the benchmark), run from the checkout, not against the demo.
     */
    static List<String> walkThroughs() throws Exception {
        List<String> blocks = new ArrayList<>();
        StringBuilder block = null;
        for (String line : Files.readAllLines(Path.of("..", "README.md"), StandardCharsets.UTF_8)) {
            if (line.equals("```sh")) {
                block = new StringBuilder();
            } else if (line.equals("```") && block != null) {
                blocks.add(block.toString());
                block = null;
            } else if (block != null) {
                block.append(line).append('\n');
            }
        }
        assertThat(blocks.size()).isGreaterThan(3);
        return blocks.subList(2, blocks.size());
    }

    @Test
    void everyWalkThroughOfTheReadmeRunsAgainstTheDemo() throws Exception {
        Path work = Files.createDirectories(FOLDER.resolve("readme"));
        // the walk-throughs read fixtures/ from the repository's root, as a newcomer's would
        Files.createSymbolicLink(work.resolve("fixtures"), Path.of("..", "fixtures").toAbsolutePath().normalize());
        String base = "http://localhost:" + APP.getLocalPort();
        int n = 0;
        for (String block : walkThroughs()) {
            String script = "set -u\n" + block.replace("http://localhost:8080", base);
            Path file = work.resolve("block-" + (++n) + ".sh");
            Files.writeString(file, script);
            Process bash = new ProcessBuilder("bash", file.toString()).directory(work.toFile()).redirectErrorStream(true)
                    .start();
            String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(bash.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(bash.exitValue()).as("block %d exits cleanly:%n%s", n, output).isZero();
            assertThat(output).as("block %d:%n%s", n, output)
                    .doesNotContain("\"error\":\"internal_error\"", "\"error\":\"not_found\"",
                            "\"error\":\"unauthorized\"", "\"error\":\"method_not_allowed\"",
                            "\"error\":\"unsupported_media_type\"", "\"error\":\"malformed_json\"");
        }
        assertThat(n).isGreaterThanOrEqualTo(4);
        assertThat(work.resolve("etiquettes.pdf")).isNotEmptyFile();
    }
}
