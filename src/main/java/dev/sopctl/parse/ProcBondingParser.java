package dev.sopctl.parse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code proc-bonding}: {@code /proc/net/bonding/bondN} (formats/README.md §4), old (v3.x driver
 * version, no {@code Peer Notification Delay}) and current kernels, and the SOP page's indented,
 * annotated copy.
 *
 * <p>Result: {@code version} (driver version or null), {@code mode} (e.g.
 * {@code fault-tolerance (active-backup)}), {@code mii_status} (the bond's: up/down),
 * {@code active_slave} and {@code primary_slave} (interface names, null for None or when not
 * printed), {@code mii_polling_interval} (Long ms or null), {@code slaves}: one map per
 * {@code Slave Interface:} with {@code name}, {@code mii_status} (up, down, going down, going
 * back), {@code speed}, {@code duplex}, {@code hw_addr} (Strings or null),
 * {@code link_failure_count} (Long or null); {@code slaves_up} and {@code slaves_down} (Longs:
 * slaves whose MII status is / is not {@code up}).
 *
 * <p>Lines of 802.3ad and ARP monitoring detail are accepted and not interpreted. A line without
 * {@code key: value} shape, or output without {@code Bonding Mode:}, is an error.
 */
public final class ProcBondingParser implements OutputParser {
    static final String NAME = "proc-bonding";
    private static final Pattern ANNOTATION = Pattern.compile("\\s{2,}-{2,}.*$");
    private static final Pattern KEY_VALUE = Pattern.compile("^(?<key>[^:]+?):(?:\\s*(?<value>.*))?$");

    @Override
    public Map<String, Object> parse(String stdout) {
        List<String> lines = Text.lines(stdout);
        if (Text.firstNonBlank(lines) == 0) {
            throw Text.empty(NAME, "the contents of /proc/net/bonding/BOND");
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("version", null);
        result.put("mode", null);
        result.put("mii_status", null);
        result.put("active_slave", null);
        result.put("primary_slave", null);
        result.put("mii_polling_interval", null);
        List<Map<String, Object>> slaves = new ArrayList<>();
        Map<String, Object> slave = null;
        for (int i = 0; i < lines.size(); i++) {
            int lineNumber = i + 1;
            String line = ANNOTATION.matcher(lines.get(i)).replaceFirst("").strip();
            if (line.isEmpty() || line.equals("802.3ad info")) {
                continue;
            }
            Matcher m = KEY_VALUE.matcher(line);
            if (!m.matches()) {
                throw Text.at(NAME, lineNumber, "'KEY: VALUE' as in /proc/net/bonding", line);
            }
            String key = m.group("key").strip();
            String value = m.group("value") == null ? "" : m.group("value").strip();
            if (key.equals("Slave Interface")) {
                slave = new LinkedHashMap<>();
                slave.put("name", value);
                slave.put("mii_status", null);
                slave.put("speed", null);
                slave.put("duplex", null);
                slave.put("link_failure_count", null);
                slave.put("hw_addr", null);
                slaves.add(slave);
                continue;
            }
            if (slave != null) {
                switch (key) {
                    case "MII Status" -> slave.put("mii_status", value);
                    case "Speed" -> slave.put("speed", value);
                    case "Duplex" -> slave.put("duplex", value);
                    case "Link Failure Count" -> slave.put("link_failure_count", Text.number(NAME, lineNumber, value, line));
                    case "Permanent HW addr" -> slave.put("hw_addr", value);
                    default -> { } // queue ID, aggregator and LACP details
                }
                continue;
            }
            switch (key) {
                case "Ethernet Channel Bonding Driver" -> result.put("version", value);
                case "Bonding Mode" -> result.put("mode", value);
                case "MII Status" -> result.put("mii_status", value);
                case "Currently Active Slave" -> result.put("active_slave", none(value));
                case "Primary Slave" -> result.put("primary_slave", none(value.replaceFirst("\\s*\\(.*$", "")));
                case "MII Polling Interval (ms)" -> result.put("mii_polling_interval", Text.number(NAME, lineNumber, value, line));
                default -> { }
            }
        }
        if (result.get("mode") == null) {
            int first = Text.firstNonBlank(lines);
            throw Text.at(NAME, first, "a bonding status with a 'Bonding Mode:' line", lines.get(first - 1));
        }
        long up = slaves.stream().filter(s -> "up".equals(s.get("mii_status"))).count();
        List<Object> frozen = new ArrayList<>();
        slaves.forEach(s -> frozen.add(Collections.unmodifiableMap(s)));
        result.put("slaves", List.copyOf(frozen));
        result.put("slaves_up", up);
        result.put("slaves_down", slaves.size() - up);
        return Collections.unmodifiableMap(result);
    }

    private static String none(String value) {
        return value.isEmpty() || value.equals("None") ? null : value;
    }
}
