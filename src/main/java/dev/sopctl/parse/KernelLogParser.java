package dev.sopctl.parse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code kernel-log}: scans {@code /var/log/messages} (syslog lines
 * {@code Mon DD HH:MM:SS host kernel: [ 1234.567890] …}, RFC 3339 timestamps, or bare
 * {@code dmesg} lines) for the signatures of formats/README.md §10 and §6.3.
 *
 * <p>Signatures, in this order:
 * <ul>
 *   <li>{@code xen-balloon}: a call-trace frame of {@code alloc_xenballooned_pages} (the kernel's
 *       spelling) or {@code alloc_xenballoned_page} (the PVDI SOP's); the finding's
 *       {@code vfs_ioctl} is true when a call trace held both that frame and {@code vfs_ioctl};
 *   <li>{@code o2net-disconnect}: {@code o2net: No longer connected to node …} (and the 2.6.18
 *       {@code o2net_set_nn_state:NNN no longer connected to node …}); subjects are the node names;
 *   <li>{@code soft-lockup}: {@code [watchdog: ]BUG: soft lockup - CPU#N stuck for Ns! [comm:pid]};
 *   <li>{@code hung-task}: {@code INFO: task COMM:PID blocked for more than N seconds.};
 *   <li>{@code oom-kill}: {@code Out of memory: Kill process …} (≤ 4.19), {@code Out of memory:
 *       Killed process …} (5.0+), {@code Killed process …}; the old pair of lines for one victim
 *       counts once.
 * </ul>
 *
 * <p>Result: {@code findings}, one map per signature found: {@code signature}, {@code count}
 * (Long), {@code first} and {@code last} (the timestamp as the log prints it, e.g.
 * {@code Jan 15 10:01:02}; the {@code [seconds]} of bare dmesg lines; null if neither),
 * {@code sample} (the first matching line), {@code subjects} (the task, process or node names
 * involved, at most 20, distinct); {@code found} (the signatures found); {@code lines} (Long, lines
 * read). The output is read line by line in one pass with cheap substring tests before any regular
 * expression, so logs of tens of MB are fine. Empty output is no findings; binary data (a
 * compressed rotated log) or text without any log line is an error.
 */
public final class KernelLogParser implements OutputParser {
    static final String NAME = "kernel-log";
    private static final List<String> SIGNATURES =
            List.of("xen-balloon", "o2net-disconnect", "soft-lockup", "hung-task", "oom-kill");
    private static final int MAX_SUBJECTS = 20;
    private static final Pattern SYSLOG = Pattern.compile("^([A-Z][a-z]{2} [ 0-9]\\d \\d\\d:\\d\\d:\\d\\d) ");
    private static final Pattern ISO = Pattern.compile("^(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\S*) ");
    private static final Pattern DMESG = Pattern.compile("^\\[\\s*(\\d+\\.\\d+)\\]");
    private static final Pattern BALLOON = Pattern.compile("alloc_xenballoo?n(?:ed)?_pages?\\b");
    private static final Pattern O2NET = Pattern.compile("(?i)no longer connected to node (\\S+)");
    private static final Pattern SOFT_LOCKUP = Pattern.compile("BUG: soft lockup - CPU#\\d+ stuck for \\d+s! \\[(.+):\\d+\\]");
    private static final Pattern HUNG = Pattern.compile("INFO: task (.+?):\\d+ blocked for more than \\d+ seconds");
    private static final Pattern OOM = Pattern.compile("(Kill|Killed) process (\\d+),? (?:UID \\d+, )?\\(([^)]*)\\)");

    private static final class Finding {
        final String signature;
        long count;
        String first;
        String last;
        String sample;
        final Set<String> subjects = new LinkedHashSet<>();
        boolean vfsIoctl;

        Finding(String signature) {
            this.signature = signature;
        }

        void hit(String time, String line, String subject) {
            count++;
            if (count == 1) {
                first = time;
                sample = line;
            }
            last = time;
            if (subject != null && subjects.size() < MAX_SUBJECTS) {
                subjects.add(subject);
            }
        }
    }

    @Override
    public Map<String, Object> parse(String stdout) {
        String text = stdout == null ? "" : stdout;
        Map<String, Finding> findings = new LinkedHashMap<>();
        SIGNATURES.forEach(s -> findings.put(s, new Finding(s)));
        long lines = 0;
        long logLines = 0;
        int firstNonBlank = 0;
        String firstText = null;
        // call-trace state: a trace starts at "Call Trace:"; it holds a balloon frame and/or vfs_ioctl
        boolean traceBalloon = false;
        boolean traceIoctl = false;
        String pendingOomPid = null;

        int start = 0;
        int length = text.length();
        while (start < length) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = length;
            }
            String line = text.substring(start, end > start && text.charAt(end - 1) == '\r' ? end - 1 : end);
            start = end + 1;
            lines++;
            if (line.indexOf('\0') >= 0) {
                throw Text.at(NAME, (int) Math.min(lines, Integer.MAX_VALUE),
                        "text log lines (is this a compressed log? read it with zcat)", "binary data");
            }
            if (line.isBlank()) {
                continue;
            }
            if (firstText == null) {
                firstText = line;
                firstNonBlank = (int) Math.min(lines, Integer.MAX_VALUE);
            }
            String time = timestamp(line);
            if (time != null) {
                logLines++;
            }

            if (line.contains("Call Trace:")) {
                traceBalloon = false;
                traceIoctl = false;
            }
            if (line.contains("xenballo")) {
                Matcher m = BALLOON.matcher(line);
                if (m.find()) {
                    findings.get("xen-balloon").hit(time, line, null);
                    traceBalloon = true;
                }
            }
            if (line.contains("vfs_ioctl")) {
                traceIoctl = true;
            }
            if (traceBalloon && traceIoctl) {
                findings.get("xen-balloon").vfsIoctl = true;
            }
            if (line.contains("o2net") && (line.contains("o longer connected"))) {
                Matcher m = O2NET.matcher(line);
                if (m.find()) {
                    findings.get("o2net-disconnect").hit(time, line, m.group(1));
                }
            }
            if (line.contains("BUG: soft lockup")) {
                Matcher m = SOFT_LOCKUP.matcher(line);
                findings.get("soft-lockup").hit(time, line, m.find() ? m.group(1) : null);
            }
            if (line.contains("INFO: task ") && line.contains(" blocked for more than ")) {
                Matcher m = HUNG.matcher(line);
                findings.get("hung-task").hit(time, line, m.find() ? m.group(1) : null);
            }
            if (line.contains("ill process ") || line.contains("illed process ")) {
                Matcher m = OOM.matcher(line);
                if (m.find()) {
                    String pid = m.group(2);
                    boolean followUp = m.group(1).equals("Killed") && !line.contains("Out of memory")
                            && pid.equals(pendingOomPid);
                    pendingOomPid = m.group(1).equals("Kill") ? pid : null;
                    if (!followUp) {
                        findings.get("oom-kill").hit(time, line, m.group(3));
                    }
                }
            }
        }
        if (firstText != null && logLines == 0) {
            throw Text.at(NAME, firstNonBlank, "syslog lines like 'Jan 15 10:00:00 host kernel: ...'", firstText);
        }

        List<Object> found = new ArrayList<>();
        List<Object> list = new ArrayList<>();
        for (Finding f : findings.values()) {
            if (f.count == 0) {
                continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("signature", f.signature);
            m.put("count", f.count);
            m.put("first", f.first == null || f.first.isEmpty() ? null : f.first);
            m.put("last", f.last == null || f.last.isEmpty() ? null : f.last);
            m.put("sample", f.sample.strip());
            m.put("subjects", List.copyOf(f.subjects));
            if (f.signature.equals("xen-balloon")) {
                m.put("vfs_ioctl", f.vfsIoctl);
            }
            list.add(Collections.unmodifiableMap(m));
            found.add(f.signature);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("findings", List.copyOf(list));
        result.put("found", List.copyOf(found));
        result.put("lines", lines);
        return Collections.unmodifiableMap(result);
    }

    /** The line's timestamp as printed, or null when it does not start like a log line. */
    private static String timestamp(String line) {
        char c = line.charAt(0);
        if (c >= 'A' && c <= 'Z' && line.length() > 16) {
            Matcher m = SYSLOG.matcher(line);
            return m.lookingAt() ? m.group(1) : null;
        }
        if (c >= '0' && c <= '9') {
            Matcher m = ISO.matcher(line);
            return m.lookingAt() ? m.group(1) : null;
        }
        if (c == 'k' && line.startsWith("kernel: ")) {
            return ""; // journalctl -k -o cat / an excerpt without the syslog prefix: a log line, no time
        }
        if (c == '[') {
            Matcher m = DMESG.matcher(line);
            return m.lookingAt() ? m.group(1) : null;
        }
        return null;
    }
}
