package dev.sopctl.check;

import dev.sopctl.ExitCode;
import dev.sopctl.SopctlException;
import dev.sopctl.engine.RunMode;
import dev.sopctl.engine.RunRequest;
import dev.sopctl.engine.RunService;
import dev.sopctl.report.CheckReport;
import dev.sopctl.report.StepEndRecorder;
import dev.sopctl.report.Thresholds;
import dev.sopctl.transcript.TranscriptSink;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs the check runbooks {@link CheckSelection} chose, one after the other, in check mode (probes
 * only; the fix switch is off): never a prompt, never a change. The caller's {@link RunService}s
 * share one transport, so each host's connection is opened once for all checks. The report is
 * built from each run's step-end events and captured values.
 */
public final class CheckRuns {
    /** How a check runbook's run went: its transcript, its exit code, and its message when it stopped early. */
    public record Run(String runbook, Map<String, String> params, String runId, Path transcript, int exitCode,
            String message) {}

    /** The combined report, every run, and the runbooks that did not apply. */
    public record Result(CheckReport report, List<Run> runs, List<CheckSelection.NotApplicable> notApplicable) {
        /**
         * The worst state of the report, UNKNOWN when no check runbook applied; a run that could not finish for a reason of its own (65 for a
         * value known only at run time, 5 for an interrupt) has its own code, which wins.
         */
        public int exitCode() {
            if (runs.isEmpty()) {
                return ExitCode.UNKNOWN; // nothing was checked: never a silent OK
            }
            return runs.stream().mapToInt(Run::exitCode).filter(c -> c > 3).max()
                    .orElse(report.state().exitCode());
        }
    }

    /** What every run shares: where things are, how parallel, how long a command may take. */
    public record Settings(Path inventory, Path runbooks, int parallel, Duration timeout, String reason,
            List<String> commandLine, Thresholds thresholds) {}

    private CheckRuns() {}

    /** @param services a run service for a run's extra sinks (each run's own step-end recorder, the terminal) */
    public static Result run(CheckSelection selection, Settings settings,
            Function<List<TranscriptSink>, RunService> services, List<TranscriptSink> shown) {
        List<CheckReport> reports = new ArrayList<>();
        List<Run> runs = new ArrayList<>();
        for (CheckInvocation inv : selection.invocations()) {
            StepEndRecorder ends = new StepEndRecorder();
            List<TranscriptSink> sinks = new ArrayList<>(shown);
            sinks.add(ends);
            RunRequest request = new RunRequest(inv.params(), settings.inventory(), settings.runbooks(), false,
                    RunMode.CHECK, settings.parallel(), settings.timeout(), settings.reason(), null,
                    settings.commandLine());
            try {
                RunService.Outcome outcome = services.apply(sinks).run(inv.runbook(), request);
                reports.add(CheckReport.of(outcome.plan(), ends.ends(), outcome.result().captured(), settings.thresholds()));
                runs.add(new Run(inv.runbook().name(), inv.params(), outcome.runId(), outcome.transcript(),
                        outcome.exitCode(), outcome.result().message()));
                if (outcome.exitCode() == ExitCode.NOT_DONE) {
                    break; // interrupted: the checks after it are not started
                }
            } catch (SopctlException e) {
                runs.add(new Run(inv.runbook().name(), inv.params(), null, null, e.exitCode(), e.getMessage()));
                if (Thread.currentThread().isInterrupted()) {
                    break;
                }
            }
            if (Thread.currentThread().isInterrupted()) {
                break;
            }
        }
        return new Result(CheckReport.combine(reports), runs, selection.notApplicable());
    }
}
