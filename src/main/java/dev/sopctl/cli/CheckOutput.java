package dev.sopctl.cli;

import dev.sopctl.check.CheckInvocation;
import dev.sopctl.check.CheckRuns;
import dev.sopctl.check.CheckSelection;
import dev.sopctl.output.Json;
import dev.sopctl.report.CheckJson;
import dev.sopctl.report.CheckState;
import dev.sopctl.report.NagiosOutput;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What {@code sopctl check} prints: the table, JSON, or the monitoring-plugin lines; and its dry-run. */
final class CheckOutput {
    private CheckOutput() {}

    static void print(CheckRuns.Result result, CheckCommand.Format format, PrintWriter out, Style style,
            boolean verbose, boolean quiet) {
        if (result.runs().isEmpty()) {
            nothingApplies(result, format, out);
            return;
        }
        switch (format) {
            case nagios -> NagiosOutput.lines(result.report()).forEach(out::println);
            case json -> out.println(Json.pretty(json(result)));
            case text -> text(result, out, style, verbose, quiet);
        }
        out.flush();
    }

    /** No check runbook applied to the targets: UNKNOWN, with why each did not. */
    private static void nothingApplies(CheckRuns.Result result, CheckCommand.Format format, PrintWriter out) {
        String summary = "no check runbook applies to the targets";
        List<String> why = result.notApplicable().stream().map(n -> n.runbook() + ": " + n.reason()).toList();
        switch (format) {
            case nagios -> {
                out.println("SOPCTL UNKNOWN - " + summary);
                why.forEach(out::println);
            }
            case json -> {
                Map<String, Object> m = json(result);
                m.put("status", "UNKNOWN");
                m.put("summary", summary);
                out.println(Json.pretty(m));
            }
            case text -> {
                out.println("UNKNOWN: " + summary);
                why.forEach(w -> out.println("  " + TerminalText.visible(w)));
            }
        }
        out.flush();
    }

    private static void text(CheckRuns.Result result, PrintWriter out, Style style, boolean verbose, boolean quiet) {
        CheckTable.print(result.report(), out, style, verbose, quiet);
        List<String> notes = new ArrayList<>();
        for (CheckRuns.Run run : result.runs()) {
            if (run.exitCode() > 3) {
                notes.add(run.runbook() + " did not finish (exit " + run.exitCode() + "): " + run.message());
            }
        }
        if (verbose) {
            result.notApplicable().forEach(n -> notes.add(n.runbook() + " not run: " + n.reason()));
        }
        if (!notes.isEmpty()) {
            out.println();
            notes.forEach(n -> out.println("  ※ " + TerminalText.visible(n)));
        }
        CheckState state = result.report().state();
        out.println();
        out.println(CheckTable.head(style, state) + ": " + CheckTable.summary(result.report()));
        if (!quiet) {
            result.runs().stream().filter(r -> r.runId() != null).forEach(r ->
                    out.println(style.dim("Transcript of " + r.runbook() + ": " + r.transcript())));
        }
    }

    private static Map<String, Object> json(CheckRuns.Result result) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("exit", result.exitCode());
        m.put("status", result.report().state().name());
        m.put("summary", CheckTable.summary(result.report()));
        m.put("checks", CheckJson.rows(result.report()));
        m.put("skipped", CheckJson.skipped(result.report()));
        List<Object> runs = new ArrayList<>();
        for (CheckRuns.Run r : result.runs()) {
            Map<String, Object> rm = new LinkedHashMap<>();
            rm.put("runbook", r.runbook());
            rm.put("params", r.params());
            rm.put("run", r.runId());
            rm.put("transcript", r.transcript() == null ? null : r.transcript().toString());
            rm.put("exit", r.exitCode());
            rm.put("message", r.message());
            runs.add(rm);
        }
        m.put("runs", runs);
        List<Object> notRun = new ArrayList<>();
        result.notApplicable().forEach(n -> notRun.add(Map.of("runbook", n.runbook(), "reason", n.reason())));
        m.put("not_applicable", notRun);
        return m;
    }

    /** {@code --dry-run}: which check runbooks would run, with which parameters, on which hosts. */
    static void plan(CheckSelection selection, PrintWriter out) {
        out.println("sopctl check would run (check mode: probes only, fix off):");
        for (CheckInvocation inv : selection.invocations()) {
            out.println("  " + inv.runbook().name() + " " + inv.params() + " on " + String.join(", ", inv.hosts()));
        }
        selection.notApplicable().forEach(n -> out.println("  (" + n.runbook() + " not run: " + n.reason() + ")"));
        out.flush();
    }
}
