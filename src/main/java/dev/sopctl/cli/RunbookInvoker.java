package dev.sopctl.cli;

import dev.sopctl.ExitCode;
import dev.sopctl.audit.SyslogSink;
import dev.sopctl.engine.PlanFormatter;
import dev.sopctl.engine.ResultJson;
import dev.sopctl.engine.RunMode;
import dev.sopctl.engine.RunRequest;
import dev.sopctl.engine.RunResult;
import dev.sopctl.engine.RunService;
import dev.sopctl.output.Json;
import dev.sopctl.report.CheckJson;
import dev.sopctl.report.CheckReport;
import dev.sopctl.report.StepEndRecorder;
import dev.sopctl.report.Thresholds;
import dev.sopctl.runbook.Runbook;
import dev.sopctl.runbook.RunbookRepository;
import dev.sopctl.transcript.TranscriptSink;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * What every runbook command shares: global options to a {@link RunRequest}, one call to the
 * {@link RunService}, and the rendering of its plan (dry-run) or result.
 */
final class RunbookInvoker {
    private RunbookInvoker() {}

    static int run(CommandLine.Model.CommandSpec spec, String runbook, Map<String, String> params) {
        // by name, so that run-start records the runbook's content for sopctl resume
        RunbookRepository repository = RunbookRepository.load(SopctlCommand.root(spec).global.runbooks);
        Runbook parsed = repository.get(runbook);
        String sha256 = RunService.sha256(repository.source(runbook).text());
        return invoke(spec, parsed.check(), false, service -> service.run(parsed, sha256, request(spec, params)));
    }

    static int run(CommandLine.Model.CommandSpec spec, Runbook runbook, Map<String, String> params, boolean groupOutput) {
        return invoke(spec, runbook.check(), groupOutput, service -> service.run(runbook, request(spec, params)));
    }

    /** A runbook by name with a request the caller adjusts (sopctl resume: its inventory, runbooks, what it resumes). */
    static int run(CommandLine.Model.CommandSpec spec, String runbook, Map<String, String> params,
            java.util.function.UnaryOperator<RunRequest> adjust) {
        return invoke(spec, false, false, service -> service.run(runbook, adjust.apply(request(spec, params))));
    }

    /** @param check the runbook is a check: its run ends with the check × host table */
    private static int invoke(CommandLine.Model.CommandSpec spec, boolean check, boolean groupOutput,
            java.util.function.Function<RunService, RunService.Outcome> call) {
        SopctlCommand root = SopctlCommand.root(spec);
        GlobalOptions g = root.global;
        CliContext ctx = root.context;
        PrintWriter out = spec.commandLine().getOut();
        if (g.dryRun && g.check) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--dry-run and --check cannot go together");
        }
        List<TranscriptSink> sinks = new ArrayList<>();
        StepEndRecorder stepEnds = new StepEndRecorder();
        if (check) {
            sinks.add(stepEnds);
        }
        if (!g.json()) {
            int liveWidth = ctx.terminal() == null ? 0 : ctx.terminal().width();
            ConsoleRenderer console = new ConsoleRenderer(out, Style.of(ctx, g), g.verbose, g.quiet || groupOutput, false, liveWidth);
            TranscriptSink shown = groupOutput ? GroupedOutput.withoutHostOutcomes(console) : console;
            sinks.add(check && !g.verbose ? new SkippedStepsHidden(shown) : shown);
        }
        RunService service = new RunService(ctx.environment(), ctx.workingDir(), ctx.operator(), ctx.transportsFor(g),
                ctx.confirmer(g), sinks, ctx.ticker(), ctx.clock());
        if (syslogWanted(g, ctx.environment())) {
            java.nio.file.Path socket = java.nio.file.Path.of(ctx.environment().getOrDefault("SOPCTL_SYSLOG_SOCKET",
                    SyslogSink.DEFAULT_SOCKET.toString()));
            PrintWriter err = spec.commandLine().getErr();
            if (!g.dryRun) {
                SyslogSink.check(socket);
            }
            service = service.withRunSink(run -> SyslogSink.open(run, socket, err));
        }
        try (InterruptGuard guard = InterruptGuard.install()) {
            RunService.Outcome outcome = call.apply(service);
            if (outcome.result() == null) {
                PlanFormatter formatter = new PlanFormatter(outcome.redactor());
                if (g.json()) {
                    out.println(Json.pretty(formatter.asJson(outcome.plan())));
                } else {
                    TerminalText.print(out, w -> formatter.print(outcome.plan(), w));
                    out.println("Transcript: " + outcome.transcript());
                }
            } else if (g.json()) {
                Map<String, Object> json = ResultJson.of(outcome);
                if (check) {
                    CheckReport report = checkReport(outcome, stepEnds);
                    json.put("checks", CheckJson.rows(report));
                    json.put("skipped_checks", CheckJson.skipped(report));
                }
                out.println(Json.pretty(json));
            } else {
                if (groupOutput) {
                    GroupedOutput.print(outcome.result(), out, Style.of(ctx, g));
                }
                if (check) {
                    CheckReport report = checkReport(outcome, stepEnds);
                    CheckTable.print(report, out, Style.of(ctx, g), g.verbose, g.quiet);
                    checkSummary(outcome, report, out, Style.of(ctx, g));
                } else {
                    summary(outcome, out, Style.of(ctx, g), groupOutput && outcome.exitCode() != ExitCode.NOT_DONE
                            && outcome.exitCode() != ExitCode.LOCKED ? GroupedOutput.failedHosts(outcome.result()) : null);
                }
            }
            out.flush();
            return outcome.exitCode();
        }
    }

    /** --syslog, or SOPCTL_SYSLOG set to 1/true/yes (a site can set it for every operator). */
    private static boolean syslogWanted(GlobalOptions g, Map<String, String> env) {
        String v = env.getOrDefault("SOPCTL_SYSLOG", "").strip().toLowerCase(java.util.Locale.ROOT);
        return g.syslog || v.equals("1") || v.equals("true") || v.equals("yes");
    }

    private static RunRequest request(CommandLine.Model.CommandSpec spec, Map<String, String> params) {
        GlobalOptions g = SopctlCommand.root(spec).global;
        List<String> words = new ArrayList<>();
        words.add("sopctl");
        words.addAll(spec.commandLine().getParseResult() == null ? List.of()
                : rootArgs(spec));
        return new RunRequest(params, g.inventory, g.runbooks, g.dryRun, g.check ? RunMode.CHECK : RunMode.RUN,
                g.parallel, g.timeout, g.reason, g.transcript, words, g.waitLock, g.breakLock);
    }

    private static List<String> rootArgs(CommandLine.Model.CommandSpec spec) {
        CommandLine.Model.CommandSpec root = spec.root();
        CommandLine.ParseResult pr = root.commandLine().getParseResult();
        return pr == null ? List.of() : pr.originalArgs();
    }

    private static CheckReport checkReport(RunService.Outcome outcome, StepEndRecorder stepEnds) {
        return CheckReport.of(outcome.plan(), stepEnds.ends(), outcome.result().captured(), Thresholds.NONE);
    }

    /**
     * A check run's last lines: the worst state and the counts instead of the run's outcome word, the
     * run's own message when it stopped for another reason than a check (declined, interrupted).
     */
    private static void checkSummary(RunService.Outcome outcome, CheckReport report, PrintWriter out, Style style) {
        RunResult r = outcome.result();
        String head = switch (r.exitCode()) {
            case 0 -> style.green("OK");
            case 1 -> style.yellow("WARNING");
            case 2 -> style.red("CRITICAL");
            case 3 -> style.red("UNKNOWN");
            case 5 -> style.yellow("NOT DONE");
            default -> style.red("FAILED");
        };
        out.println();
        out.println(head + ": " + CheckTable.summary(report)
                + (r.exitCode() > 3 && r.message() != null ? " — " + TerminalText.visible(r.message()) : ""));
        if (r.exitCode() > 3 && r.hint() != null) {
            out.println("  hint: " + TerminalText.visible(r.hint()));
        }
        out.println("Transcript: " + outcome.transcript() + "  (sopctl transcript show " + outcome.runId() + ")");
    }

    /** @param failedHosts for grouped output, the sentence naming every host that failed (else the run's own message) */
    private static void summary(RunService.Outcome outcome, PrintWriter out, Style style, String failedHosts) {
        RunResult r = outcome.result();
        String head = switch (r.exitCode()) {
            case 0 -> style.green("OK");
            case 1 -> style.yellow("WARNING");
            case 4 -> style.yellow("LOCKED");
            case 5 -> style.yellow("NOT DONE");
            case 3 -> style.red("UNKNOWN");
            default -> style.red("FAILED");
        };
        out.println();
        String message = failedHosts != null ? failedHosts : r.message();
        out.println(head + ": " + r.outcome() + (message == null ? "" : (failedHosts != null ? " " : " — ")
                + TerminalText.visible(message)));
        if (r.hint() != null) {
            out.println("  hint: " + TerminalText.visible(r.hint()));
        }
        out.println("Transcript: " + outcome.transcript() + "  (sopctl transcript show " + outcome.runId() + ")");
    }
}
