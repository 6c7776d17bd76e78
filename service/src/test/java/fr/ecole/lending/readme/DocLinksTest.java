package fr.ecole.lending.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every relative link of README.md and docs/*.md leads to a file of the repository, and to a heading of it when it names one. */
class DocLinksTest {
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");

    @Test
    void everyRelativeLinkResolves() {
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (String page : DocPages.pages()) {
            for (String target : links(DocPages.lines(page))) {
                if (target.matches("^[a-z]+:.*")) {
                    continue; // https:, mailto: and the like lead outside the repository
                }
                checked++;
                String problem = problem(page, target);
                if (problem != null) {
                    broken.add(page + ": (" + target + ") " + problem);
                }
            }
        }
        assertThat(broken).as("broken links").isEmpty();
        assertThat(checked).isGreaterThan(20);
    }

    @Test
    void aMissingFileOrHeadingIsCaught() {
        assertThat(problem("README.md", "docs/no-such-page.md")).contains("no such file");
        assertThat(problem("docs/security.md", "operations.md#no-such-heading")).contains("no heading");
        assertThat(problem("docs/security.md", "operations.md#security")).isNull();
        assertThat(problem("README.md", "fixtures/README.md")).isNull();
    }

    @Test
    void headingsAreAnchoredAsGitHubDoes() {
        assertThat(anchors(List.of("## What an attacker's test found, and the test", "### SQLite: `backup`",
                "## Erasure and retention", "## Erasure and retention", "```", "# not a heading", "```")))
                .containsExactlyInAnyOrder("what-an-attackers-test-found-and-the-test", "sqlite-backup",
                        "erasure-and-retention", "erasure-and-retention-1");
    }

    /** Why the link does not resolve, or null when it does. */
    private static String problem(String page, String target) {
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path path = file.isEmpty() ? DocPages.ROOT.resolve(page) : DocPages.ROOT.resolve(page).resolveSibling(file);
        if (!Files.exists(path)) {
            return "no such file";
        }
        if (anchor == null) {
            return null;
        }
        String relative = DocPages.ROOT.toAbsolutePath().normalize().relativize(path.toAbsolutePath().normalize()).toString();
        return anchors(DocPages.lines(relative)).contains(anchor) ? null : "no heading of that anchor";
    }

    /** The link targets of a page, outside its code blocks. */
    private static List<String> links(List<String> lines) {
        List<String> targets = new ArrayList<>();
        boolean code = false;
        for (String line : lines) {
            if (line.strip().startsWith("```")) {
                code = !code;
            } else if (!code) {
                Matcher link = LINK.matcher(line.replaceAll("`[^`]*`", ""));
                while (link.find()) {
                    targets.add(link.group(1));
                }
            }
        }
        return targets;
    }

    /** The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces to dashes, repeats numbered. */
    static Set<String> anchors(List<String> lines) {
        Map<String, Integer> seen = new HashMap<>();
        List<String> anchors = new ArrayList<>();
        boolean code = false;
        for (String line : lines) {
            if (line.strip().startsWith("```")) {
                code = !code;
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (code || !heading.matches()) {
                continue;
            }
            String slug = heading.group(1).toLowerCase().replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
            int n = seen.merge(slug, 1, Integer::sum);
            anchors.add(n == 1 ? slug : slug + "-" + (n - 1));
        }
        return anchors.stream().collect(Collectors.toSet());
    }
}
