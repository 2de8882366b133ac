package dev.sopctl.parse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bridge-link}: iproute2 {@code bridge link [show]} (formats/README.md §5.3), current
 * ({@code 3: eth0: <FLAGS> mtu 1500 master xenbr0 state forwarding …}) and RHEL 7-era
 * ({@code 3: eth0 state UP : <FLAGS> …}) layouts.
 *
 * <p>Result: {@code ports}, one map per line: {@code index} (Long), {@code name} (without an
 * {@code @peer} suffix), {@code flags} (list), {@code mtu} (Long or null), {@code master} (the
 * bridge, or null), {@code state} (disabled, listening, learning, forwarding, blocking, or null),
 * {@code priority}, {@code cost} (Long or null); {@code names}; {@code by_bridge} (bridge → its
 * port names in order); {@code bridge_of} (port → bridge); {@code attached} (each {@code BRIDGE/PORT}). Empty output is no ports.
 */
public final class BridgeLinkParser implements OutputParser {
    static final String NAME = "bridge-link";
    private static final Pattern LINE = Pattern.compile(
            "^(?<index>\\d+): (?<name>[^\\s:@]+)(?:@\\S+?)?(?::| state \\S+ :) <(?<flags>[^>]*)>(?<rest>.*)$");

    @Override
    public Map<String, Object> parse(String stdout) {
        List<String> lines = Text.lines(stdout);
        List<Object> ports = new ArrayList<>();
        List<Object> names = new ArrayList<>();
        Map<String, List<Object>> byBridge = new LinkedHashMap<>();
        Map<String, Object> bridgeOf = new LinkedHashMap<>();
        List<Object> attached = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw Text.at(NAME, i + 1, "'N: NAME: <FLAGS> mtu N master BRIDGE state STATE …' (bridge link)", line);
            }
            Map<String, String> attrs = attributes(m.group("rest"), i + 1, line);
            Map<String, Object> port = new LinkedHashMap<>();
            port.put("index", Long.parseLong(m.group("index")));
            port.put("name", m.group("name"));
            port.put("flags", m.group("flags").isEmpty() ? List.of() : List.of(m.group("flags").split(",")));
            port.put("mtu", number(attrs.get("mtu"), i + 1, line));
            port.put("master", attrs.get("master"));
            port.put("state", attrs.get("state"));
            port.put("priority", number(attrs.get("priority"), i + 1, line));
            port.put("cost", number(attrs.get("cost"), i + 1, line));
            ports.add(Collections.unmodifiableMap(port));
            names.add(m.group("name"));
            if (attrs.get("master") != null) {
                byBridge.computeIfAbsent(attrs.get("master"), k -> new ArrayList<>()).add(m.group("name"));
                bridgeOf.put(m.group("name"), attrs.get("master"));
                attached.add(attrs.get("master") + "/" + m.group("name"));
            }
        }
        Map<String, Object> frozenByBridge = new LinkedHashMap<>();
        byBridge.forEach((k, v) -> frozenByBridge.put(k, List.copyOf(v)));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("ports", List.copyOf(ports));
        result.put("names", List.copyOf(names));
        result.put("by_bridge", Collections.unmodifiableMap(frozenByBridge));
        result.put("bridge_of", Collections.unmodifiableMap(bridgeOf));
        result.put("attached", List.copyOf(attached));
        return Collections.unmodifiableMap(result);
    }

    /** {@code key value} pairs after the flags; a key without a value (a trailing flag word) is kept as "". */
    private static Map<String, String> attributes(String rest, int lineNumber, String line) {
        Map<String, String> attrs = new LinkedHashMap<>();
        List<String> words = Text.words(rest);
        for (int i = 0; i < words.size(); i += 2) {
            attrs.put(words.get(i), i + 1 < words.size() ? words.get(i + 1) : "");
        }
        return attrs;
    }

    private static Long number(String word, int lineNumber, String line) {
        return word == null ? null : Text.number(NAME, lineNumber, word, line);
    }
}
