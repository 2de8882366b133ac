package dev.sopctl.parse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ntpdate}: {@code ntpdate -q SERVER} (formats/README.md §7.2): one {@code server …} line per
 * server, then the log line ({@code adjust time server …}, {@code step time server …} or
 * {@code no server suitable for synchronization found}), with or without ntpdate's
 * {@code DD Mon HH:MM:SS ntpdate[PID]:} prefix.
 *
 * <p>Result: {@code servers} (each {@code server}, {@code stratum}, {@code offset} and {@code delay}
 * in seconds as Doubles), {@code answered} (Boolean: a server with a stratum above 0 answered),
 * {@code offset} (seconds: the log line's, else the first answering server's; null when none
 * answered). Output with neither a server line nor a log line is an error.
 */
public final class NtpdateParser implements OutputParser {
    static final String NAME = "ntpdate";
    private static final String EXPECTED = "'server ADDRESS, stratum N, offset S, delay S' or ntpdate's log line";
    private static final Pattern SERVER = Pattern.compile(
            "^server (\\S+), stratum (\\d+), offset ([-+]?\\d+(?:\\.\\d+)?), delay ([-+]?\\d+(?:\\.\\d+)?)$");
    private static final Pattern LOG = Pattern.compile(
            "^(?:.*ntpdate\\[\\d+\\]: )?(?:(?:adjust|step) time server (\\S+) offset ([-+]?\\d+(?:\\.\\d+)?) sec"
                    + "|(no server suitable for synchronization found|no servers can be used, exiting|the NTP socket is in use, exiting))$");

    @Override
    public Map<String, Object> parse(String stdout) {
        List<String> lines = Text.lines(stdout);
        if (Text.firstNonBlank(lines) == 0) {
            throw Text.empty(NAME, EXPECTED);
        }
        List<Object> servers = new ArrayList<>();
        Double logged = null;
        boolean sawLog = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            Matcher s = SERVER.matcher(line);
            Matcher l = LOG.matcher(line);
            if (s.matches()) {
                Map<String, Object> server = new LinkedHashMap<>();
                server.put("server", s.group(1));
                server.put("stratum", Long.parseLong(s.group(2)));
                server.put("offset", Double.parseDouble(s.group(3)));
                server.put("delay", Double.parseDouble(s.group(4)));
                servers.add(Collections.unmodifiableMap(server));
            } else if (l.matches()) {
                sawLog = true;
                if (l.group(2) != null) {
                    logged = Double.parseDouble(l.group(2));
                }
            } else {
                throw Text.at(NAME, i + 1, EXPECTED, line);
            }
        }
        if (servers.isEmpty() && !sawLog) {
            throw Text.at(NAME, Text.firstNonBlank(lines), EXPECTED, lines.get(Text.firstNonBlank(lines) - 1));
        }
        Map<?, ?> first = servers.stream().map(x -> (Map<?, ?>) x).filter(x -> (Long) x.get("stratum") > 0)
                .findFirst().orElse(null);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("servers", List.copyOf(servers));
        result.put("answered", first != null || logged != null);
        result.put("offset", logged != null ? logged : first == null ? null : first.get("offset"));
        return Collections.unmodifiableMap(result);
    }
}
