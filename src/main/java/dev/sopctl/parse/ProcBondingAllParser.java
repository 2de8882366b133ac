package dev.sopctl.parse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code proc-bonding-all}: every bond of a host at once, as {@code tail -v -n +1
 * /proc/net/bonding/*} prints them: each file behind a {@code ==> /proc/net/bonding/bond0 <==}
 * header, read like {@code proc-bonding}.
 *
 * <p>Result: {@code bonds}, one {@code proc-bonding} result per file with its {@code name} added;
 * {@code names}; {@code down} (bonds whose MII status is not up); {@code degraded} (bonds that are up
 * without redundancy: a slave not up, or a single slave); {@code slaves_down} (each
 * {@code BOND/SLAVE} whose MII status is not up); {@code single_slave} (bonds with one slave only);
 * {@code link_failures} (Long: the sum of every
 * slave's link failure count, for graphs). Empty output is a host without bonds; text before the
 * first header is an error.
 */
public final class ProcBondingAllParser implements OutputParser {
    static final String NAME = "proc-bonding-all";
    private static final Pattern HEADER = Pattern.compile("^==> (?:.*/)?([^/\\s]+) <==$");
    private final ProcBondingParser one = new ProcBondingParser();

    @Override
    public Map<String, Object> parse(String stdout) {
        List<String> lines = Text.lines(stdout);
        List<Object> bonds = new ArrayList<>();
        List<Object> names = new ArrayList<>();
        List<Object> down = new ArrayList<>();
        List<Object> degraded = new ArrayList<>();
        List<Object> singleSlave = new ArrayList<>();
        List<Object> slavesDown = new ArrayList<>();
        long failures = 0;
        String name = null;
        int start = 0;
        for (int i = 0; i <= lines.size(); i++) {
            Matcher h = i < lines.size() ? HEADER.matcher(lines.get(i).strip()) : null;
            boolean end = i == lines.size() || h.matches();
            if (!end) {
                if (name == null && !lines.get(i).isBlank()) {
                    throw Text.at(NAME, i + 1, "a '==> /proc/net/bonding/BOND <==' header (tail -v -n +1)", lines.get(i));
                }
                continue;
            }
            if (name != null) {
                Map<String, Object> bond = new LinkedHashMap<>();
                bond.put("name", name);
                try {
                    bond.putAll(one.parse(String.join("\n", lines.subList(start, i))));
                } catch (ParseException e) {
                    throw new ParseException(NAME + ": " + name + " (from line " + (start + 1) + "): " + e.getMessage());
                }
                bonds.add(Collections.unmodifiableMap(bond));
                names.add(name);
                List<?> slaves = (List<?>) bond.get("slaves");
                if (!"up".equals(bond.get("mii_status"))) {
                    down.add(name);
                } else if ((Long) bond.get("slaves_down") > 0 || slaves.size() < 2) {
                    degraded.add(name);
                }
                if (slaves.size() == 1) {
                    singleSlave.add(name);
                }
                for (Object o : slaves) {
                    Map<?, ?> s = (Map<?, ?>) o;
                    if (!"up".equals(s.get("mii_status"))) {
                        slavesDown.add(name + "/" + s.get("name"));
                    }
                    if (s.get("link_failure_count") instanceof Long n) {
                        failures += n;
                    }
                }
            }
            if (i < lines.size()) {
                name = h.group(1);
                start = i + 1;
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("bonds", List.copyOf(bonds));
        result.put("names", List.copyOf(names));
        result.put("down", List.copyOf(down));
        result.put("degraded", List.copyOf(degraded));
        result.put("slaves_down", List.copyOf(slavesDown));
        result.put("single_slave", List.copyOf(singleSlave));
        result.put("link_failures", failures);
        return Collections.unmodifiableMap(result);
    }
}
