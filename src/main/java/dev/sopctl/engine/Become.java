package dev.sopctl.engine;

import dev.sopctl.runbook.expr.ShellQuote;

/**
 * Wraps a command to run as another user, the way operators do it on these hosts: {@code su - USER
 * -c CMD} (a login shell, so {@code cd ~/pvdi/scripts} works as in the SOP) or {@code sudo -iu USER
 * sh -c CMD}. The wrapped command is what the plan and the transcript show.
 */
public final class Become {
    private Become() {}

    public static String wrap(String command, String user, String method) {
        if (user == null) {
            return command;
        }
        if ("sudo".equals(method)) {
            return "sudo -n -iu " + ShellQuote.quote(user) + " sh -c " + ShellQuote.quote(command);
        }
        return "su - " + ShellQuote.quote(user) + " -c " + ShellQuote.quote(command);
    }
}
