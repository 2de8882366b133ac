package dev.sopctl.cli;

import dev.sopctl.runbook.Parameter;
import dev.sopctl.runbook.Runbook;
import dev.sopctl.runbook.RunbookRepository;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sopctl runbooks list|show NAME}. */
@Command(name = "runbooks", description = "The runbooks sopctl knows: packaged, and from --runbooks DIR.")
final class RunbooksCommand {

    @Command(name = "list", description = "List runbooks with their titles.",
            footer = {"", "Example:", "  sopctl runbooks list --runbooks ./my-runbooks"})
    static final class List implements Runnable {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            RunbookRepository repo = RunbookRepository.load(SopctlCommand.root(spec).global.runbooks);
            PrintWriter out = TerminalText.writer(spec.commandLine().getOut());
            for (String name : repo.names()) {
                Runbook r = repo.get(name);
                out.printf("%-28s %s%n", name, r.title());
            }
            out.flush();
        }
    }

    @Command(name = "show", description = "Show a runbook: its SOP, parameters and steps, and the YAML itself.",
            footer = {"", "Example:", "  sopctl runbooks show pvdi/node-shutdown"})
    static final class Show implements Runnable {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "Runbook name, like pvdi/node-shutdown.")
        String name;

        @Override
        public void run() {
            RunbookRepository repo = RunbookRepository.load(SopctlCommand.root(spec).global.runbooks);
            Runbook r = repo.get(name);
            PrintWriter out = TerminalText.writer(spec.commandLine().getOut());
            out.println(r.name() + " — " + r.title());
            if (!r.sop().isEmpty()) {
                out.println("SOP: " + r.sop());
            }
            out.println("From: " + repo.source(name).origin());
            out.println();
            out.println("Parameters:");
            for (Parameter p : r.params()) {
                out.printf("  %-12s %-9s %s%s%n", p.name(), p.type().yamlName() + (p.role() != null ? ":" + p.role() : ""),
                        p.description(), p.defaultValue() != null ? " (default " + p.defaultValue() + ")"
                                : p.required() ? " (required)" : "");
            }
            out.println();
            out.println(repo.source(name).text());
            out.flush();
        }
    }
}
