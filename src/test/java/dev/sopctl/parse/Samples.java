package dev.sopctl.parse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the sample outputs under {@code src/test/resources/parse/}. */
final class Samples {
    private Samples() {}

    static String read(String name) {
        try (InputStream in = Samples.class.getResourceAsStream("/parse/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource /parse/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
