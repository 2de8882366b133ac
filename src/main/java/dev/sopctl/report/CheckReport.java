package dev.sopctl.report;

import dev.sopctl.engine.Plan;
import dev.sopctl.engine.PlannedStep;
import dev.sopctl.runbook.NagiosRange;
import dev.sopctl.runbook.Perfdata;
import dev.sopctl.runbook.Runbook;
import dev.sopctl.runbook.Step;
import dev.sopctl.transcript.RunEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The check × host table of one or more check runs, built from what the runs said and nothing
 * else: each check step's {@code step-end} event per host (its outcome is the verdict, its message
 * the detail) and the values the hosts captured. A step is a check when it asserts something or
 * declares perfdata; a check skipped on a host is not a row (it is listed in {@link #skipped()}).
 * Another step that failed on a host (a probe that could not read what the checks need) is a row
 * too, so the table never says less than the run's exit code.
 *
 * @param rows    in step order, then host order
 * @param skipped checks not run on a host, with the reason
 */
public record CheckReport(List<CheckRow> rows, List<Skipped> skipped) {
    /** A check not run on a host (its condition was false there, or the runbook did not apply). */
    public record Skipped(String runbook, String check, String host, String reason) {
        public String name() {
            return runbook + "/" + check;
        }
    }

    public CheckReport {
        rows = List.copyOf(rows);
        skipped = List.copyOf(skipped);
    }

    public static final CheckReport EMPTY = new CheckReport(List.of(), List.of());

    /**
     * @param ends     the run's step-end events, in the order they came (the last per step and host wins)
     * @param captured the run's captured values by host (already redacted)
     */
    public static CheckReport of(Plan plan, Collection<RunEvent.StepEnd> ends, Map<String, Map<String, Object>> captured,
            Thresholds thresholds) {
        Runbook runbook = plan.runbook();
        Map<String, RunEvent.StepEnd> last = new LinkedHashMap<>();
        for (RunEvent.StepEnd e : ends) {
            last.put(e.step() + "\u0000" + (e.host() == null ? "" : e.host()), e);
        }
        List<CheckRow> rows = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (PlannedStep ps : plan.steps()) {
            Step step = ps.step();
            boolean check = isCheck(runbook, step);
            if (step.isNotice()) {
                continue;
            }
            for (String host : hostsOf(ps, last.values())) {
                RunEvent.StepEnd e = last.get(step.id() + "\u0000" + host);
                if (e == null) {
                    continue; // the run stopped before this check reached the host
                }
                CheckState state = CheckState.ofOutcome(e.outcome());
                if (!check && (state == null || state == CheckState.OK)) {
                    continue; // a probe that is not a check is a row only when it failed: its failure is a finding
                }
                if (state == null) {
                    skipped.add(new Skipped(runbook.name(), step.id(), shown(host), e.message() == null ? "" : e.message()));
                    continue;
                }
                Map<String, Object> own = captured.getOrDefault(host, Map.of());
                Map<String, Object> values = new LinkedHashMap<>();
                step.capture().keySet().forEach(k -> {
                    if (own.containsKey(k)) {
                        values.put(k, own.get(k));
                    }
                });
                List<PerfValue> perf = new ArrayList<>();
                String detail = oneLine(e.message());
                for (Perfdata p : runbook.perfdataOf(step.id())) {
                    NagiosRange warn = thresholds.warn().getOrDefault(p.label(), p.warn());
                    NagiosRange crit = thresholds.crit().getOrDefault(p.label(), p.crit());
                    Double value = values.get(p.capture()) instanceof Number n ? n.doubleValue() : null;
                    perf.add(new PerfValue(shown(host) + " " + p.label(), value, p.uom(), warn, crit, p.min(), p.max()));
                    // a range the operator gave is a verdict too; the runbook's own are its asserts' business
                    CheckState raised = value == null ? null
                            : given(thresholds.crit(), p, value) ? CheckState.CRITICAL
                            : given(thresholds.warn(), p, value) ? CheckState.WARNING : null;
                    if (raised != null && CheckState.worst(state, raised) == raised && raised != state) {
                        state = raised;
                        String why = p.label() + " " + PerfValue.number(value) + p.uom() + " outside "
                                + (raised == CheckState.CRITICAL ? "--crit " + crit : "--warn " + warn);
                        detail = detail.isEmpty() ? why : why + "; " + detail;
                    }
                }
                rows.add(new CheckRow(runbook.name(), step.id(), step.title(), shown(host), state, e.outcome(), detail,
                        values, perf, e.durationMs()));
            }
        }
        return new CheckReport(rows, skipped);
    }

    private static boolean given(Map<String, NagiosRange> ranges, Perfdata p, double value) {
        NagiosRange r = ranges.get(p.label());
        return r != null && r.alerts(value);
    }

    /** Whether a step gives a verdict per host (the check-verdict contract: it asserts, or it declares perfdata). */
    public static boolean isCheck(Runbook runbook, Step step) {
        return !step.asserts().isEmpty() || !step.reports().isEmpty() || !runbook.perfdataOf(step.id()).isEmpty();
    }

    /** The planned hosts, then any the step reached that were decided at run time. */
    private static Set<String> hostsOf(PlannedStep ps, Collection<RunEvent.StepEnd> ends) {
        Set<String> hosts = new LinkedHashSet<>();
        ps.hosts().forEach(h -> hosts.add(h.name()));
        for (RunEvent.StepEnd e : ends) {
            if (e.step().equals(ps.step().id())) {
                hosts.add(e.host() == null ? "" : e.host());
            }
        }
        return hosts;
    }

    private static String shown(String host) {
        return host == null || host.isEmpty() ? "-" : host;
    }

    /** Several reports as one (the runs of {@code sopctl check}). */
    public static CheckReport combine(List<CheckReport> reports) {
        List<CheckRow> rows = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        reports.forEach(r -> {
            rows.addAll(r.rows());
            skipped.addAll(r.skipped());
        });
        return new CheckReport(rows, skipped);
    }

    /** The worst verdict (OK when there is no row). */
    public CheckState state() {
        return rows.stream().map(CheckRow::state).reduce(CheckState.OK, CheckState::worst);
    }

    public long count(CheckState state) {
        return rows.stream().filter(r -> r.state() == state).count();
    }

    public Set<String> hosts() {
        Set<String> hosts = new LinkedHashSet<>();
        rows.forEach(r -> hosts.add(r.host()));
        return hosts;
    }

    public Set<String> checks() {
        Set<String> names = new LinkedHashSet<>();
        rows.forEach(r -> names.add(r.name()));
        return names;
    }

    /** The words of a summary: {@code 1 critical, 2 warning, 11 OK}. */
    public String counts() {
        List<String> parts = new ArrayList<>();
        for (CheckState s : List.of(CheckState.CRITICAL, CheckState.WARNING, CheckState.UNKNOWN, CheckState.OK)) {
            long n = count(s);
            if (n > 0) {
                parts.add(n + " " + (s == CheckState.OK ? "OK" : s.name().toLowerCase(java.util.Locale.ROOT)));
            }
        }
        return parts.isEmpty() ? "no check ran" : String.join(", ", parts);
    }

    static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
