package dev.sopctl.cli;

import dev.sopctl.check.CheckRuns;
import dev.sopctl.check.CheckSelection;
import dev.sopctl.engine.Confirmer;
import dev.sopctl.engine.RunService;
import dev.sopctl.inventory.Inventory;
import dev.sopctl.runbook.RunbookRepository;
import dev.sopctl.transcript.TranscriptSink;
import dev.sopctl.transport.TransportPool;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sopctl check}: every read-only check runbook over the estate or the targets, for cron and CI. */
@Command(name = "check",
        description = {"Run every check runbook (those with 'check: true': node, master-VM, storage, network, time …)",
            "over the targets, read-only: never a prompt, never a change (each runbook's fix switch is off),",
            "one SSH connection per host for all checks, each command bounded by --timeout (default 30s).",
            "Prints the check × host table, JSON, or a monitoring-plugin report with performance data.",
            "The exit code is the worst state: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (a CRITICAL on one",
            "host is never hidden by another host being unreachable); asking for a report never changes it."},
        footer = {"", "Examples:",
            "  sopctl check                                     # every check on every host",
            "  sopctl check zone:zone-a --only node-check",
            "  sopctl check --all --format nagios --warn skew=-50:50   # for a monitoring system",
            "  sopctl check --all --junit checks.xml -q         # for CI"})
final class CheckCommand implements Callable<Integer> {
    enum Format { text, json, nagios }

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POOL_IDLE = Duration.ofMinutes(10);

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "TARGET", arity = "0..*",
            description = "Hosts, role:R, zone:Z or cluster:C (default: every host).")
    List<String> targets = List.of();

    @Option(names = "--all", description = "Every host (the default).")
    boolean all;

    @Option(names = "--only", paramLabel = "NAME", split = ",",
            description = "Only these check runbooks (full name like pvdi/node-check, or node-check).")
    List<String> only = List.of();

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "text (the table), json, or nagios (plugin output; default: text, or json with -o json).")
    Format format;

    @Option(names = "--junit", paramLabel = "FILE",
            description = "Also write a JUnit XML report here (a suite per check, a case per host).")
    Path junit;

    @Option(names = "--warn", paramLabel = "LABEL=RANGE",
            description = "A warning range for a perfdata value ([@]start:end, like -50:50 or ~:10): alerts raise the check.")
    Map<String, String> warn = new LinkedHashMap<>();

    @Option(names = "--crit", paramLabel = "LABEL=RANGE", description = "A critical range for a perfdata value.")
    Map<String, String> crit = new LinkedHashMap<>();

    @Override
    public Integer call() {
        SopctlCommand root = SopctlCommand.root(spec);
        GlobalOptions g = root.global;
        CliContext ctx = root.context;
        CommandLine cl = spec.commandLine();
        if (all && !targets.isEmpty()) {
            throw new CommandLine.ParameterException(cl, "give targets or --all, not both");
        }
        if (g.transcript != null) {
            throw new CommandLine.ParameterException(cl, "--transcript: sopctl check writes one transcript per check"
                    + " runbook in the transcript folder; it cannot name one file");
        }
        Format shown = format != null ? format : g.json() ? Format.json : Format.text;
        CheckThresholds thresholds = CheckThresholds.parse(cl, warn, crit);
        // a report that cannot be written fails now, before any connection
        try (JunitFile junitFile = junit == null ? null : JunitFile.prepare(cl, junit)) {
            RunService loader = service(ctx, g, List.of(), ctx.transportsFor(g));
            Inventory inventory = loader.loadInventory(g.inventory);
            CheckSelection selection = CheckSelection.select(RunbookRepository.load(g.runbooks), inventory, targets,
                    only, ctx.environment());
            thresholds.checkLabels(cl, selection);
            if (g.dryRun) {
                CheckOutput.plan(selection, cl.getOut());
                return 0;
            }
            List<String> words = new ArrayList<>(List.of("sopctl"));
            words.addAll(cl.getParseResult() == null ? List.of() : spec.root().commandLine().getParseResult().originalArgs());
            CheckRuns.Settings settings = new CheckRuns.Settings(g.inventory, g.runbooks, g.parallel,
                    g.timeout != null ? g.timeout : DEFAULT_TIMEOUT, g.reason, words, thresholds.thresholds());
            List<TranscriptSink> console = new ArrayList<>();
            if (g.verbose && shown == Format.text) {
                console.add(new ConsoleRenderer(cl.getOut(), Style.of(ctx, g), true, false, false, 0));
            }
            CheckRuns.Result result;
            try (TransportPool pool = new TransportPool(POOL_IDLE); InterruptGuard guard = InterruptGuard.install()) {
                CliContext pooled = ctx.withTransportPool(pool);
                result = CheckRuns.run(selection, settings, sinks -> service(ctx, g, sinks, pooled.transportsFor(g)), console);
            }
            CheckOutput.print(result, shown, cl.getOut(), Style.of(ctx, g), g.verbose, g.quiet);
            if (junitFile != null) {
                junitFile.write(result.report(), ctx.clock().instant(), cl.getErr());
            }
            return result.exitCode();
        }
    }

    private static RunService service(CliContext ctx, GlobalOptions g, List<TranscriptSink> sinks,
            java.util.function.Function<Inventory, dev.sopctl.transport.Transport> transports) {
        return new RunService(ctx.environment(), ctx.workingDir(), ctx.operator(), transports, Confirmer.NO_TERMINAL,
                sinks, ctx.ticker(), ctx.clock());
    }
}
