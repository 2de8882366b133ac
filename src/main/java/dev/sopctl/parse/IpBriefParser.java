package dev.sopctl.parse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ip-brief}: iproute2's brief listings (formats/README.md §5.2): {@code ip -br link [show
 * type bridge | master BR]} ({@code NAME STATE MAC <FLAGS>}) and {@code ip -br addr}
 * ({@code NAME STATE ADDRESS/PREFIX…}).
 *
 * <pre>
 * xenbr0           UP             00:1b:21:aa:bb:cc &lt;BROADCAST,MULTICAST,UP,LOWER_UP&gt;
 * xenbr0           UP             192.168.0.20/24 fe80::21b:21ff:feaa:bbcc/64
 * </pre>
 *
 * <p>Result: {@code interfaces}, one map per line: {@code name} (without an {@code @peer} suffix),
 * {@code peer} (or null), {@code state} (UP, DOWN, UNKNOWN, LOWERLAYERDOWN, …), {@code mac} (or null),
 * {@code flags} (list; empty for {@code ip -br addr}), {@code up} (Boolean: the UP flag, or state UP
 * where no flags are printed), {@code lower_up}, {@code addresses} (list of ADDRESS/PREFIX, IPv4 and
 * IPv6), {@code ipv4} (the first IPv4 address with its prefix, or null); {@code names};
 * {@code by_name} (name → its map). Empty output is no interfaces ({@code show type bridge} on a
 * host without bridges).
 */
public final class IpBriefParser implements OutputParser {
    static final String NAME = "ip-brief";
    private static final Pattern STATE = Pattern.compile("UNKNOWN|NOTPRESENT|DOWN|LOWERLAYERDOWN|TESTING|DORMANT|UP");
    private static final Pattern MAC = Pattern.compile("^[0-9a-f]{2}(?::[0-9a-f]{2}){5}$");
    private static final Pattern FLAGS = Pattern.compile("^<([A-Z0-9_,-]*)>$");
    private static final Pattern ADDRESS = Pattern.compile("^[0-9a-fA-F.:]+(?:/\\d{1,3})?$");

    @Override
    public Map<String, Object> parse(String stdout) {
        List<String> lines = Text.lines(stdout);
        List<Object> interfaces = new ArrayList<>();
        Map<String, Object> byName = new LinkedHashMap<>();
        List<Object> names = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            List<String> words = Text.words(line);
            if (words.size() < 2 || !STATE.matcher(words.get(1)).matches()) {
                throw Text.at(NAME, i + 1, "'NAME STATE MAC <FLAGS>' or 'NAME STATE ADDRESS…' (ip -br link / ip -br addr)", line);
            }
            Map<String, Object> itf = new LinkedHashMap<>();
            String name = words.get(0);
            int at = name.indexOf('@');
            itf.put("name", at < 0 ? name : name.substring(0, at));
            itf.put("peer", at < 0 ? null : name.substring(at + 1));
            itf.put("state", words.get(1));
            String mac = null;
            List<String> flags = List.of();
            List<String> addresses = new ArrayList<>();
            for (String w : words.subList(2, words.size())) {
                Matcher f = FLAGS.matcher(w);
                if (mac == null && MAC.matcher(w).matches() && addresses.isEmpty()) {
                    mac = w;
                } else if (f.matches()) {
                    flags = f.group(1).isEmpty() ? List.of() : List.of(f.group(1).split(","));
                } else if (ADDRESS.matcher(w).matches()) {
                    addresses.add(w);
                } else {
                    throw Text.at(NAME, i + 1, "a MAC address, <FLAGS> or ADDRESS/PREFIX after the state", line);
                }
            }
            itf.put("mac", mac);
            itf.put("flags", flags);
            itf.put("up", flags.isEmpty() ? words.get(1).equals("UP") : flags.contains("UP"));
            itf.put("lower_up", flags.isEmpty() ? words.get(1).equals("UP") : flags.contains("LOWER_UP"));
            itf.put("addresses", List.copyOf(addresses));
            itf.put("ipv4", addresses.stream().filter(a -> a.indexOf(':') < 0).findFirst().orElse(null));
            Map<String, Object> frozen = Collections.unmodifiableMap(itf);
            interfaces.add(frozen);
            names.add(itf.get("name"));
            byName.put((String) itf.get("name"), frozen);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("interfaces", List.copyOf(interfaces));
        result.put("names", List.copyOf(names));
        result.put("by_name", Collections.unmodifiableMap(byName));
        return Collections.unmodifiableMap(result);
    }
}
