package dev.sopctl.parse;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code timedatectl-show}: {@code timedatectl show} (systemd 239 and later, {@code Key=value}) and,
 * for older systemd that has no {@code show}, {@code timedatectl status} in both its current
 * ({@code System clock synchronized: yes}, {@code NTP service: active}) and its 219-era wording
 * ({@code NTP synchronized: yes}, {@code NTP enabled: yes}) (formats/README.md §7.5).
 *
 * <p>Result: {@code synchronized} (Boolean: NTPSynchronized), {@code ntp} (Boolean: the NTP service
 * is enabled/active, null when not printed), {@code can_ntp} (Boolean or null), {@code timezone}
 * (or null), {@code local_rtc} (Boolean or null), {@code properties} (every key as printed → its
 * value). Output without a synchronized line is an error.
 */
public final class TimedatectlShowParser implements OutputParser {
    static final String NAME = "timedatectl-show";
    private static final String EXPECTED = "'Key=value' lines of 'timedatectl show' (or 'Key: value' of 'timedatectl status')";
    private static final Pattern PROPERTY = Pattern.compile("^(?<key>[A-Za-z][A-Za-z0-9]*)=(?<value>.*)$");
    private static final Pattern STATUS = Pattern.compile("^(?<key>[A-Za-z][A-Za-z0-9 ]*?):\\s*(?<value>.*)$");

    @Override
    public Map<String, Object> parse(String stdout) {
        List<String> lines = Text.lines(stdout);
        if (Text.firstNonBlank(lines) == 0) {
            throw Text.empty(NAME, EXPECTED);
        }
        Map<String, Object> props = new LinkedHashMap<>();
        String previous = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            Matcher m = PROPERTY.matcher(line);
            if (!m.matches()) {
                m = STATUS.matcher(line);
            }
            if (!m.matches()) {
                if (previous != null && Character.isWhitespace(lines.get(i).charAt(0))) {
                    // systemd 219's "Last DST change:" continues on lines indented to the value column
                    props.put(previous, (props.get(previous) + " " + line).strip());
                    continue;
                }
                throw Text.at(NAME, i + 1, EXPECTED, line);
            }
            previous = m.group("key").strip();
            props.put(previous, m.group("value").strip());
        }
        Boolean synced = yesNo(first(props, "NTPSynchronized", "System clock synchronized", "NTP synchronized"));
        if (synced == null) {
            throw Text.at(NAME, Text.firstNonBlank(lines), "an NTPSynchronized=yes|no line (or 'System clock synchronized:')",
                    lines.get(Text.firstNonBlank(lines) - 1));
        }
        String service = first(props, "NTP", "NTP enabled", "NTP service");
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("synchronized", synced);
        result.put("ntp", service == null ? null : service.equals("yes") || service.equals("active"));
        result.put("can_ntp", yesNo(first(props, "CanNTP")));
        result.put("timezone", first(props, "Timezone", "Time zone"));
        result.put("local_rtc", yesNo(first(props, "LocalRTC", "RTC in local TZ")));
        result.put("properties", Collections.unmodifiableMap(props));
        return Collections.unmodifiableMap(result);
    }

    private static String first(Map<String, Object> props, String... keys) {
        for (String k : keys) {
            if (props.containsKey(k)) {
                return (String) props.get(k);
            }
        }
        return null;
    }

    private static Boolean yesNo(String value) {
        if (value == null) {
            return null;
        }
        return switch (value) {
            case "yes" -> Boolean.TRUE;
            case "no" -> Boolean.FALSE;
            default -> null;
        };
    }
}
