package fr.ecole.lending.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SqlObjectsTest {
    private static final Pattern DAO = Pattern.compile("^public interface (\\w+Dao)\\b", Pattern.MULTILINE);

    /** A DAO missing from the list still works, but rebuilds its metadata in every transaction. */
    @Test
    void everySqlObjectIsPreparedOnce() throws IOException {
        List<String> declared;
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
            declared = files.filter(file -> file.toString().endsWith("Dao.java")).flatMap(file -> {
                try {
                    Matcher matcher = DAO.matcher(Files.readString(file));
                    return matcher.find() ? Stream.of(matcher.group(1)) : Stream.empty();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
        assertThat(declared).hasSizeGreaterThan(10);
        assertThat(SqlObjects.ALL).extracting(Class::getSimpleName).containsExactlyInAnyOrderElementsOf(declared);
    }
}
