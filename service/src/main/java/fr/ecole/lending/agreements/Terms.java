package fr.ecole.lending.agreements;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The terms of an agreement, in versions: {@code terms-<n>.txt} files, the highest number in force.
 * They come from the configured folder, or from fixtures/terms packed into the service. An agreement
 * keeps the version it was made with, so every version stays readable.
 */
public final class Terms {
    private static final Pattern FILE = Pattern.compile("terms-(\\d+)\\.txt");
    private static final String BUILT_IN = "/fixtures/terms/";
    private final Path folder;
    /** The highest version packed into the service: those never change while it runs. */
    private final int builtIn;

    /** {@code folder} empty: the terms packed into the service. */
    public Terms(String folder) {
        this.folder = folder == null || folder.isBlank() ? null : Path.of(folder);
        int highest = 0;
        while (this.folder == null && Terms.class.getResource(BUILT_IN + "terms-" + (highest + 1) + ".txt") != null) {
            highest++;
        }
        this.builtIn = highest;
    }

    /**
     * The version in force now. A folder is listed again each time, so that terms published there
     * apply at once; the packed terms are known from the start.
     */
    public String current() {
        int highest = builtIn;
        if (folder != null) {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Matcher name = FILE.matcher(file.getFileName().toString());
                    if (name.matches()) {
                        highest = Math.max(highest, Integer.parseInt(name.group(1)));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list the terms folder " + folder, e);
            }
        }
        if (highest == 0) {
            throw new IllegalStateException("no terms-<n>.txt in " + (folder == null ? "fixtures/terms" : folder));
        }
        return String.valueOf(highest);
    }

    /** The text of a version: lines, "# " starting a heading. */
    public String text(String version) {
        String name = "terms-" + version + ".txt";
        try {
            if (folder != null) {
                return Files.readString(folder.resolve(name), StandardCharsets.UTF_8);
            }
            try (InputStream in = Terms.class.getResourceAsStream(BUILT_IN + name)) {
                if (in == null) {
                    throw new IllegalStateException("terms version " + version + " is missing");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read terms version " + version, e);
        }
    }
}
