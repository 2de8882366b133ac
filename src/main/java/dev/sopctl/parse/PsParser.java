package dev.sopctl.parse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ps}: {@code ps -ef}, with or without its header, so {@code ps -ef | grep nginx} reads the
 * same way.
 *
 * <pre>
 * UID          PID    PPID  C STIME TTY          TIME CMD
 * root         1       0  0 Jan15 ?        00:00:03 /sbin/init
 * orchard   2345       1  0 10:00 ?        00:01:02 uwsgi --ini /home/orchard/pvdi/pvdi_uwsgi.ini
 * </pre>
 *
 * <p>Result: {@code processes}, one map per row: {@code user}, {@code pid} and {@code ppid}
 * (Long), {@code c} (Long), {@code stime}, {@code tty}, {@code time} and {@code cmd} (the whole
 * command line as printed, inner spacing kept). Empty output (grep found nothing) is no processes.
 * Note that {@code ps -ef | grep nginx} also lists the grep itself; {@code grep [n]ginx} does not.
 */
public final class PsParser implements OutputParser {
    static final String NAME = "ps";
    private static final Pattern ROW = Pattern.compile(
            "^\\s*(?<user>\\S+)\\s+(?<pid>\\d+)\\s+(?<ppid>\\d+)\\s+(?<c>\\d+)\\s+(?<stime>\\S+)\\s+(?<tty>\\S+)"
                    + "\\s+(?<time>(?:\\d+-)?\\d+:\\d\\d(?::\\d\\d)?)\\s(?<cmd>.*)$");
    private static final Pattern HEADER = Pattern.compile("^\\s*UID\\s+PID\\s+PPID\\s+C\\s+STIME\\s+TTY\\s+TIME\\s+CMD\\s*$");

    @Override
    public Map<String, Object> parse(String stdout) {
        List<String> lines = Text.lines(stdout);
        List<Object> processes = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = Text.noAnsi(lines.get(i));
            if (line.isBlank() || HEADER.matcher(line).matches()) {
                continue;
            }
            Matcher m = ROW.matcher(line);
            if (!m.matches()) {
                throw Text.at(NAME, i + 1, "a 'ps -ef' row 'UID PID PPID C STIME TTY TIME CMD'", line);
            }
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("user", m.group("user"));
            p.put("pid", Text.number(NAME, i + 1, m.group("pid"), line));
            p.put("ppid", Text.number(NAME, i + 1, m.group("ppid"), line));
            p.put("c", Text.number(NAME, i + 1, m.group("c"), line));
            p.put("stime", m.group("stime"));
            p.put("tty", m.group("tty"));
            p.put("time", m.group("time"));
            p.put("cmd", m.group("cmd").strip());
            processes.add(Collections.unmodifiableMap(p));
        }
        return Map.of("processes", List.copyOf(processes));
    }
}
