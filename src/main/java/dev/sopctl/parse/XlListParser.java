package dev.sopctl.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code xl-list}: the output of Xen's {@code xl list} (formats/README.md §1.1).
 *
 * <pre>
 * Name                                        ID   Mem VCPUs	State	Time(s)
 * Domain-0                                     0  4096     8     r-----  123456.7
 * web01                                        3  2048     2     -b----    8123.4
 * </pre>
 *
 * <p>Result: {@code domains} (a list of maps: {@code name}, {@code id} Long, {@code mem} Long MiB,
 * {@code vcpus} Long, {@code state} the six state letters, {@code time} Double CPU seconds,
 * {@code running}, {@code crashed}, {@code paused}, {@code shutdown}, {@code dying} Booleans),
 * {@code names} (every domain name, in output order) and {@code guests} (the names except
 * {@code Domain-0}).
 *
 * <p>The header has TABs but the rows only spaces, and a name longer than 40 characters pushes the
 * other columns right, so a row is split from the right: its last five fields are ID, Mem, VCPUs,
 * State and Time; everything before them is the name.
 */
public final class XlListParser implements OutputParser {
    static final String NAME = "xl-list";
    private static final String HEADER = "Name ID Mem VCPUs State Time(s)";
    private static final Pattern ROW = Pattern.compile(
            "^(\\S.*?)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+([-a-zA-Z]{6})\\s+(\\d+(?:\\.\\d*)?)$");

    @Override
    public Map<String, Object> parse(String stdout) {
        List<String> lines = stdout == null ? List.of() : stdout.lines().toList();
        int headerIndex = firstNonBlank(lines);
        if (headerIndex < 0) {
            throw new ParseException(NAME + ": empty output; expected the 'xl list' header (" + HEADER + ")");
        }
        String header = lines.get(headerIndex).strip();
        if (!String.join(" ", header.split("\\s+")).equals(HEADER)) {
            throw new ParseException(NAME + ": line " + (headerIndex + 1) + ": expected the 'xl list' header ("
                    + HEADER + ") but got '" + abbreviate(header) + "'");
        }
        List<Object> domains = new ArrayList<>();
        List<Object> names = new ArrayList<>();
        List<Object> guests = new ArrayList<>();
        for (int i = headerIndex + 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            Map<String, Object> domain = row(line, i + 1);
            domains.add(domain);
            names.add(domain.get("name"));
            if (!"Domain-0".equals(domain.get("name"))) {
                guests.add(domain.get("name"));
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("domains", List.copyOf(domains));
        result.put("names", List.copyOf(names));
        result.put("guests", List.copyOf(guests));
        return result;
    }

    private static Map<String, Object> row(String line, int lineNumber) {
        Matcher m = ROW.matcher(line);
        if (!m.matches()) {
            throw new ParseException(NAME + ": line " + lineNumber
                    + ": expected 'NAME ID MEM VCPUS STATE TIME' (state as six letters like -b----) but got '"
                    + abbreviate(line) + "'");
        }
        String state = m.group(5);
        boolean shutdown = state.charAt(3) == 's';
        boolean dying = state.charAt(5) == 'd';
        Map<String, Object> domain = new LinkedHashMap<>();
        domain.put("name", m.group(1));
        domain.put("id", number(m.group(2), line, lineNumber));
        domain.put("mem", number(m.group(3), line, lineNumber));
        domain.put("vcpus", number(m.group(4), line, lineNumber));
        domain.put("state", state);
        domain.put("time", Double.parseDouble(m.group(6)));
        domain.put("running", (state.charAt(0) == 'r' || state.charAt(1) == 'b') && !shutdown && !dying);
        domain.put("crashed", state.charAt(4) == 'c');
        domain.put("paused", state.charAt(2) == 'p');
        domain.put("shutdown", shutdown);
        domain.put("dying", dying);
        return domain;
    }

    private static Long number(String digits, String line, int lineNumber) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new ParseException(NAME + ": line " + lineNumber + ": number out of range in '" + abbreviate(line) + "'");
        }
    }

    private static int firstNonBlank(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                return i;
            }
        }
        return -1;
    }

    static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
