package dev.sopctl.cli;

import dev.sopctl.transcript.TranscriptSink;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * Shows a run's events on the terminal as they happen: each step, each command with its host, waits
 * with their progress, confirmations, and each host's outcome. Output lines are shown with
 * {@code -v} (or always, when {@code showOutput}); {@code -q} shows only problems. Events arrive
 * already redacted.
 */
final class ConsoleRenderer implements TranscriptSink {
    private static final long WAIT_REPORT_EVERY_MS = 15_000;

    private final PrintWriter out;
    private final Style style;
    private final boolean verbose;
    private final boolean quiet;
    private final boolean showOutput;
    private final Map<String, Long> lastWaitReport = new java.util.concurrent.ConcurrentHashMap<>();

    ConsoleRenderer(PrintWriter out, Style style, boolean verbose, boolean quiet, boolean showOutput) {
        this.out = out;
        this.style = style;
        this.verbose = verbose;
        this.quiet = quiet;
        this.showOutput = showOutput;
    }

    @Override
    public synchronized void write(String type, Map<String, Object> f) {
        switch (type) {
            case "run-start" -> {
                if (!quiet) {
                    out.println(style.bold("Run " + f.get("runbook")) + (Boolean.TRUE.equals(f.get("check"))
                            ? " (--check: probes only, no change)" : "") + " by " + f.get("operator"));
                }
            }
            case "step-start" -> {
                if (!quiet) {
                    out.println(style.bold("▶ " + f.get("number") + ". " + f.get("step")) + "  " + f.get("title"));
                }
            }
            case "command" -> {
                if (!quiet) {
                    String would = Boolean.TRUE.equals(f.get("would_run")) ? style.yellow(" (would run; --check)") : "";
                    out.println("  [" + f.get("host") + "] $ " + f.get("command") + would);
                }
            }
            case "output" -> {
                if (verbose || showOutput) {
                    String mark = "stderr".equals(f.get("stream")) ? " ! " : " | ";
                    out.println("  [" + f.get("host") + "]" + mark + f.get("line"));
                }
            }
            case "wait" -> waitProgress(f);
            case "step-end" -> stepEnd(f);
            case "notice" -> {
                if (!quiet) {
                    String text = String.valueOf(f.get("message"));
                    text.lines().forEach(l -> out.println(style.bold("  ※ ") + l));
                }
            }
            case "confirm" -> {
                if (!quiet) {
                    out.println("  confirmation: " + f.get("answer"));
                }
            }
            case "interrupted" -> out.println(style.red("  interrupted: remote commands are being stopped"));
            default -> { }
        }
        out.flush();
    }

    private void waitProgress(Map<String, Object> f) {
        if (quiet) {
            return;
        }
        String key = f.get("step") + "/" + f.get("host");
        long elapsed = ((Number) f.get("elapsed_ms")).longValue();
        Long last = lastWaitReport.get(key);
        if (!verbose && last != null && elapsed - last < WAIT_REPORT_EVERY_MS) {
            return;
        }
        lastWaitReport.put(key, elapsed);
        out.println(style.dim("  [" + f.get("host") + "] waiting until " + f.get("condition") + " — "
                + seconds(elapsed) + " of " + seconds(((Number) f.get("timeout_ms")).longValue())
                + (f.get("why") == null ? "" : " (" + f.get("why") + ")")));
    }

    private void stepEnd(Map<String, Object> f) {
        String outcome = String.valueOf(f.get("outcome"));
        int code = f.get("code") instanceof Number n ? n.intValue() : 0;
        if (quiet && code == 0) {
            return;
        }
        String took = f.get("duration_ms") instanceof Number n && n.longValue() > 0 ? " (" + seconds(n.longValue()) + ")" : "";
        String line = "  [" + f.get("host") + "] " + outcome + took
                + (f.get("message") == null ? "" : ": " + f.get("message"));
        out.println(code == 0 ? (outcome.equals("ok") ? style.green(line) : line)
                : code == 1 ? style.yellow(line) : style.red(line));
        if (f.get("hint") != null) {
            out.println("      hint: " + f.get("hint"));
        }
    }

    private static String seconds(long ms) {
        return ms < 10_000 ? String.format("%.1fs", ms / 1000.0) : (ms / 1000) + "s";
    }

    static String joinHosts(List<?> hosts) {
        return String.join(", ", hosts.stream().map(String::valueOf).toList());
    }
}
