package fr.ecole.lending.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which blocks of a page ReadmeIT runs. */
class DocPagesTest {
    @Test
    void runsShBlocksAndLeavesOutManualOnesAndOthers() {
        List<DocPages.Block> blocks = DocPages.shellBlocks("docs/x.md", List.of(
                "```sh", "curl one", "```",
                "```sh manual", "java -jar bench.jar", "```",
                "```", "output", "```",
                "- a list item", "  ```sh", "  curl two", "  ```",
                "```json", "{}", "```"));
        assertThat(blocks).extracting(DocPages.Block::script).containsExactly("curl one\n", "  curl two\n");
        assertThat(blocks).extracting(DocPages.Block::name).containsExactly("docs/x.md block 1", "docs/x.md block 2");
    }

    @Test
    void anotherShellFenceIsRefusedRatherThanSkipped() {
        assertThatThrownBy(() -> DocPages.shellBlocks("docs/x.md", List.of("text", "```bash", "curl", "```")))
                .hasMessageContaining("docs/x.md:2").hasMessageContaining("```sh manual");
        assertThatThrownBy(() -> DocPages.shellBlocks("docs/x.md", List.of("```shell", "curl", "```")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theReadmeAndEveryPageOfTheOrderAreRead() {
        assertThat(DocPages.pages()).startsWith(DocPages.ORDER.toArray(String[]::new))
                .contains("docs/operations.md", "docs/performance.md").doesNotHaveDuplicates();
        assertThat(DocPages.runnableBlocks()).noneMatch(block -> block.script().contains("mvn -B verify"));
    }
}
