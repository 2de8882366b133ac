package dev.sopctl.cli;

import dev.sopctl.ExitCode;
import dev.sopctl.output.Json;
import dev.sopctl.transcript.SealCheck;
import dev.sopctl.transcript.Seals;
import dev.sopctl.transcript.TranscriptRenderer;
import dev.sopctl.transcript.TranscriptStore;
import dev.sopctl.transcript.TranscriptSummary;
import dev.sopctl.transcript.TranscriptVerifier;
import dev.sopctl.transcript.VerifyResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sopctl transcript list|show|verify [ID]}. */
@Command(name = "transcript", description = "What ran, where, and what came back.")
final class TranscriptCommand {

    static TranscriptStore store(picocli.CommandLine.Model.CommandSpec spec) {
        return new TranscriptStore(TranscriptStore.defaultDir(SopctlCommand.root(spec).context.environment()));
    }

    /** The file an ID names: --transcript FILE when given, else the store's match (newest when no ID). */
    static Path find(picocli.CommandLine.Model.CommandSpec spec, String id) {
        Path explicit = SopctlCommand.root(spec).global.transcript;
        return explicit != null && id == null ? explicit : store(spec).find(id);
    }

    @Command(name = "list", description = "Runs, newest first.", footer = {"", "Example:", "  sopctl transcript list"})
    static final class ListRuns implements Runnable {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            PrintWriter out = TerminalText.writer(spec.commandLine().getOut());
            List<TranscriptSummary> runs = store(spec).list();
            if (SopctlCommand.root(spec).global.json()) {
                List<Object> rows = new ArrayList<>();
                for (TranscriptSummary s : runs) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", s.id());
                    m.put("start", s.start() == null ? null : s.start().toString());
                    m.put("operator", s.operator());
                    m.put("runbook", s.runbook());
                    m.put("outcome", s.outcome());
                    m.put("exit", s.exitCode());
                    m.put("dry_run", s.dryRun());
                    m.put("reason", s.reason());
                    m.put("path", s.path().toString());
                    rows.add(m);
                }
                out.println(Json.pretty(rows));
            } else {
                out.printf("%-24s %-20s %-24s %-12s %4s  %s%n", "RUN", "START", "RUNBOOK", "OUTCOME", "EXIT", "OPERATOR");
                for (TranscriptSummary s : runs) {
                    out.printf("%-24s %-20s %-24s %-12s %4s  %s%n", s.id(),
                            s.start() == null ? "-" : s.start().toString().replace('T', ' ').replaceAll("\\.\\d+Z$", "Z"),
                            s.runbook() == null ? "-" : s.runbook(), s.dryRun() ? "dry-run" : s.outcome(),
                            s.exitCode() == null ? "-" : s.exitCode(), s.operator() == null ? "-" : s.operator());
                }
            }
            out.flush();
        }
    }

    @Command(name = "show", description = "Render a run's transcript for people (default: the newest).",
            footer = {"", "Example:", "  sopctl transcript show 20261123-1425"})
    static final class Show implements Runnable {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "ID", arity = "0..1", description = "Run id or a unique prefix; default the newest.")
        String id;

        @Override
        public void run() {
            TerminalText.print(spec.commandLine().getOut(), w -> new TranscriptRenderer().render(find(spec, id), w));
            spec.commandLine().getOut().flush();
        }
    }

    @Command(name = "verify", description = {"Check a transcript's hash chain and each run's seal: edited, reordered or removed",
                "lines are found, an edited last line and a cut tail too. Exit 0 intact (an unfinished run is",
                "not damaged), 1 when a run has no seal to check its tail against, 2 damaged."},
            footer = {"", "Example:", "  sopctl transcript verify 20261123-142501-a1b2c3"})
    static final class Verify implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "ID", arity = "0..1", description = "Run id or a unique prefix; default the newest.")
        String id;

        @Override
        public Integer call() {
            Path file = find(spec, id);
            VerifyResult r = new TranscriptVerifier().verify(file);
            PrintWriter out = TerminalText.writer(spec.commandLine().getOut());
            if (!r.ok()) {
                out.println(file + ": DAMAGED at line " + r.badLine() + ": " + r.problem());
                out.flush();
                return ExitCode.CRITICAL;
            }
            Seals seals = new Seals(Seals.defaultDir(SopctlCommand.root(spec).context.environment()));
            List<SealCheck.RunCheck> runs = SealCheck.check(file, seals);
            List<SealCheck.RunCheck> damaged = runs.stream().filter(c -> c.verdict().damaged()).toList();
            if (!damaged.isEmpty()) {
                damaged.forEach(c -> out.println(file + ": DAMAGED: " + c.message()));
                out.flush();
                return ExitCode.CRITICAL;
            }
            boolean sealed = runs.stream().allMatch(c -> c.verdict() == SealCheck.Verdict.SEALED);
            out.println(file + ": OK, " + r.events() + " events, chain intact" + (sealed ? ", every run sealed" : "")
                    + (r.truncatedTail() ? "; the last line was cut off mid-write" : ""));
            runs.stream().filter(c -> c.verdict() != SealCheck.Verdict.SEALED).forEach(c -> out.println("  " + c.message()));
            out.flush();
            return runs.stream().anyMatch(c -> c.verdict() == SealCheck.Verdict.NO_SEAL) ? ExitCode.WARNING : ExitCode.OK;
        }
    }
}
