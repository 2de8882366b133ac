package dev.sopctl.parse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code brctl-show}: bridge-utils {@code brctl show} (formats/README.md §5.1).
 *
 * <pre>
 * bridge name^Ibridge id^I^ISTP enabled^Iinterfaces
 * xenbr0^I^I8000.001b21aabbcc^Ino^I^Ieth0
 * ^I^I^I^I^I^I^Ivif3.0
 * virbr0^I^I8000.525400123456^Iyes^I^I
 * </pre>
 *
 * <p>Fields are split on TABs or spaces (the SOP page's copy has spaces); a line that starts with
 * white space continues the previous bridge with one more interface. Result: {@code bridges}, one
 * map per bridge: {@code name}, {@code id} (priority.mac), {@code stp} (Boolean), {@code interfaces}
 * (list, empty for a bridge without ports); {@code names} (the bridge names); {@code bridge_of}
 * (interface → its bridge); {@code attached} (each {@code BRIDGE/INTERFACE}). The header is required; a row whose id or STP field does not fit is an
 * error.
 */
public final class BrctlShowParser implements OutputParser {
    static final String NAME = "brctl-show";
    private static final Pattern HEADER = Pattern.compile("^bridge name\\s+bridge id\\s+STP enabled\\s+interfaces\\s*$");
    private static final Pattern ID = Pattern.compile("^[0-9a-fA-F]{4}\\.[0-9a-fA-F]{12}$");

    @Override
    public Map<String, Object> parse(String stdout) {
        List<String> lines = Text.lines(stdout);
        int header = Text.firstNonBlank(lines);
        if (header == 0) {
            throw Text.empty(NAME, "the 'brctl show' header (bridge name, bridge id, STP enabled, interfaces)");
        }
        if (!HEADER.matcher(lines.get(header - 1).strip()).matches()) {
            throw Text.at(NAME, header, "the 'brctl show' header (bridge name, bridge id, STP enabled, interfaces)",
                    lines.get(header - 1));
        }
        List<Map<String, Object>> bridges = new ArrayList<>();
        Map<String, Object> bridgeOf = new LinkedHashMap<>();
        List<Object> current = null;
        for (int i = header; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            List<String> words = Text.words(line);
            if (Character.isWhitespace(line.charAt(0))) {
                if (current == null || words.size() != 1) {
                    throw Text.at(NAME, i + 1, "one interface name continuing a bridge", line);
                }
                current.add(words.get(0));
                bridgeOf.put(words.get(0), bridges.get(bridges.size() - 1).get("name"));
                continue;
            }
            if (words.size() < 3 || words.size() > 4 || !ID.matcher(words.get(1)).matches()
                    || !(words.get(2).equals("yes") || words.get(2).equals("no"))) {
                throw Text.at(NAME, i + 1, "'NAME ID(8000.001b21aabbcc) yes|no [INTERFACE]'", line);
            }
            Map<String, Object> bridge = new LinkedHashMap<>();
            bridge.put("name", words.get(0));
            bridge.put("id", words.get(1));
            bridge.put("stp", words.get(2).equals("yes"));
            current = new ArrayList<>();
            if (words.size() == 4) {
                current.add(words.get(3));
                bridgeOf.put(words.get(3), words.get(0));
            }
            bridge.put("interfaces", current);
            bridges.add(bridge);
        }
        List<Object> frozen = new ArrayList<>();
        List<Object> names = new ArrayList<>();
        List<Object> attached = new ArrayList<>();
        for (Map<String, Object> b : bridges) {
            b.put("interfaces", List.copyOf((List<?>) b.get("interfaces")));
            frozen.add(Collections.unmodifiableMap(b));
            names.add(b.get("name"));
            ((List<?>) b.get("interfaces")).forEach(i -> attached.add(b.get("name") + "/" + i));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("bridges", List.copyOf(frozen));
        result.put("names", List.copyOf(names));
        result.put("bridge_of", Collections.unmodifiableMap(bridgeOf));
        result.put("attached", List.copyOf(attached));
        return Collections.unmodifiableMap(result);
    }
}
