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
 * {@code ntpq-peers}: {@code ntpq -p} / {@code ntpq -pn} of ntp 4.2.x and ntpsec
 * (formats/README.md §7.1).
 *
 * <pre>
 *      remote           refid      st t when poll reach   delay   offset  jitter
 * ==============================================================================
 * *ntp1.example.co 192.168.10.5     2 u   33   64  377    0.412   -0.118   0.051
 * </pre>
 *
 * <p>Result: {@code peers}, one map per row: {@code tally} (the first column: {@code *}, {@code +},
 * {@code -}, {@code x}, {@code .}, {@code #}, {@code o} or a space), {@code remote}, {@code refid},
 * {@code st} (Long), {@code t}, {@code when} (Long seconds since the last packet, null for
 * {@code -}; {@code 12m}/{@code 3h}/{@code 7d} are converted), {@code poll} (Long seconds),
 * {@code reach} (the octal register as printed, e.g. {@code "377"}), {@code reachable} (Boolean:
 * reach is not 0), {@code delay}, {@code offset}, {@code jitter} (Doubles, ms; ntpsec's
 * {@code -u} units are converted); {@code selected} (the system peer, tally {@code *} or {@code o},
 * or null); {@code synchronized} (Boolean: there is a system peer); {@code offset} (the system
 * peer's offset in ms, or null).
 *
 * <p>A remote longer than its column is printed alone on its line with the values on the next (wide
 * output): the two are joined. {@code No association ID's returned} is no peers. The header is
 * required; a row that does not fit is an error.
 */
public final class NtpqPeersParser implements OutputParser {
    static final String NAME = "ntpq-peers";
    private static final Pattern HEADER = Pattern.compile(
            "^remote\\s+refid\\s+st\\s+t\\s+when\\s+poll\\s+reach\\s+delay\\s+offset\\s+(?:jitter|disp)\\s*$");
    private static final Pattern RULE = Pattern.compile("^=+$");
    private static final Pattern INTERVAL = Pattern.compile("^(\\d+)([smhd]?)$");
    private static final Pattern MILLIS = Pattern.compile("^([-+]?\\d+(?:\\.\\d+)?)(ms|us|µs|ns|s)?$");
    private static final String TALLIES = " *+-x.#o";

    @Override
    public Map<String, Object> parse(String stdout) {
        List<String> lines = Text.lines(stdout);
        int first = Text.firstNonBlank(lines);
        if (first == 0) {
            throw Text.empty(NAME, "the 'ntpq -p' header (remote refid st t when poll reach delay offset jitter)");
        }
        String firstLine = lines.get(first - 1).strip();
        List<Object> peers = new ArrayList<>();
        if (firstLine.equals("No association ID's returned")) {
            return result(peers);
        }
        if (!HEADER.matcher(firstLine).matches()) {
            throw Text.at(NAME, first, "the 'ntpq -p' header (remote refid st t when poll reach delay offset jitter)",
                    firstLine);
        }
        String pendingRemote = null;
        char pendingTally = ' ';
        for (int i = first; i < lines.size(); i++) {
            int lineNumber = i + 1;
            String line = lines.get(i).stripTrailing();
            if (line.isBlank() || RULE.matcher(line.strip()).matches()) {
                continue;
            }
            char tally;
            List<String> words;
            if (pendingRemote != null) {
                tally = pendingTally;
                words = new ArrayList<>(Text.words(line));
                words.add(0, pendingRemote);
                pendingRemote = null;
            } else {
                tally = line.charAt(0);
                if (TALLIES.indexOf(tally) < 0) {
                    throw Text.at(NAME, lineNumber, "a tally code (one of '*+-x.#o' or a space) in column 1", line);
                }
                words = Text.words(line.substring(1));
                if (words.size() == 1 && i + 1 < lines.size() && Text.words(lines.get(i + 1)).size() == 9) {
                    pendingRemote = words.get(0); // a long remote; its values follow on the next line
                    pendingTally = tally;
                    continue;
                }
            }
            if (words.size() != 10) {
                throw Text.at(NAME, lineNumber,
                        "'REMOTE REFID ST T WHEN POLL REACH DELAY OFFSET JITTER' after the tally", line);
            }
            Map<String, Object> peer = new LinkedHashMap<>();
            peer.put("tally", String.valueOf(tally));
            peer.put("remote", words.get(0));
            peer.put("refid", words.get(1));
            peer.put("st", Text.number(NAME, lineNumber, words.get(2), line));
            peer.put("t", words.get(3));
            peer.put("when", interval(words.get(4), lineNumber, line));
            peer.put("poll", interval(words.get(5), lineNumber, line));
            String reach = words.get(6);
            if (!reach.matches("[0-7]{1,3}")) {
                throw Text.at(NAME, lineNumber, "an octal reach register like 377", line);
            }
            peer.put("reach", reach);
            peer.put("reachable", Integer.parseInt(reach, 8) != 0);
            peer.put("delay", millis(words.get(7), lineNumber, line));
            peer.put("offset", millis(words.get(8), lineNumber, line));
            peer.put("jitter", millis(words.get(9), lineNumber, line));
            peers.add(Collections.unmodifiableMap(peer));
        }
        if (pendingRemote != null) {
            throw Text.at(NAME, lines.size(), "the values of peer " + pendingRemote, pendingRemote);
        }
        return result(peers);
    }

    private static Map<String, Object> result(List<Object> peers) {
        Map<?, ?> selected = peers.stream().map(p -> (Map<?, ?>) p)
                .filter(p -> p.get("tally").equals("*") || p.get("tally").equals("o")).findFirst().orElse(null);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("peers", List.copyOf(peers));
        result.put("selected", selected);
        result.put("synchronized", selected != null);
        result.put("offset", selected == null ? null : selected.get("offset"));
        return Collections.unmodifiableMap(result);
    }

    private static Long interval(String word, int lineNumber, String line) {
        if (word.equals("-")) {
            return null;
        }
        Matcher m = INTERVAL.matcher(word);
        if (!m.matches()) {
            throw Text.at(NAME, lineNumber, "an interval like 64, 17m, 3h, 7d or -", line);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> n * 60;
            case "h" -> n * 3600;
            case "d" -> n * 86400;
            default -> n;
        };
    }

    private static Double millis(String word, int lineNumber, String line) {
        Matcher m = MILLIS.matcher(word.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw Text.at(NAME, lineNumber, "a number of milliseconds", line);
        }
        double v = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2);
        return switch (unit) {
            case "s" -> v * 1000;
            case "us", "µs" -> v / 1000;
            case "ns" -> v / 1_000_000;
            default -> v;
        };
    }
}
