package dev.sopctl.parse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code o2cb-status}: {@code /etc/init.d/o2cb status} (formats/README.md §6.1), ocfs2-tools 1.8
 * ({@code Checking O2CB cluster "ocfs2": Online}) and 1.4 / 1.2 (unquoted cluster name,
 * {@code Heartbeat dead threshold = 31}, {@code Module "configfs": Loaded}).
 *
 * <p>Result: Booleans {@code configfs_loaded}, {@code configfs_mounted}, {@code dlmfs_loaded},
 * {@code dlmfs_mounted}, {@code cluster_online}, {@code heartbeat_active} (false when their line is
 * missing); {@code cluster} (the cluster name, or null when no cluster line: O2CB_BOOTCLUSTER
 * unset), {@code stack_plugin} (e.g. {@code o2cb}, or null); Longs or null
 * {@code heartbeat_dead_threshold}, {@code network_idle_timeout}, {@code network_keepalive_delay},
 * {@code network_reconnect_delay} (ms); {@code heartbeat_mode} (String or null); {@code nodes}
 * (from {@code Nodes in O2CB cluster:}), {@code regions} (global heartbeat {@code UUID DEVICE}
 * lines: {@code uuid}, {@code device}); and {@code lines}: every {@code key: value} /
 * {@code key = value} line as printed, key → value.
 *
 * <p>Annotations an operator wrote after a value ({@code Mounted   -- mounted 확인}, as on the
 * SOP page) are dropped. A line of another shape, or output without any driver or cluster line,
 * is an error.
 */
public final class O2cbStatusParser implements OutputParser {
    static final String NAME = "o2cb-status";
    private static final Pattern ANNOTATION = Pattern.compile("\\s{2,}-{2,}.*$");
    private static final Pattern KEY_VALUE = Pattern.compile("^(?<key>[^:=]+?)\\s*(?::|\\s=)(?:\\s+(?<value>.*))?$");
    private static final Pattern CLUSTER = Pattern.compile("^Checking O2CB cluster\\s+\"?(?<name>[^\"]+?)\"?$");
    private static final Pattern REGION = Pattern.compile("^(?<uuid>[0-9A-Fa-f]{32})\\s+(?<device>\\S+)$");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");

    @Override
    public Map<String, Object> parse(String stdout) {
        List<String> lines = Text.lines(stdout);
        if (Text.firstNonBlank(lines) == 0) {
            throw Text.empty(NAME, "the lines of '/etc/init.d/o2cb status'");
        }
        Map<String, Object> kv = new LinkedHashMap<>();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("configfs_loaded", false);
        result.put("configfs_mounted", false);
        result.put("dlmfs_loaded", false);
        result.put("dlmfs_mounted", false);
        result.put("cluster_online", false);
        result.put("heartbeat_active", false);
        result.put("cluster", null);
        result.put("stack_plugin", null);
        result.put("heartbeat_dead_threshold", null);
        result.put("network_idle_timeout", null);
        result.put("network_keepalive_delay", null);
        result.put("network_reconnect_delay", null);
        result.put("heartbeat_mode", null);
        List<Object> nodes = new ArrayList<>();
        List<Object> regions = new ArrayList<>();
        boolean recognised = false;

        for (int i = 0; i < lines.size(); i++) {
            int lineNumber = i + 1;
            String line = ANNOTATION.matcher(lines.get(i)).replaceFirst("").strip();
            if (line.isEmpty()) {
                continue;
            }
            Matcher region = REGION.matcher(line);
            if (region.matches()) {
                regions.add(Map.of("uuid", region.group("uuid"), "device", region.group("device")));
                continue;
            }
            Matcher m = KEY_VALUE.matcher(line);
            if (!m.matches()) {
                throw Text.at(NAME, lineNumber, "'KEY: VALUE' as printed by o2cb status", line);
            }
            String key = m.group("key").strip();
            String value = m.group("value") == null ? "" : m.group("value").strip();
            kv.putIfAbsent(key, value);
            String quoted = quoted(key);
            if (key.startsWith("Driver for ") || key.startsWith("Module ")) {
                recognised = true;
                if ("configfs".equals(quoted)) {
                    result.put("configfs_loaded", value.equals("Loaded"));
                } else if ("ocfs2_dlmfs".equals(quoted)) {
                    result.put("dlmfs_loaded", value.equals("Loaded"));
                }
            } else if (key.startsWith("Filesystem ")) {
                if ("configfs".equals(quoted)) {
                    result.put("configfs_mounted", value.equals("Mounted"));
                } else if ("ocfs2_dlmfs".equals(quoted)) {
                    result.put("dlmfs_mounted", value.equals("Mounted"));
                }
            } else if (key.startsWith("Stack plugin ")) {
                result.put("stack_plugin", value.equals("Loaded") ? quoted : null);
            } else if (key.startsWith("Checking O2CB cluster")) {
                recognised = true;
                Matcher c = CLUSTER.matcher(key);
                result.put("cluster", c.matches() ? c.group("name") : null);
                result.put("cluster_online", value.equals("Online"));
            } else if (key.equals("Checking O2CB heartbeat")) {
                recognised = true;
                result.put("heartbeat_active", value.equals("Active"));
            } else if (key.equals("Heartbeat dead threshold")) {
                result.put("heartbeat_dead_threshold", Text.number(NAME, lineNumber, value, line));
            } else if (key.equals("Network idle timeout")) {
                result.put("network_idle_timeout", Text.number(NAME, lineNumber, value, line));
            } else if (key.equals("Network keepalive delay")) {
                result.put("network_keepalive_delay", Text.number(NAME, lineNumber, value, line));
            } else if (key.equals("Network reconnect delay")) {
                result.put("network_reconnect_delay", Text.number(NAME, lineNumber, value, line));
            } else if (key.equals("Heartbeat mode")) {
                result.put("heartbeat_mode", value);
            } else if (key.equals("Nodes in O2CB cluster")) {
                nodes.addAll(Text.words(value));
            }
        }
        if (!recognised) {
            int first = Text.firstNonBlank(lines);
            throw Text.at(NAME, first, "o2cb status lines ('Driver for \"configfs\": Loaded', "
                    + "'Checking O2CB cluster ...: Online')", lines.get(first - 1));
        }
        result.put("nodes", List.copyOf(nodes));
        result.put("regions", List.copyOf(regions));
        result.put("lines", Collections.unmodifiableMap(kv));
        return Collections.unmodifiableMap(result);
    }

    private static String quoted(String key) {
        Matcher q = QUOTED.matcher(key);
        return q.find() ? q.group(1) : null;
    }
}
