package fr.ecole.lending.readme;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * README.md and docs/*.md as the tests read them: their pages, their shell blocks, their links. A
 * {@code ```sh} block runs, but the README's first two (the commands that build and test); a
 * {@code ```sh manual} block is one a reader runs by hand (the benchmark, a backup) and is left out;
 * any other shell fence is an error, so that no example is left out by mistake.
 */
final class DocPages {
    /** The repository's root; tests run from the service module's folder. */
    static final Path ROOT = Path.of("..");
    /**
     * The pages whose examples build on one another, in the order they run against one demo service:
     * the README's agreement is the one after the demo's four, the erasure finds family 1 with devices out and
     * family 4 with none. The other pages run after these, by name.
     */
    static final List<String> ORDER = List.of("README.md", "docs/desk.md", "docs/reports.md", "docs/diagnostics.md",
            "docs/labels.md", "docs/roles.md", "docs/family-rights.md");
    private static final Set<String> OTHER_SHELLS = Set.of("bash", "shell", "console", "zsh", "shell-session");

    record Block(String page, int number, String script) {
        String name() {
            return page + " block " + number;
        }
    }

    private DocPages() {
    }

    /** README.md, then docs/*.md in {@link #ORDER}, then the other pages by name. */
    static List<String> pages() {
        List<String> pages = new ArrayList<>(ORDER);
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.map(path -> "docs/" + path.getFileName()).filter(name -> name.endsWith(".md"))
                    .filter(name -> !pages.contains(name)).sorted().forEach(pages::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pages;
    }

    static List<String> lines(String page) {
        try {
            return Files.readAllLines(ROOT.resolve(page), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Block> runnableBlocks() {
        List<Block> blocks = new ArrayList<>();
        for (String page : pages()) {
            List<Block> ofPage = shellBlocks(page, lines(page));
            // the README's first two blocks build the service and run the suite: the test is inside them
            blocks.addAll(page.equals("README.md") ? ofPage.subList(Math.min(2, ofPage.size()), ofPage.size()) : ofPage);
        }
        return blocks;
    }

    /** The page's {@code ```sh} blocks, numbered from 1 among them. */
    static List<Block> shellBlocks(String page, List<String> lines) {
        List<Block> blocks = new ArrayList<>();
        StringBuilder block = null;
        String fence = null;
        boolean runs = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (fence == null && line.startsWith("```")) {
                fence = line.substring(0, line.length() - line.replaceFirst("^`+", "").length());
                String info = line.substring(fence.length()).strip();
                runs = info.equals("sh");
                if (!runs && !info.equals("sh manual")
                        && (OTHER_SHELLS.contains(info.split("\\s+")[0]) || info.startsWith("sh"))) {
                    throw new IllegalStateException(page + ":" + (i + 1) + ": a shell block is fenced ```sh (the tests run it)"
                            + " or ```sh manual (a reader runs it by hand), not ```" + info);
                }
                block = new StringBuilder();
            } else if (fence != null && line.equals(fence)) {
                if (runs) {
                    blocks.add(new Block(page, blocks.size() + 1, block.toString()));
                }
                fence = null;
            } else if (fence != null) {
                block.append(lines.get(i)).append('\n');
            }
        }
        return blocks;
    }
}
