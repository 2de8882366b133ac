package dev.sopctl.parse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code drbd-proc}: {@code /proc/drbd} of DRBD 8.x (formats/README.md §3.1); for DRBD 9, which
 * prints only the version header, {@code resources} is empty.
 *
 * <pre>
 * version: 8.4.11-1 (api:1/proto:86-101)
 * GIT-hash: 66145a30… build by mockbuild@, 2018-11-03 01:26:55
 *  0: cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate C r-----
 *     ns:10485712 nr:0 dw:2097160 dr:8392697 al:520 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:0
 * </pre>
 *
 * <p>Result: {@code version} (e.g. {@code 8.4.11-1}, or null), {@code resources}: one map per minor
 * with {@code minor} (Long), {@code cs}, {@code ro_local}, {@code ro_peer}, {@code ds_local},
 * {@code ds_peer} (null for an Unconfigured minor), {@code protocol} ({@code A}/{@code B}/{@code C},
 * null when printed as a space: no net config, e.g. StandAlone), {@code flags} (the I/O flags,
 * e.g. {@code r-----}), {@code oos} (Long KiB out of sync, or null), {@code sync_percent} (Double
 * from {@code sync'ed: 21.4%} or {@code verified:}, null when not syncing), {@code sync_finish}
 * (e.g. {@code 0:00:42}, or null). DRBD 8.0–8.2's {@code st:} is read as {@code ro:}.
 */
public final class ProcDrbdParser implements OutputParser {
    static final String NAME = "drbd-proc";
    private static final Pattern VERSION = Pattern.compile("^version: (\\S+)(?: .*)?$");
    private static final Pattern MINOR = Pattern.compile(
            "^(?<minor>\\d+): cs:(?<cs>\\S+)(?: (?:ro|st):(?<rol>[^/\\s]+)/(?<rop>\\S+) ds:(?<dsl>[^/\\s]+)/(?<dsp>\\S+)"
                    + " (?<proto>[ABC ]) (?<flags>\\S+))?\\s*$");
    private static final Pattern OOS = Pattern.compile("\\boos:(\\d+)");
    private static final Pattern SYNC = Pattern.compile("(?:sync'ed|verified):\\s*(\\d+(?:\\.\\d+)?)%");
    private static final Pattern FINISH = Pattern.compile("^finish: (\\S+)");

    @Override
    public Map<String, Object> parse(String stdout) {
        List<String> lines = Text.lines(stdout);
        if (Text.firstNonBlank(lines) == 0) {
            throw Text.empty(NAME, "the contents of /proc/drbd ('version: ...')");
        }
        String version = null;
        List<Map<String, Object>> resources = new ArrayList<>();
        Map<String, Object> current = null;
        for (int i = 0; i < lines.size(); i++) {
            int lineNumber = i + 1;
            String raw = lines.get(i);
            if (raw.isBlank()) {
                continue;
            }
            String line = raw.strip();
            Matcher m;
            if ((m = VERSION.matcher(line)).matches()) {
                version = m.group(1);
                continue;
            }
            if (line.startsWith("GIT-hash:") || line.startsWith("srcversion:") || line.startsWith("SVN Revision:") || line.startsWith("Transports ")) {
                continue;
            }
            if ((m = MINOR.matcher(raw.stripLeading())).matches()) {
                current = new LinkedHashMap<>();
                current.put("minor", Text.number(NAME, lineNumber, m.group("minor"), line));
                current.put("cs", m.group("cs"));
                current.put("ro_local", m.group("rol"));
                current.put("ro_peer", m.group("rop"));
                current.put("ds_local", m.group("dsl"));
                current.put("ds_peer", m.group("dsp"));
                String proto = m.group("proto");
                current.put("protocol", proto == null || proto.isBlank() ? null : proto);
                current.put("flags", m.group("flags"));
                current.put("oos", null);
                current.put("sync_percent", null);
                current.put("sync_finish", null);
                resources.add(current);
                continue;
            }
            if (current != null && Character.isWhitespace(raw.charAt(0))) {
                // detail lines of the minor above: counters, resync progress, finish/speed, act_log, resync
                if ((m = OOS.matcher(line)).find()) {
                    current.put("oos", Text.number(NAME, lineNumber, m.group(1), line));
                }
                if ((m = SYNC.matcher(line)).find()) {
                    current.put("sync_percent", Double.parseDouble(m.group(1)));
                }
                if ((m = FINISH.matcher(line)).find()) {
                    current.put("sync_finish", m.group(1));
                }
                continue;
            }
            throw Text.at(NAME, lineNumber, "'version:', 'N: cs:STATE ro:…/… ds:…/… P flags' or an indented detail line",
                    line);
        }
        if (version == null && resources.isEmpty()) {
            int first = Text.firstNonBlank(lines);
            throw Text.at(NAME, first, "the contents of /proc/drbd ('version: ...')", lines.get(first - 1));
        }
        List<Object> frozen = new ArrayList<>();
        resources.forEach(r -> frozen.add(Collections.unmodifiableMap(r)));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("version", version);
        result.put("resources", List.copyOf(frozen));
        return Collections.unmodifiableMap(result);
    }
}
