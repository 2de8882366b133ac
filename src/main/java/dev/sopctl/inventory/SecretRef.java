package dev.sopctl.inventory;

import dev.sopctl.yaml.Location;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A secret by reference: an environment variable name or a file path, never the value itself.
 * Exactly one of {@code env} and {@code file} is set.
 */
public record SecretRef(String name, String env, String file, Location location) {
    public SecretRef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
        if ((env == null) == (file == null)) {
            throw new IllegalArgumentException("secret " + name + ": exactly one of env and file");
        }
    }

    /** Where the value comes from, for messages: {@code env PVDI_DB_PASSWORD} or {@code file /etc/...}. */
    public String source() {
        return env != null ? "environment variable " + env : "file " + file;
    }

    /** The shortest value accepted; equal to the redactor's {@code MIN_LENGTH}. */
    public static final int MIN_LENGTH = 6;

    /**
     * The value as {@link #resolve} gives it, refused when it is too short to be hidden by value
     * (redaction would hide it inside ordinary words and would not hide it reliably).
     *
     * @throws IllegalArgumentException naming the secret and its source when the value is shorter than {@link #MIN_LENGTH}
     */
    public Optional<String> redactable(Map<String, String> environment) {
        Optional<String> value = resolve(environment);
        value.ifPresent(v -> {
            if (v.length() < MIN_LENGTH) {
                throw new IllegalArgumentException("secret '" + name + "' (" + source() + ") is " + v.length()
                        + " character" + (v.length() == 1 ? "" : "s") + " long; sopctl needs secrets of at least "
                        + MIN_LENGTH + " characters, because it hides them by value wherever they appear and a"
                        + " shorter one would be hidden inside ordinary words");
            }
        });
        return value;
    }

    /** The value, or empty when the variable is unset or the file unreadable; a file's trailing newline is dropped. */
    public Optional<String> resolve(Map<String, String> environment) {
        if (env != null) {
            return Optional.ofNullable(environment.get(env)).filter(v -> !v.isEmpty());
        }
        try {
            String text = Files.readString(Path.of(HomePaths.expandHome(file)));
            return Optional.of(text.endsWith("\n") ? text.substring(0, text.length() - 1) : text)
                    .filter(v -> !v.isEmpty());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
