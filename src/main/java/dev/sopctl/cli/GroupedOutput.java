package dev.sopctl.cli;

import dev.sopctl.engine.HostResult;
import dev.sopctl.engine.RunResult;
import dev.sopctl.engine.StepResult;
import dev.sopctl.transcript.RunEvent;
import dev.sopctl.transcript.TranscriptSink;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code sopctl exec}: each host's output together, under a status line for that host. */
final class GroupedOutput {
    private GroupedOutput() {}

    /**
     * The live renderer without the per-host outcome lines: each host's outcome is its group's
     * status line, printed after the run, so failures do not come before the output they belong to.
     */
    static TranscriptSink withoutHostOutcomes(ConsoleRenderer console) {
        return new TranscriptSink() {
            /** The terminal shows typed run events only (see {@link #accept}). */
            @Override
            public void write(String type, Map<String, Object> fields) {
            }

            @Override
            public void accept(RunEvent event) {
                if (!(event instanceof RunEvent.StepEnd end) || end.host() == null || end.host().isEmpty()) {
                    console.accept(event);
                }
            }

            @Override
            public void live(RunEvent.Progress progress) {
                console.live(progress);
            }
        };
    }

    /** "on 2 of 5 hosts: node1 (exit 2), node3 (unreachable)", or null when no host failed. */
    static String failedHosts(RunResult result) {
        List<String> failed = new ArrayList<>();
        int hosts = 0;
        for (StepResult s : result.steps()) {
            for (HostResult h : s.hosts()) {
                if (h.host().isEmpty()) {
                    continue;
                }
                hosts++;
                if (h.exitCode() != 0) {
                    failed.add(h.host() + " (" + (h.exitStatus() != null ? "exit " + h.exitStatus() : h.outcome()) + ")");
                }
            }
        }
        return failed.isEmpty() ? null : "on " + failed.size() + " of " + hosts + " hosts: " + String.join(", ", failed);
    }

    static void print(RunResult result, PrintWriter out, Style style) {
        for (StepResult s : result.steps()) {
            for (HostResult h : s.hosts()) {
                String status = h.exitStatus() != null ? "exit " + h.exitStatus() : h.outcome().id();
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
