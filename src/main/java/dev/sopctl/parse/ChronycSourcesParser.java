package dev.sopctl.parse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code chronyc-sources}: {@code chronyc sources} of chrony 3.x (with its {@code 210 Number of
 * sources} line) and 4.x, also {@code -v} with its caption (formats/README.md §7.4).
 *
 * <pre>
 * MS Name/IP address         Stratum Poll Reach LastRx Last sample
 * ===============================================================================
 * ^* ntp1.example.net              2   6   377    23   -923us[ -924us] +/-   43ms
 * </pre>
 *
 * <p>Result: {@code sources}, one map per row: {@code mode} ({@code server}, {@code peer},
 * {@code refclock}), {@code state} (the second column: {@code *} selected, {@code +} combined,
 * {@code -}, {@code x}, {@code ~}, {@code ?}), {@code name}, {@code stratum}, {@code poll} (Long,
 * log2 seconds), {@code reach} (octal text), {@code reachable}, {@code last_rx} (Long seconds, null
 * for {@code -}), {@code offset} (Double ms, the adjusted offset), {@code measured} (Double ms, in
 * brackets), {@code error} (Double ms, after {@code +/-}); {@code selected} (the {@code *} row or
 * null), {@code synchronized}, {@code offset} (the selected source's, ms, or null). The header is
 * required; a row that does not fit is an error.
 */
public final class ChronycSourcesParser implements OutputParser {
    static final String NAME = "chronyc-sources";
    private static final String HEADER_TEXT = "the 'chronyc sources' header (MS Name/IP address Stratum Poll Reach LastRx Last sample)";
    private static final Pattern HEADER = Pattern.compile("^MS Name/IP address\\s+Stratum\\s+Poll\\s+Reach\\s+LastRx\\s+Last sample\\s*$");
    private static final String VALUE = "([-+]?\\d+(?:\\.\\d+)?)(ns|us|ms|s)";
    private static final Pattern ROW = Pattern.compile("^(?<mode>[\\^=#])(?<state>[*+\\-x~?]) (?<name>\\S+)\\s+(?<stratum>\\d+)\\s+"
            + "(?<poll>-?\\d+)\\s+(?<reach>[0-7]+)\\s+(?<rx>\\S+)\\s+" + VALUE + "\\[\\s*" + VALUE + "\\]\\s+\\+/-\\s+" + VALUE + "\\s*$");
    private static final Pattern LAST_RX = Pattern.compile("^(\\d+)([mhdy]?)$");

    @Override
    public Map<String, Object> parse(String stdout) {
        List<String> lines = Text.lines(stdout);
        int header = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (HEADER.matcher(lines.get(i).strip()).matches()) {
                header = i + 1;
                break;
            }
        }
        if (header == 0) {
            int first = Text.firstNonBlank(lines);
            if (first == 0) {
                throw Text.empty(NAME, HEADER_TEXT);
            }
            throw Text.at(NAME, first, HEADER_TEXT, lines.get(first - 1));
        }
        List<Object> sources = new ArrayList<>();
        for (int i = header; i < lines.size(); i++) {
            String line = lines.get(i).stripTrailing();
            if (line.isBlank() || line.strip().matches("=+")) {
                continue;
            }
            Matcher m = ROW.matcher(line);
            if (!m.matches()) {
                throw Text.at(NAME, i + 1, "'MS NAME STRATUM POLL REACH LASTRX OFFSET[MEASURED] +/- ERROR'", line);
            }
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("mode", switch (m.group("mode")) {
                case "^" -> "server";
                case "=" -> "peer";
                default -> "refclock";
            });
            s.put("state", m.group("state"));
            s.put("name", m.group("name"));
            s.put("stratum", Long.parseLong(m.group("stratum")));
            s.put("poll", Long.parseLong(m.group("poll")));
            s.put("reach", m.group("reach"));
            s.put("reachable", Integer.parseInt(m.group("reach"), 8) != 0);
            s.put("last_rx", lastRx(m.group("rx"), i + 1, line));
            s.put("offset", millis(m.group(8), m.group(9)));
            s.put("measured", millis(m.group(10), m.group(11)));
            s.put("error", millis(m.group(12), m.group(13)));
            sources.add(Collections.unmodifiableMap(s));
        }
        Map<?, ?> selected = sources.stream().map(x -> (Map<?, ?>) x).filter(x -> x.get("state").equals("*"))
                .findFirst().orElse(null);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("sources", List.copyOf(sources));
        result.put("selected", selected);
        result.put("synchronized", selected != null);
        result.put("offset", selected == null ? null : selected.get("offset"));
        return Collections.unmodifiableMap(result);
    }

    private static Long lastRx(String word, int lineNumber, String line) {
        if (word.equals("-")) {
            return null;
        }
        Matcher m = LAST_RX.matcher(word);
        if (!m.matches()) {
            throw Text.at(NAME, lineNumber, "LastRx in seconds (like 23, 17m, 3h, 2d, 1y or -)", line);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> n * 60;
            case "h" -> n * 3600;
            case "d" -> n * 86400;
            case "y" -> n * 31_536_000;
            default -> n;
        };
    }

    static double millis(String number, String unit) {
        double v = Double.parseDouble(number);
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "s" -> v * 1000;
            case "us" -> v / 1000;
            case "ns" -> v / 1_000_000;
            default -> v;
        };
    }
}
