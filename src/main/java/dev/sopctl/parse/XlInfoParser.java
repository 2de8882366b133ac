package dev.sopctl.parse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code xl-info}: the output of Xen's {@code xl info} (formats/README.md §1.2), one
 * {@code key<spaces>: value} per line.
 *
 * <p>Result: every key mapped to its value as a String (stripped; an empty value is {@code ""}),
 * in output order, except {@code total_memory} and {@code free_memory}, which are Longs (MiB) when
 * present. Unknown keys are kept; lines without the {@code key : value} shape (the tables of
 * {@code xl info -n}) are ignored; the first occurrence of a key wins.
 *
 * <p>{@code xl info free_memory} prints only the value: output without any {@code key : value} line
 * and with exactly one non-blank line is returned as {@code {"value": "18233"}}.
 */
public final class XlInfoParser implements OutputParser {
    static final String NAME = "xl-info";
    private static final Pattern KEY_VALUE = Pattern.compile("^([A-Za-z_][A-Za-z0-9_ ]*?)\\s*:(?:\\s(.*))?$");
    private static final List<String> MEMORY_KEYS = List.of("total_memory", "free_memory");

    @Override
    public Map<String, Object> parse(String stdout) {
        List<String> lines = stdout == null ? List.of() : stdout.lines().toList();
        Map<String, Object> result = new LinkedHashMap<>();
        Map<String, Integer> lineOf = new LinkedHashMap<>();
        int nonBlank = 0;
        String lastNonBlank = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            nonBlank++;
            lastNonBlank = line.strip();
            Matcher m = KEY_VALUE.matcher(line);
            if (m.matches() && !result.containsKey(m.group(1))) {
                result.put(m.group(1), m.group(2) == null ? "" : m.group(2).strip());
                lineOf.put(m.group(1), i + 1);
            }
        }
        if (nonBlank == 0) {
            throw new ParseException(NAME + ": empty output; expected 'key : value' lines or a single value");
        }
        if (result.isEmpty()) {
            if (nonBlank == 1) {
                return Map.of("value", lastNonBlank);
            }
            throw new ParseException(NAME + ": expected 'key : value' lines or a single value but got " + nonBlank
                    + " lines starting with '" + XlListParser.abbreviate(firstNonBlank(lines)) + "'");
        }
        for (String key : MEMORY_KEYS) {
            if (result.get(key) instanceof String text) {
                try {
                    result.put(key, Long.parseLong(text));
                } catch (NumberFormatException e) {
                    throw new ParseException(NAME + ": line " + lineOf.get(key) + ": " + key
                            + " is not a whole number of MiB: '" + XlListParser.abbreviate(text) + "'");
                }
            }
        }
        return result;
    }

    private static String firstNonBlank(List<String> lines) {
        return lines.stream().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
    }
}
