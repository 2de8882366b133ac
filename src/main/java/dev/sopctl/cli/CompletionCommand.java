package dev.sopctl.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sopctl completion [bash|zsh]}: the completion script, generated from the command tree.
 * zsh runs the same script through its bash-completion layer ({@code bashcompinit}), which the
 * script loads itself when it sees zsh.
 */
@Command(name = "completion",
        description = "Print the completion script for bash (the default) or zsh. completions/sopctl.bash and"
            + " completions/sopctl.zsh in the project are this output, kept current by a test.",
        footer = {"", "Examples:", "  source <(sopctl completion)                       # bash, this session",
            "  sopctl completion > /etc/bash_completion.d/sopctl  # bash, every session",
            "  echo 'source <(sopctl completion zsh)' >> ~/.zshrc  # zsh"})
final class CompletionCommand implements Runnable {
    /** The shells the script is made for. */
    enum Shell { bash, zsh }

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "SHELL", arity = "0..1", defaultValue = "bash",
            description = "bash or zsh (default: bash).")
    Shell shell;

    @Override
    public void run() {
        String script = AutoComplete.bash("sopctl", spec.root().commandLine());
        if (shell == Shell.zsh) {
            script = script.replaceFirst("^#!/usr/bin/env bash\n", "#compdef sopctl\n"
                    + "# sopctl completion for zsh: the bash completion below, run through zsh's bashcompinit.\n"
                    + "# Load it with: source <(sopctl completion zsh)   (in ~/.zshrc)\n");
        }
        spec.commandLine().getOut().print(script);
        spec.commandLine().getOut().flush();
    }
}
