package dev.sopctl.parse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code lcdstatus-q}: SIOS LifeKeeper's short status, {@code lcdstatus -q} (and {@code -e}),
 * formats/README.md §8.1 and §8.6: the resource table and, when printed, the comm-path table.
 *
 * <pre>
 * LOCAL   TAG            ID             STATE   PRIO  PRIMARY
 * node1   app1           application1   ISP        1  node1
 * node1     ip1          192.168.0.1    ISP        1  node1
 *
 * MACHINE   NETWORK   ADDRESSES/DEVICE          STATE   PRIO
 * node2     TCP       192.168.1.1/192.168.1.2   ALIVE      1
 * </pre>
 *
 * <p>Rows are split on white space: the machine is the first word, the tag the second, state, prio
 * and primary the last three, the id everything between. A tag indented further than the header's
 * TAG column depends on the tag above it. Result: {@code resources}, each {@code machine} (the
 * LOCAL column of {@code -q}, the BACKUP column of {@code -e}), {@code tag}, {@code id},
 * {@code state} (ISP, ISU, OSF, OSU), {@code prio} (Long), {@code primary}, {@code indent} (Long:
 * extra spaces before the tag, 0 for the top of a hierarchy) and {@code top} (the tag at the top of
 * its hierarchy); {@code states} (tag → state); {@code comm_paths}, each {@code machine},
 * {@code network} (TCP, TTY, …), {@code addresses}, {@code state} (ALIVE, DEAD), {@code prio}
 * (Long, or null for {@code --}); {@code alive} (Boolean: there are comm paths and all are ALIVE).
 *
 * <p>{@code lcdstatus-e} is the same parser for {@code lcdstatus -e} only: its resource table must
 * have the BACKUP header, and each resource also has {@code backup} (the next server in priority
 * order, or null where {@code -e} prints dashes because this server is the lowest). Under
 * {@code lcdstatus-q}, {@code backup} is null for {@code -q}'s LOCAL table.
 */
public final class LcdstatusParser implements OutputParser {
    static final String NAME = "lcdstatus-q";
    static final String NAME_E = "lcdstatus-e";
    private static final Pattern RESOURCE_HEADER = Pattern.compile("^(LOCAL|BACKUP)\\s+TAG\\s+ID\\s+STATE\\s+PRIO\\s+PRIMARY\\s*$");
    private static final Pattern PATH_HEADER = Pattern.compile("^MACHINE\\s+NETWORK\\s+ADDRESSES/DEVICE\\s+STATE\\s+PRIO\\s*$");
    private static final Pattern STATE = Pattern.compile("^[A-Z]{3}$");
    private static final Pattern DASHES = Pattern.compile("^-+$");

    private final boolean extendedOnly;
    private final String name;

    public LcdstatusParser() {
        this(false);
    }

    /** @param extendedOnly read only {@code lcdstatus -e} (the BACKUP table), as {@code lcdstatus-e} */
    LcdstatusParser(boolean extendedOnly) {
        this.extendedOnly = extendedOnly;
        this.name = extendedOnly ? NAME_E : NAME;
    }

    String name() {
        return name;
    }

    @Override
    public Map<String, Object> parse(String stdout) {
        List<String> lines = Text.lines(stdout);
        if (Text.firstNonBlank(lines) == 0) {
            throw Text.empty(name, extendedOnly ? "the 'lcdstatus -e' table (BACKUP TAG ID STATE PRIO PRIMARY)"
                    : "the 'lcdstatus -q' table (LOCAL TAG ID STATE PRIO PRIMARY)");
        }
        List<Object> resources = new ArrayList<>();
        List<Object> paths = new ArrayList<>();
        Map<String, Object> states = new LinkedHashMap<>();
        int table = 0; // 0 none yet, 1 resources, 2 comm paths
        int tagColumn = 0;
        boolean backupTable = false;
        String top = null;
        for (int i = 0; i < lines.size(); i++) {
            int lineNumber = i + 1;
            String line = lines.get(i).stripTrailing();
            if (line.isBlank()) {
                continue;
            }
            java.util.regex.Matcher header = RESOURCE_HEADER.matcher(line);
            if (header.matches()) {
                backupTable = header.group(1).equals("BACKUP");
                if (extendedOnly && !backupTable) {
                    throw Text.at(name, lineNumber, "the 'lcdstatus -e' header (BACKUP TAG ID STATE PRIO PRIMARY)", line);
                }
                table = 1;
                tagColumn = line.indexOf("TAG");
                continue;
            }
            if (PATH_HEADER.matcher(line).matches()) {
                table = 2;
                continue;
            }
            List<String> words = Text.words(line);
            if (table == 1) {
                if (words.size() < 6 || !STATE.matcher(words.get(words.size() - 3)).matches()) {
                    throw Text.at(name, lineNumber, "'MACHINE TAG ID STATE PRIO PRIMARY'", line);
                }
                int n = words.size();
                int indent = Math.max(0, line.indexOf(words.get(1), words.get(0).length()) - tagColumn);
                if (indent == 0 || top == null) {
                    top = words.get(1);
                }
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("machine", words.get(0));
                r.put("backup", backupTable && !DASHES.matcher(words.get(0)).matches() ? words.get(0) : null);
                r.put("tag", words.get(1));
                r.put("id", String.join(" ", words.subList(2, n - 3)));
                r.put("state", words.get(n - 3));
                r.put("prio", Text.number(name, lineNumber, words.get(n - 2), line));
                r.put("primary", words.get(n - 1));
                r.put("indent", (long) indent);
                r.put("top", top);
                resources.add(Collections.unmodifiableMap(r));
                states.put(words.get(1), words.get(n - 3));
            } else if (table == 2) {
                if (words.size() != 5) {
                    throw Text.at(name, lineNumber, "'MACHINE NETWORK ADDRESSES/DEVICE STATE PRIO'", line);
                }
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("machine", words.get(0));
                p.put("network", words.get(1));
                p.put("addresses", words.get(2));
                p.put("state", words.get(3));
                p.put("prio", words.get(4).equals("--") ? null : Text.number(name, lineNumber, words.get(4), line));
                paths.add(Collections.unmodifiableMap(p));
            } else {
                throw Text.at(name, lineNumber, extendedOnly ? "the 'lcdstatus -e' header (BACKUP TAG ID STATE PRIO PRIMARY)"
                        : "the 'lcdstatus -q' header (LOCAL TAG ID STATE PRIO PRIMARY)", line);
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("resources", List.copyOf(resources));
        result.put("states", Collections.unmodifiableMap(states));
        result.put("comm_paths", List.copyOf(paths));
        result.put("alive", !paths.isEmpty() && paths.stream().allMatch(p -> "ALIVE".equals(((Map<?, ?>) p).get("state"))));
        return Collections.unmodifiableMap(result);
    }
}
