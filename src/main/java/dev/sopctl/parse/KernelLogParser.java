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
 *       counts once;
 *   <li>{@code drbd-split-brain}: DRBD's unresolved split brain (formats/README.md §3.5),
 *       {@code Split-Brain detected but unresolved, dropping connection!} (or the User's Guide's
 *       {@code Split-Brain detected, dropping connection!}); subjects are the devices as the prefix
 *       names them ({@code drbd0} for 8.3/8.4 {@code block drbd0:}, {@code r0} for {@code drbd r0:}
 *       or {@code d-con r0:}, {@code r0/0 drbd0 node2} for DRBD 9);
 *   <li>{@code drbd-split-brain-resolved}: {@code Split-Brain detected, N primaries, automatically
 *       solved. Sync from …} and {@code Split-Brain detected, manually solved. Sync from …}.
 * </ul>
 *
 * <p>{@code drbd} holds the rest of DRBD's split-brain evidence: {@code split_brain_helper} (Long:
 * calls of the {@code split-brain} handler, {@code helper command: /sbin/drbdadm split-brain …},
 * not counting its {@code exit code} line nor {@code initial-split-brain}), {@code handshakes}
 * (one map per {@code drbd_sync_handshake}: {@code time}, {@code device}, {@code self_bits} and
 * {@code peer_bits} (Long: the changed 4 KiB blocks each side has, from the {@code self …
 * bits:N flags:F} and {@code peer … bits:N flags:F} lines; null when a line is missing),
 * {@code self_uuid}, {@code peer_uuid}, {@code self_flags}, {@code peer_flags}, at most the last
 * 20), and {@code self_bits}/{@code peer_bits} of the last handshake (or null).
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
            List.of("xen-balloon", "o2net-disconnect", "soft-lockup", "hung-task", "oom-kill", "drbd-split-brain",
                    "drbd-split-brain-resolved");
    private static final int MAX_HANDSHAKES = 20;
    private static final int MAX_SUBJECTS = 20;
    private static final Pattern SYSLOG = Pattern.compile("^([A-Z][a-z]{2} [ 0-9]\\d \\d\\d:\\d\\d:\\d\\d) ");
    private static final Pattern ISO = Pattern.compile("^(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\S*) ");
    private static final Pattern DMESG = Pattern.compile("^\\[\\s*(\\d+\\.\\d+)\\]");
    private static final Pattern BALLOON = Pattern.compile("alloc_xenballoo?n(?:ed)?_pages?\\b");
    private static final Pattern O2NET = Pattern.compile("(?i)no longer connected to node (\\S+)");
    private static final Pattern SOFT_LOCKUP = Pattern.compile("BUG: soft lockup - CPU#\\d+ stuck for \\d+s! \\[(.+):\\d+\\]");
    private static final Pattern HUNG = Pattern.compile("INFO: task (.+?):\\d+ blocked for more than \\d+ seconds");
    private static final Pattern DRBD_DEVICE =
            Pattern.compile("(?:block (drbd\\d+)|d-con ([^\\s:]+)|drbd ([^\\s:]+(?: drbd\\d+)?(?: [^\\s:]+)?)): ");
    private static final Pattern SPLIT_BRAIN_UNRESOLVED =
            Pattern.compile("Split-Brain detected(?: but unresolved)?, dropping connection!");
    private static final Pattern SPLIT_BRAIN_SOLVED =
            Pattern.compile("Split-Brain detected, (?:\\d+ primaries, automatically|manually) solved\\.");
    private static final Pattern SPLIT_BRAIN_HELPER = Pattern.compile("helper command: \\S*drbdadm split-brain(?! \\S+ exit code)");
    private static final Pattern UUID_LINE =
            Pattern.compile(": (self|peer) ([0-9A-Fa-f]+(?::[0-9A-Fa-f]+)*) bits:(\\d+) flags:([0-9A-Fa-f]+)");
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
        long splitBrainHelper = 0;
        List<Map<String, Object>> handshakes = new ArrayList<>();
        Map<String, Object> handshake = null;

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
            if (line.contains("drbd")) {
                String device = drbdDevice(line);
                if (line.contains("Split-Brain detected")) {
                    if (SPLIT_BRAIN_UNRESOLVED.matcher(line).find()) {
                        findings.get("drbd-split-brain").hit(time, line, device);
                    } else if (SPLIT_BRAIN_SOLVED.matcher(line).find()) {
                        findings.get("drbd-split-brain-resolved").hit(time, line, device);
                    }
                } else if (line.contains("drbd_sync_handshake:")) {
                    handshake = new LinkedHashMap<>();
                    handshake.put("time", time == null || time.isEmpty() ? null : time);
                    handshake.put("device", device);
                    for (String k : List.of("self_uuid", "self_bits", "self_flags", "peer_uuid", "peer_bits", "peer_flags")) {
                        handshake.put(k, null);
                    }
                    handshakes.add(handshake);
                    if (handshakes.size() > MAX_HANDSHAKES) {
                        handshakes.remove(0);
                    }
                } else if (line.contains(" bits:")) {
                    Matcher m = UUID_LINE.matcher(line);
                    if (m.find() && handshake != null && java.util.Objects.equals(device, handshake.get("device"))) {
                        String side = m.group(1);
                        handshake.put(side + "_uuid", m.group(2));
                        handshake.put(side + "_bits", Text.number(NAME, (int) Math.min(lines, Integer.MAX_VALUE), m.group(3), line));
                        handshake.put(side + "_flags", m.group(4));
                    }
                } else if (line.contains("helper command:") && SPLIT_BRAIN_HELPER.matcher(line).find()) {
                    splitBrainHelper++;
                }
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
        List<Object> frozen = new ArrayList<>();
        handshakes.forEach(h -> frozen.add(Collections.unmodifiableMap(h)));
        Map<String, Object> last = handshakes.isEmpty() ? Map.of() : handshakes.get(handshakes.size() - 1);
        Map<String, Object> drbd = new LinkedHashMap<>();
        drbd.put("split_brain_helper", splitBrainHelper);
        drbd.put("handshakes", List.copyOf(frozen));
        drbd.put("self_bits", last.get("self_bits"));
        drbd.put("peer_bits", last.get("peer_bits"));
        result.put("drbd", Collections.unmodifiableMap(drbd));
        return Collections.unmodifiableMap(result);
    }

    /** The DRBD device or resource a kernel line is about, as its prefix names it, or null. */
    private static String drbdDevice(String line) {
        Matcher m = DRBD_DEVICE.matcher(line);
        if (!m.find()) {
            return null;
        }
        return m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
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
