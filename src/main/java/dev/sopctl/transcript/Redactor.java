package dev.sopctl.transcript;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Replaces secret values by {@code ***} wherever they appear (DESIGN.md §6): redaction is by
 * value, so a secret is hidden in a command line, an output line or an error message alike.
 *
 * <p>Each secret is hidden in every form it takes when printed: the value itself; its shell-quoted
 * form (each {@code '} written as {@code '\''}, as templating does); its JSON-escaped form (quotes,
 * backslashes, control characters) and that of the shell-quoted form; and, for a value of several
 * lines, each line of at least {@link #MIN_LENGTH} characters on its own (remote output arrives line
 * by line). Longer forms are replaced first, so a secret that contains another is hidden whole.
 * Immutable and thread-safe.
 *
 * <p>Redaction by value hides every occurrence of the value, also inside ordinary words; that is why
 * secrets shorter than {@link #MIN_LENGTH} are refused where they are resolved
 * ({@code SecretRef.redactable}).
 *
 * <pre>{@code
 * Redactor redactor = new Redactor(List.of(dbPassword));
 * String safe = redactor.redact("mysqldump -p" + dbPassword);   // "mysqldump -p***"
 * }</pre>
 */
public final class Redactor {
    /** The text written instead of a secret. */
    public static final String MASK = "***";
    /** Redacts nothing. */
    public static final Redactor NONE = new Redactor(List.of());

    /**
     * The shortest secret sopctl accepts (and the shortest line of a multi-line secret hidden on its
     * own): a shorter value would be found inside ordinary words ({@code op***rator}).
     */
    public static final int MIN_LENGTH = 6;

    private final Pattern pattern; // null when there is nothing to redact

    /** @param secrets secret values; nulls and empty strings are ignored, duplicates are harmless */
    public Redactor(Collection<String> secrets) {
        List<String> values = secrets.stream()
                .filter(Objects::nonNull)
                .filter(s -> !s.isEmpty())
                .flatMap(Redactor::forms)
                .distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
        // regex alternation tries alternatives in order, so longest-first wins at each position
        this.pattern = values.isEmpty()
                ? null
                : Pattern.compile(values.stream().map(Pattern::quote).collect(Collectors.joining("|")));
    }

    /** Every form of {@code secret} that may be printed (see the class comment). */
    static Stream<String> forms(String secret) {
        String shellQuoted = secret.replace("'", "'\\''");
        Stream<String> lines = secret.lines().count() > 1
                ? secret.lines().filter(line -> line.length() >= MIN_LENGTH).flatMap(line -> Stream.of(line, json(line)))
                : Stream.empty();
        return Stream.concat(Stream.of(secret, shellQuoted, json(secret), json(shellQuoted)), lines);
    }

    private static String json(String text) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(text));
    }

    /** @return the text with every secret value replaced by {@code ***}; null stays null */
    public String redact(String text) {
        if (text == null || pattern == null) {
            return text;
        }
        return pattern.matcher(text).replaceAll(Matcher.quoteReplacement(MASK));
    }

    /**
     * Redacts strings inside maps and lists, recursively, into new maps (insertion order kept)
     * and lists. Map keys are redacted too. Other values (numbers, booleans, null) are returned
     * as they are.
     */
    public Object redactDeep(Object value) {
        if (value instanceof String s) {
            return redact(s);
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(redactDeep(k), redactDeep(v)));
            return copy;
        }
        if (value instanceof Collection<?> list) {
            return list.stream().map(this::redactDeep).collect(Collectors.toList());
        }
        return value;
    }

    /** Whether this redactor has any secret to hide. */
    public boolean isEmpty() {
        return pattern == null;
    }
}
