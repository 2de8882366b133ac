package dev.sopctl.parse;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code chronyc-tracking}: {@code chronyc tracking} of chrony 2.x to 4.x (formats/README.md §7.3).
 *
 * <pre>
 * Reference ID    : CB00710F (ntp1.example.net)
 * Stratum         : 3
 * System time     : 0.000006523 seconds slow of NTP time
 * Leap status     : Normal
 * </pre>
 *
 * <p>Result: {@code reference_id} (hex since chrony 3, a dotted quad in 2.x), {@code reference}
 * (the name in parentheses, or null when empty), {@code stratum} (Long), {@code ref_time} (text),
 * {@code offset} (Double ms: the system clock minus NTP time, so "slow" is negative),
 * {@code last_offset}, {@code rms_offset}, {@code root_delay}, {@code root_dispersion} (Doubles ms),
 * {@code frequency} (Double ppm, "slow" negative), {@code residual_freq}, {@code skew} (ppm),
 * {@code update_interval} (Double s), {@code leap_status}; {@code synchronized} (Boolean: leap
 * status is not {@code Not synchronised}, the reference is not 00000000 and not chrony's local
 * mode 7F7F0101). A key the parser does not know is kept in {@code fields} like every other
 * ({@code Key: value} as printed). Output without {@code Reference ID} is an error.
 */
public final class ChronycTrackingParser implements OutputParser {
    static final String NAME = "chronyc-tracking";
    private static final String EXPECTED = "'KEY : VALUE' lines of 'chronyc tracking' (Reference ID, Stratum, System time, …)";
    private static final Pattern LINE = Pattern.compile("^(?<key>[A-Za-z][A-Za-z ()]*?)\\s*:\\s(?<value>.*)$");
    private static final Pattern REFERENCE = Pattern.compile("^(?<id>[0-9A-Fa-f]{8}|\\d{1,3}(?:\\.\\d{1,3}){3})\\s*\\((?<name>[^)]*)\\)$");
    private static final Pattern SECONDS = Pattern.compile("^(?<n>[-+]?\\d+(?:\\.\\d+)?) seconds(?: (?<dir>slow|fast) of NTP time)?$");
    private static final Pattern PPM = Pattern.compile("^(?<n>[-+]?\\d+(?:\\.\\d+)?) ppm(?: (?<dir>slow|fast))?$");

    @Override
    public Map<String, Object> parse(String stdout) {
        List<String> lines = Text.lines(stdout);
        if (Text.firstNonBlank(lines) == 0) {
            throw Text.empty(NAME, EXPECTED);
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        Map<String, Integer> lineOf = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw Text.at(NAME, i + 1, EXPECTED, line);
            }
            fields.put(m.group("key").strip(), m.group("value").strip());
            lineOf.put(m.group("key").strip(), i + 1);
        }
        String reference = (String) fields.get("Reference ID");
        if (reference == null) {
            throw Text.at(NAME, 1, "'Reference ID    : …' (chronyc tracking)", lines.get(Text.firstNonBlank(lines) - 1));
        }
        Matcher ref = REFERENCE.matcher(reference);
        if (!ref.matches()) {
            throw Text.at(NAME, lineOf.get("Reference ID"), "a reference like 'CB00710F (ntp1.example.net)'", reference);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        String id = ref.group("id").toUpperCase(java.util.Locale.ROOT);
        result.put("reference_id", id);
        result.put("reference", ref.group("name").isBlank() ? null : ref.group("name").strip());
        result.put("stratum", fields.containsKey("Stratum")
                ? Text.number(NAME, lineOf.get("Stratum"), (String) fields.get("Stratum"), (String) fields.get("Stratum")) : null);
        result.put("ref_time", fields.get("Ref time (UTC)"));
        result.put("offset", millis(fields, lineOf, "System time"));
        result.put("last_offset", millis(fields, lineOf, "Last offset"));
        result.put("rms_offset", millis(fields, lineOf, "RMS offset"));
        result.put("frequency", ppm(fields, lineOf, "Frequency"));
        result.put("residual_freq", ppm(fields, lineOf, "Residual freq"));
        result.put("skew", ppm(fields, lineOf, "Skew"));
        result.put("root_delay", millis(fields, lineOf, "Root delay"));
        result.put("root_dispersion", millis(fields, lineOf, "Root dispersion"));
        Double interval = millis(fields, lineOf, "Update interval");
        result.put("update_interval", interval == null ? null : interval / 1000);
        String leap = (String) fields.get("Leap status");
        result.put("leap_status", leap);
        result.put("synchronized", !"Not synchronised".equals(leap) && !id.equals("00000000") && !id.equals("7F7F0101"));
        result.put("fields", Collections.unmodifiableMap(fields));
        return Collections.unmodifiableMap(result);
    }

    /** A "N seconds [slow|fast of NTP time]" value in ms; slow is negative. */
    private static Double millis(Map<String, Object> fields, Map<String, Integer> lineOf, String key) {
        String value = (String) fields.get(key);
        if (value == null) {
            return null;
        }
        Matcher m = SECONDS.matcher(value);
        if (!m.matches()) {
            throw Text.at(NAME, lineOf.get(key), "'" + key + "' in seconds (like 0.000006523 seconds slow of NTP time)", value);
        }
        double ms = Double.parseDouble(m.group("n")) * 1000;
        return "slow".equals(m.group("dir")) ? -ms : ms;
    }

    private static Double ppm(Map<String, Object> fields, Map<String, Integer> lineOf, String key) {
        String value = (String) fields.get(key);
        if (value == null) {
            return null;
        }
        Matcher m = PPM.matcher(value);
        if (!m.matches()) {
            throw Text.at(NAME, lineOf.get(key), "'" + key + "' in ppm (like 3.225 ppm slow)", value);
        }
        double v = Double.parseDouble(m.group("n"));
        return "slow".equals(m.group("dir")) ? -v : v;
    }
}
