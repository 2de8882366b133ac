package dev.sopctl.parse;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code mirror-status}: SIOS DataKeeper's {@code mirror_status TAG} (formats/README.md §8.6, the
 * layout of the operator's notes; other state words are tolerated, as the vendor's are not
 * captured).
 *
 * <pre>
 * Status: Fully Operational
 * [===================>] 100%
 * Type: Synchronous
 * Bitmap: 9193195 bits (chunks), 130385 dirty (1.4%)
 * </pre>
 *
 * <p>Result: {@code status} (the state words, e.g. {@code Fully Operational},
 * {@code Resynchronizing}, {@code Paused}, {@code Target}), {@code detail} (the text in
 * parentheses after the state, e.g. {@code source is node2}, or null), {@code percent} (Double,
 * from the progress bar or a percentage on the Status line, or null), {@code type}
 * ({@code Synchronous}/{@code Asynchronous} or null), {@code bitmap_bits}, {@code dirty_bits}
 * (Long or null), {@code dirty_percent} (Double or null), {@code source} and {@code target} (from
 * {@code Source:}/{@code Target:} lines, or null), {@code fields} (every {@code Key: value} line,
 * key lower-cased), {@code fully_operational} (Boolean), {@code resyncing} (Boolean: the state says
 * Resync…/Resynchronizing). The {@code dirty} share of a fully operational mirror is normal.
 */
public final class MirrorStatusParser implements OutputParser {
    static final String NAME = "mirror-status";
    private static final Pattern FIELD = Pattern.compile("^([A-Za-z][A-Za-z ]*?):\\s*(.*)$");
    private static final Pattern BAR = Pattern.compile("^\\[[=>\\-#. ]*\\]\\s*(\\d+(?:\\.\\d+)?)%$");
    private static final Pattern STATUS = Pattern.compile("^(.*?)(?:\\s*\\(([^)]*)\\))?(?:\\s+(\\d+(?:\\.\\d+)?)%)?$");
    private static final Pattern BITMAP =
            Pattern.compile("^(\\d+) bits(?: \\(chunks\\))?,\\s*(\\d+) dirty(?: \\((\\d+(?:\\.\\d+)?)%\\))?$");

    @Override
    public Map<String, Object> parse(String stdout) {
        List<String> lines = Text.lines(stdout);
        if (Text.firstNonBlank(lines) == 0) {
            throw Text.empty(NAME, "'mirror_status' output ('Status: ...')");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        Map<String, Object> result = new LinkedHashMap<>();
        for (String k : List.of("status", "detail", "percent", "type", "bitmap_bits", "dirty_bits", "dirty_percent", "source",
                "target")) {
            result.put(k, null);
        }
        for (int i = 0; i < lines.size(); i++) {
            int lineNumber = i + 1;
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            Matcher m;
            if ((m = BAR.matcher(line)).matches()) {
                result.put("percent", Double.parseDouble(m.group(1)));
                continue;
            }
            if (!(m = FIELD.matcher(line)).matches()) {
                throw Text.at(NAME, lineNumber, "'Key: value' or a progress bar '[===>] N%'", line);
            }
            String key = m.group(1).strip().toLowerCase(Locale.ROOT);
            String value = m.group(2).strip();
            fields.put(key, value);
            switch (key) {
                case "status" -> {
                    Matcher s = STATUS.matcher(value);
                    if (value.isEmpty() || !s.matches() || s.group(1).isEmpty()) {
                        throw Text.at(NAME, lineNumber, "'Status: STATE [(detail)] [N%]'", line);
                    }
                    result.put("status", s.group(1));
                    result.put("detail", s.group(2));
                    if (s.group(3) != null) {
                        result.put("percent", Double.parseDouble(s.group(3)));
                    }
                }
                case "type" -> result.put("type", value.isEmpty() ? null : value);
                case "bitmap" -> {
                    Matcher b = BITMAP.matcher(value);
                    if (!b.matches()) {
                        throw Text.at(NAME, lineNumber, "'Bitmap: N bits (chunks), M dirty (P%)'", line);
                    }
                    result.put("bitmap_bits", Text.number(NAME, lineNumber, b.group(1), line));
                    result.put("dirty_bits", Text.number(NAME, lineNumber, b.group(2), line));
                    result.put("dirty_percent", b.group(3) == null ? null : Double.parseDouble(b.group(3)));
                }
                case "source", "target" -> result.put(key, value.isEmpty() ? null : Text.words(value).get(0));
                default -> { } // kept in fields
            }
        }
        String status = (String) result.get("status");
        if (status == null) {
            int first = Text.firstNonBlank(lines);
            throw Text.at(NAME, first, "a 'Status: ...' line in the output", lines.get(first - 1));
        }
        String lower = status.toLowerCase(Locale.ROOT);
        result.put("fields", Collections.unmodifiableMap(fields));
        result.put("fully_operational", lower.equals("fully operational"));
        result.put("resyncing", lower.startsWith("resync"));
        return Collections.unmodifiableMap(result);
    }
}
