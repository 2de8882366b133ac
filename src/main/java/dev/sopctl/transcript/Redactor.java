package dev.sopctl.transcript;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Replaces secret values by {@code ***} wherever they appear (DESIGN.md §6): redaction is by
 * value, so a secret is hidden in a command line, an output line or an error message alike.
 *
 * <p>Longer secrets are replaced first, so a secret that contains another is hidden whole.
 * Only the literal value is matched: when a secret is templated into a command in a quoted or
 * escaped form, add that form to the collection too. Immutable and thread-safe.
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

    private final Pattern pattern; // null when there is nothing to redact

    /** @param secrets secret values; nulls and empty strings are ignored, duplicates are harmless */
    public Redactor(Collection<String> secrets) {
        List<String> values = secrets.stream()
                .filter(Objects::nonNull)
                .filter(s -> !s.isEmpty())
                .distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
        // regex alternation tries alternatives in order, so longest-first wins at each position
        this.pattern = values.isEmpty()
                ? null
                : Pattern.compile(values.stream().map(Pattern::quote).collect(Collectors.joining("|")));
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
