package dev.sopctl.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code sopctl completion}: the bash/zsh completion script, generated from the command tree. */
@Command(name = "completion",
        description = {"Print the bash/zsh completion script for sopctl.",
            "completions/sopctl.bash in the project is this output, kept current by a test."},
        footer = {"", "Example:", "  source <(sopctl completion)",
            "  sopctl completion > /etc/bash_completion.d/sopctl"})
final class CompletionCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        String script = AutoComplete.bash("sopctl", spec.root().commandLine());
        spec.commandLine().getOut().print(script);
        spec.commandLine().getOut().flush();
    }
}
