package dev.sopctl.parse;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ping}: the summary of iputils {@code ping -c N -w SECONDS ADDRESS} (and busybox's
 * {@code round-trip} wording).
 *
 * <pre>
 * --- 192.168.0.254 ping statistics ---
 * 3 packets transmitted, 3 received, 0% packet loss, time 2003ms
 * rtt min/avg/max/mdev = 0.041/0.052/0.063/0.009 ms
 * </pre>
 *
 * <p>Result: {@code target} (from the statistics line, or null), {@code transmitted},
 * {@code received}, {@code errors} (Longs), {@code loss} (Double percent), {@code reachable}
 * (Boolean: a reply came), {@code rtt_min}, {@code rtt_avg}, {@code rtt_max}, {@code rtt_mdev}
 * (Doubles ms, null when nothing came back). Output without the {@code packets transmitted} line
 * is an error (ping could not start: an unknown host or no route says so on standard error).
 */
public final class PingParser implements OutputParser {
    static final String NAME = "ping";
    private static final Pattern TARGET = Pattern.compile("^--- (\\S+) ping statistics ---$");
    private static final Pattern COUNTS = Pattern.compile("^(\\d+) packets transmitted, (\\d+) (?:packets )?received"
            + "(?:, \\+(\\d+) duplicates)?(?:, \\+(\\d+) errors)?, ([\\d.]+)% packet loss.*$");
    private static final Pattern RTT = Pattern.compile("^(?:rtt|round-trip) min/avg/max(?:/mdev)? = "
            + "([\\d.]+)/([\\d.]+)/([\\d.]+)(?:/([\\d.]+))? ms$");

    @Override
    public Map<String, Object> parse(String stdout) {
        List<String> lines = Text.lines(stdout);
        if (Text.firstNonBlank(lines) == 0) {
            throw Text.empty(NAME, "ping's statistics ('N packets transmitted, M received, X% packet loss')");
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("target", null);
        Matcher counts = null;
        Matcher rtt = null;
        for (String raw : lines) {
            String line = raw.strip();
            Matcher m = TARGET.matcher(line);
            if (m.matches()) {
                result.put("target", m.group(1));
            }
            m = COUNTS.matcher(line);
            if (m.matches()) {
                counts = m;
            }
            m = RTT.matcher(line);
            if (m.matches()) {
                rtt = m;
            }
        }
        if (counts == null) {
            int last = lines.size();
            while (last > 1 && lines.get(last - 1).isBlank()) {
                last--;
            }
            throw Text.at(NAME, last, "ping's statistics ('N packets transmitted, M received, X% packet loss')",
                    lines.get(last - 1));
        }
        long received = Long.parseLong(counts.group(2));
        result.put("transmitted", Long.parseLong(counts.group(1)));
        result.put("received", received);
        result.put("errors", counts.group(4) == null ? 0L : Long.parseLong(counts.group(4)));
        result.put("loss", Double.parseDouble(counts.group(5)));
        result.put("reachable", received > 0);
        result.put("rtt_min", rtt == null ? null : Double.parseDouble(rtt.group(1)));
        result.put("rtt_avg", rtt == null ? null : Double.parseDouble(rtt.group(2)));
        result.put("rtt_max", rtt == null ? null : Double.parseDouble(rtt.group(3)));
        result.put("rtt_mdev", rtt == null || rtt.group(4) == null ? null : Double.parseDouble(rtt.group(4)));
        return Collections.unmodifiableMap(result);
    }
}
