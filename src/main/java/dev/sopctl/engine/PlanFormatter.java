package dev.sopctl.engine;

import dev.sopctl.inventory.Host;
import dev.sopctl.runbook.Parameter;
import dev.sopctl.runbook.ParamType;
import dev.sopctl.runbook.Step;
import dev.sopctl.runbook.StepKind;
import dev.sopctl.transcript.Redactor;
import dev.sopctl.yaml.Durations;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints a {@link Plan} for people ({@code --dry-run}): every step, its hosts, the exact command
 * after templating (run-as user included), change and destructive marks, conditions, waits and
 * guards; or as plain values for {@code -o json}. Secret values are redacted.
 */
public final class PlanFormatter {
    private final Redactor redactor;

    public PlanFormatter(Redactor redactor) {
        this.redactor = redactor;
    }

    public void print(Plan plan, PrintWriter out) {
        out.println("Plan: " + plan.runbook().name() + " — " + plan.runbook().title());
        if (!plan.runbook().sop().isEmpty()) {
            out.println("  SOP:        " + plan.runbook().sop());
        }
        out.println("  Inventory:  " + plan.inventory().describeSource());
        out.println("  Parameters: " + params(plan));
        out.println();
        for (PlannedStep ps : plan.steps()) {
            printStep(ps, String.valueOf(ps.number()), plan, out);
        }
        if (!plan.recovery().isEmpty()) {
            out.println("Recovery steps (run only when a step with on_failure: recover fails):");
            for (PlannedStep ps : plan.recovery()) {
                printStep(ps, "R" + ps.number(), plan, out);
            }
        }
        long changes = plan.steps().stream().filter(s -> s.step().kind() == StepKind.CHANGE).count();
        long destructive = plan.steps().stream().filter(s -> s.step().isDestructive()).count();
        long repairs = plan.steps().stream().mapToLong(s -> s.step().repairs().size()).sum();
        out.println(plan.steps().size() + " steps: " + changes + " change" + (changes == 1 ? "" : "s") + ", "
                + destructive + " destructive (each asks for confirmation)" + (repairs == 0 ? "." : "; " + repairs
                + " repair" + (repairs == 1 ? "" : "s") + " where a check fails, with "
                + CheckPlanLines.switchName(plan.runbook().fixSwitch()) + "."));
        out.println("Dry run: nothing was run and no connection was opened.");
        out.flush();
    }

    private void printStep(PlannedStep ps, String number, Plan plan, PrintWriter out) {
        Step s = ps.step();
        out.printf("%3s. %s  [%s]%n", number, s.id(), marks(s));
        out.println("     " + s.title() + (s.sop() == null ? "" : "  (SOP " + s.sop() + ")"));
        if (s.isNotice()) {
            if (s.when() != null) {
                out.println("     when " + s.when().source() + previewNoticeWhen(ps));
            }
            String text = ps.noticeText() != null ? ps.noticeText() : s.notice().source();
            out.println("     notice" + (ps.noticeText() == null ? " (at run time)" : "")
                    + ": " + redactor.redact(text.strip()).replace("\n", "\n             "));
            out.println();
            return;
        }
        if (s.when() != null) {
            out.println("     when " + s.when().source());
        }
        if (s.as() != null) {
            out.println("     as user " + s.as());
        }
        if (s.anyOne()) {
            out.println("     on one host: the first of these that answers");
        }
        if (s.address() != null) {
            out.println("     reached at " + s.address().source() + "  (decided at run time)");
        }
        if (ps.runtime() != null) {
            out.println("     on " + ps.runtime().explain() + "  (on: " + ps.runtime().expression() + ")");
        }
        for (Host h : ps.hosts()) {
            PlannedStep.HostPreview p = ps.previews().get(h.name());
            String where = (ps.runtime() != null ? "     if " : "     on ") + h.name() + ": ";
            if (Boolean.FALSE.equals(p.when())) {
                out.println(where + "skipped (condition is false)");
            } else if (p.command() == null) {
                out.println(where + "$ " + redactor.redact(s.run().source()) + "   (" + p.deferred() + ")");
            } else {
                out.println(where + "$ " + redactor.redact(p.command())
                        + (p.deferred() != null ? "   (" + p.deferred() + ")" : ""));
            }
            if (s.isPiped() && !Boolean.FALSE.equals(p.when())) {
                out.println("        | its output streamed through sopctl into " + (p.pipeTo() == null
                        ? s.pipe().to().source() + ": $ " + redactor.redact(s.pipe().run().source())
                        : p.pipeTo() + ": $ " + redactor.redact(p.pipeCommand())));
            }
            if (p.undo() != null && !Boolean.FALSE.equals(p.when())) {
                out.println("        undo if the run stops later: " + (p.undo().contains(": $ ") ? "" : "$ ")
                        + redactor.redact(p.undo()));
            }
            if (p.typed() != null && !Boolean.FALSE.equals(p.when())) {
                out.println("        confirm by typing '" + redactor.redact(p.typed()) + "': "
                        + redactor.redact(p.confirm()));
            } else if (p.confirm() != null) {
                out.println("        confirm (y/N): " + redactor.redact(p.confirm()));
            }
        }
        if (s.parse() != null) {
            out.println("     parse " + s.parse() + (s.capture().isEmpty() ? "" : "; capture " + String.join(", ", s.capture().keySet())));
        } else if (!s.capture().isEmpty()) {
            out.println("     capture " + String.join(", ", s.capture().keySet()));
        }
        if (s.progress() != null) {
            out.println("     progress" + (s.progress().total() == null ? "" : " of " + s.progress().total().source() + " bytes")
                    + (s.progress().watchesFile() ? ": size of " + s.progress().file().source() + " on "
                    + s.progress().on().source() + ", looked at every " + Durations.format(Transfers.WATCH_EVERY) : ": bytes relayed"));
        }
        if (s.until() != null) {
            out.println("     wait until " + s.until().that().source() + ", every " + Durations.format(s.until().interval())
                    + ", at most " + Durations.format(s.until().timeout()));
        }
        for (String line : CheckPlanLines.lines(s, plan.runbook().fixSwitch(), plan.inventory().defaults().become())) {
            out.println("     " + redactor.redact(line));
        }
        if (!s.publish().isEmpty()) {
            out.println("     publish " + String.join(", ", s.publish().keySet()) + " (run-wide, for the steps after it)");
        }
        if (s.undo() != null && ps.previews().values().stream().allMatch(p -> p.undo() == null)) {
            out.println("     undo if the run stops later: " + (s.undo().on() == null ? "" : "on " + s.undo().on().source() + ": ")
                    + "$ " + redactor.redact(s.undo().run().source()) + "   (known at run time)");
        }
        if (s.expectDisconnect()) {
            out.println("     the connection is expected to drop");
        }
        if (s.timeout() != null) {
            out.println("     timeout " + Durations.format(s.timeout()));
        }
        if (s.onFailure() != dev.sopctl.runbook.OnFailure.STOP) {
            out.println("     on failure: " + s.onFailure().yamlName()
                    + (s.recover().isEmpty() ? "" : " " + String.join(", ", s.recover())));
        }
        out.println();
    }

    private static String previewNoticeWhen(PlannedStep ps) {
        return ps.noticeWhen() == null ? "  (decided at run time)" : ps.noticeWhen() ? "  (yes)" : "  (no: not shown)";
    }

    private static String marks(Step s) {
        List<String> marks = new ArrayList<>();
        marks.add(s.kind() == StepKind.CHANGE ? "change" : s.isNotice() ? "notice" : "probe");
        if (s.isDestructive()) {
            marks.add(s.destructive().typed() != null ? "DESTRUCTIVE, typed confirmation" : "DESTRUCTIVE");
        }
        if (s.until() != null) {
            marks.add("wait");
        }
        if (s.when() != null) {
            marks.add("conditional");
        }
        if (s.serial()) {
            marks.add("one host at a time");
        }
        if (s.isPiped()) {
            marks.add("piped");
        }
        return String.join(", ", marks);
    }

    private String params(Plan plan) {
        List<String> parts = new ArrayList<>();
        for (Parameter p : plan.runbook().params()) {
            Object v = plan.params().values().get(p.name());
            parts.add(p.name() + "=" + (p.type() == ParamType.SECRET ? "***" : show(v)));
        }
        return parts.isEmpty() ? "(none)" : redactor.redact(String.join(", ", parts));
    }

    private static String show(Object v) {
        if (v instanceof Duration d) {
            return Durations.format(d);
        }
        if (v instanceof List<?> l) {
            return String.join(",", l.stream().map(String::valueOf).toList());
        }
        return String.valueOf(v);
    }

    /** The plan as plain values for {@code -o json}. */
    public Map<String, Object> asJson(Plan plan) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runbook", plan.runbook().name());
        m.put("title", plan.runbook().title());
        m.put("sop", plan.runbook().sop());
        Map<String, Object> params = new LinkedHashMap<>();
        for (Parameter p : plan.runbook().params()) {
            params.put(p.name(), p.type() == ParamType.SECRET ? "***" : show(plan.params().values().get(p.name())));
        }
        m.put("params", params);
        List<Object> steps = new ArrayList<>();
        for (PlannedStep ps : plan.steps()) {
            steps.add(stepJson(ps));
        }
        m.put("steps", steps);
        List<Object> recovery = new ArrayList<>();
        plan.recovery().forEach(ps -> recovery.add(stepJson(ps)));
        m.put("recovery", recovery);
        m.put("dry_run", true);
        @SuppressWarnings("unchecked")
        Map<String, Object> clean = (Map<String, Object>) redactor.redactDeep(m);
        return clean;
    }

    private static Map<String, Object> stepJson(PlannedStep ps) {
        Step s = ps.step();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("number", ps.number());
        m.put("id", s.id());
        m.put("title", s.title());
        m.put("kind", s.isNotice() ? "notice" : s.kind().yamlName());
        m.put("destructive", s.isDestructive());
        m.put("when", s.when() == null ? null : s.when().source());
        m.put("until", s.until() == null ? null : s.until().that().source());
        m.put("expect_disconnect", s.expectDisconnect());
        if (s.address() != null) {
            m.put("address", s.address().source());
        }
        m.put("notice", s.notice() == null ? null : s.notice().source());
        List<Object> hosts = new ArrayList<>();
        for (Host h : ps.hosts()) {
            PlannedStep.HostPreview p = ps.previews().get(h.name());
            Map<String, Object> hm = new LinkedHashMap<>();
            hm.put("host", h.name());
            hm.put("runs", !Boolean.FALSE.equals(p.when()));
            hm.put("command", p.command() != null ? p.command() : s.run() == null ? null : s.run().source());
            hm.put("deferred", p.deferred());
            hm.put("confirm", p.confirm());
            hm.put("typed", p.typed());
            if (s.undo() != null) {
                hm.put("undo", p.undo());
            }
            if (s.isPiped()) {
                hm.put("pipe_to", p.pipeTo() != null ? p.pipeTo() : s.pipe().to().source());
                hm.put("pipe_command", p.pipeCommand() != null ? p.pipeCommand() : s.pipe().run().source());
            }
            hosts.add(hm);
        }
        m.put("hosts", hosts);
        if (ps.runtime() != null) {
            Map<String, Object> rt = new LinkedHashMap<>();
            rt.put("on", ps.runtime().expression());
            rt.put("may_be", ps.runtime().candidates());
            rt.put("description", ps.runtime().explain());
            m.put("runtime_target", rt);
        }
        if (!s.publish().isEmpty()) {
            m.put("publish", List.copyOf(s.publish().keySet()));
        }
        CheckPlanLines.json(s, m);
        if (s.undo() != null) {
            Map<String, Object> u = new LinkedHashMap<>();
            u.put("run", s.undo().run().source());
            u.put("on", s.undo().on() == null ? null : s.undo().on().source());
            u.put("as", s.undo().as());
            m.put("undo", u);
        }
        return m;
    }
}
