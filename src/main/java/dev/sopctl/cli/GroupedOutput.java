package dev.sopctl.cli;

import dev.sopctl.engine.HostResult;
import dev.sopctl.engine.RunResult;
import dev.sopctl.engine.StepResult;
import java.io.PrintWriter;

/** {@code sopctl exec}: each host's output together, under a status line for that host. */
final class GroupedOutput {
    private GroupedOutput() {}

    static void print(RunResult result, PrintWriter out, Style style) {
        for (StepResult s : result.steps()) {
            for (HostResult h : s.hosts()) {
                String status = h.exitStatus() != null ? "exit " + h.exitStatus() : h.outcome();
                String line = "── " + TerminalText.visible(h.host()) + " · " + status + " · "
                        + String.format("%.2fs", h.duration().toMillis() / 1000.0)
                        + (h.message() == null || h.exitStatus() != null && h.exitStatus() != 0 && h.message().contains("exited")
                                ? "" : " · " + TerminalText.visible(h.message()));
                out.println(h.exitCode() == 0 ? style.bold(line) : style.red(line));
                TerminalText.lines(h.stdout()).forEach(l -> out.println(TerminalText.visible(l)));
                TerminalText.lines(h.stderr()).forEach(l -> out.println(style.red(TerminalText.visible(l))));
            }
        }
    }
}
