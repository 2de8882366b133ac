package dev.sopctl.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The check report as a monitoring plugin prints it (monitoring-plugins developer guidelines): a
 * first line {@code SOPCTL <STATE> - summary | perfdata}, then one line per check and host that is
 * not OK, worst first. The exit code is {@link CheckReport#state()}'s. A {@code |} in a text would
 * start perfdata, so texts carry none; perfdata labels are quoted.
 */
public final class NagiosOutput {
    private NagiosOutput() {}

    public static List<String> lines(CheckReport report) {
        CheckState state = report.state();
        StringBuilder first = new StringBuilder("SOPCTL ").append(state.name()).append(" - ")
                .append(clean(summary(report)));
        List<String> perf = new ArrayList<>();
        report.rows().forEach(r -> r.perfdata().forEach(p -> perf.add(p.format())));
        if (!perf.isEmpty()) {
            first.append(" | ").append(String.join(" ", perf));
        }
        List<String> out = new ArrayList<>();
        out.add(first.toString());
        for (CheckState s : List.of(CheckState.CRITICAL, CheckState.WARNING, CheckState.UNKNOWN)) {
            for (CheckRow r : report.rows()) {
                if (r.state() == s) {
                    out.add(clean(s.name() + " " + r.name() + " on " + r.host()
                            + (r.detail().isEmpty() ? "" : ": " + r.detail())));
                }
            }
        }
        return out;
    }

    /** {@code 1 critical, 11 OK: node-check/check-nginx on node2} — the counts, and the first problem when one. */
    static String summary(CheckReport report) {
        String counts = report.counts() + " (" + report.checks().size() + " checks, " + report.hosts().size() + " hosts)";
        CheckState state = report.state();
        if (state == CheckState.OK) {
            return counts;
        }
        CheckRow first = report.rows().stream().filter(r -> r.state() == state).findFirst().orElseThrow();
        return counts + "; " + first.name() + " on " + first.host();
    }

    private static String clean(String text) {
        return text.replace('|', '/').replaceAll("[\\r\\n\\t]+", " ");
    }
}
