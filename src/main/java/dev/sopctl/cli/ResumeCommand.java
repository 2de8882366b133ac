package dev.sopctl.cli;

import dev.sopctl.ExitCode;
import dev.sopctl.SopctlException;
import dev.sopctl.engine.RunOrigin;
import dev.sopctl.engine.RunRequest;
import dev.sopctl.engine.RunService;
import dev.sopctl.engine.StoppedRun;
import dev.sopctl.runbook.Runbook;
import dev.sopctl.runbook.RunbookRepository;
import dev.sopctl.runbook.Step;
import dev.sopctl.transcript.Seals;
import dev.sopctl.transcript.TranscriptStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sopctl resume RUN}: runs a stopped run's runbook again with its parameters; probes and
 * guards run again, the changes the stopped run completed are not repeated.
 */
@Command(name = "resume", description = "Continue a stopped run (failed, declined, interrupted, killed) from its transcript.",
        footer = {"", "The same runbook (refused if its file changed since) with the same parameters, against the",
            "inventory it used unless -i is given. Probes and guards run again; a change the stopped run completed",
            "on a host is not repeated there; the run goes on from the first step not completed on every host.",
            "Its transcript names the run it resumes.", "", "Examples:",
            "  sopctl transcript list              # the runs and how they ended",
            "  sopctl resume 20261201-013000-a1b2c3 --dry-run",
            "  sopctl resume last --reason 'disk replaced, going on'"})
final class ResumeCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "RUN", description = "The stopped run's id (or a unique prefix, 'last', or a transcript file).")
    String run;

    @Override
    public Integer call() {
        SopctlCommand root = SopctlCommand.root(spec);
        Map<String, String> env = root.context.environment();
        Path file = new TranscriptStore(TranscriptStore.defaultDir(env)).find(run);
        String wanted = run.contains("/") || "last".equals(run) ? null : run.strip();
        StoppedRun stopped = StoppedRun.read(file, wanted, new Seals(Seals.defaultDir(env)));
        GlobalOptions g = root.global;
        Path runbooks = g.runbooks != null ? g.runbooks : stopped.runbooks() == null ? null : Path.of(stopped.runbooks());
        RunbookRepository repository = RunbookRepository.load(runbooks);
        String now = RunService.sha256(repository.source(stopped.runbook()).text());
        if (!now.equals(stopped.runbookSha256())) {
            throw new SopctlException(ExitCode.INVALID_INPUT, "runbook " + stopped.runbook() + " has changed since run "
                    + stopped.run() + " (sha256 " + stopped.runbookSha256().substring(0, 12) + "… then, "
                    + now.substring(0, 12) + "… now): resume refused",
                    "a run is resumed only with the runbook it ran; start a new run ('sopctl run " + stopped.runbook()
                            + "') after checking the hosts");
        }
        refuseLostCaptures(repository.get(stopped.runbook()), stopped);
        Path inventory = g.inventory != null ? g.inventory : recordedInventory(stopped);
        String reason = g.reason != null ? g.reason
                : "resume of " + stopped.run() + (stopped.reason() == null ? "" : " (" + stopped.reason() + ")");
        RunOrigin.Resumed resumed = new RunOrigin.Resumed(stopped.run(), stopped.changes());
        if (!g.json() && !g.quiet) {
            spec.commandLine().getOut().println("Resuming run " + stopped.run() + " (" + stopped.outcome() + ") of "
                    + stopped.runbook() + (stopped.changes().isEmpty() ? "; it completed no change"
                    : "; not repeated: " + describe(stopped.changes())));
        }
        return RunbookInvoker.run(spec, stopped.runbook(), stopped.args(), r -> new RunRequest(r.params(), inventory,
                runbooks, r.dryRun(), r.mode(), r.parallel(), r.timeout(), reason, r.transcript(), r.commandLine(),
                r.waitLock(), r.breakLock(), resumed));
    }

    /** A change not repeated whose captures or published names later steps would read: those values are gone. */
    private static void refuseLostCaptures(Runbook runbook, StoppedRun stopped) {
        List<String> lost = new ArrayList<>();
        for (Step s : runbook.steps()) {
            if (stopped.changes().containsKey(s.id()) && (!s.capture().isEmpty() || !s.publish().isEmpty())) {
                lost.add(s.id());
            }
        }
        if (!lost.isEmpty()) {
            throw new SopctlException(ExitCode.INVALID_INPUT, "run " + stopped.run() + " cannot be resumed: change step"
                    + (lost.size() == 1 ? " " : "s ") + String.join(", ", lost) + " completed there and captured values"
                    + " that are not recorded, so the steps after it could not read them",
                    "check the hosts and start a new run");
        }
    }

    private static Path recordedInventory(StoppedRun stopped) {
        if (stopped.inventory() == null) {
            return null;
        }
        Path p = Path.of(stopped.inventory());
        if (!Files.isRegularFile(p)) {
            throw new SopctlException(ExitCode.INVALID_INPUT, "run " + stopped.run() + " used the inventory "
                    + stopped.inventory() + ", which is not there any more", "give one with -i FILE");
        }
        return p;
    }

    private static String describe(Map<String, Set<String>> changes) {
        List<String> parts = new ArrayList<>();
        changes.forEach((step, hosts) -> parts.add(step + " on " + String.join(", ", hosts)));
        return String.join("; ", parts);
    }
}
