package dev.sopctl.cli;

import dev.sopctl.output.ByteSizes;
import dev.sopctl.transcript.TranscriptSink;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/**
 * Shows a run's events on the terminal as they happen: each step, each command with its host, waits
 * with their progress, confirmations, and each host's outcome. Output lines are shown with
 * {@code -v} (or always, when {@code showOutput}); {@code -q} shows only problems. Events arrive
 * already redacted.
 *
 * <p>A transfer's progress is redrawn in place on a terminal ({@code liveWidth > 0}); anywhere else
 * (cron, CI, a pipe) it is a plain line every {@value #PROGRESS_REPORT_EVERY_MS} ms.
 */
final class ConsoleRenderer implements TranscriptSink {
    private static final long WAIT_REPORT_EVERY_MS = 15_000;
    private static final long PROGRESS_REPORT_EVERY_MS = 30_000;

    private final PrintWriter out;
    private final Style style;
    private final boolean verbose;
    private final boolean quiet;
    private final boolean showOutput;
    private final int liveWidth;
    private final Map<String, Long> lastWaitReport = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Long> lastProgressReport = new java.util.concurrent.ConcurrentHashMap<>();
    /** A progress line is drawn and not ended: the next output must clear it first. */
    private boolean progressShown;

    /** @param liveWidth the terminal's width to redraw progress in place, or 0 when output is not a terminal */
    ConsoleRenderer(PrintWriter out, Style style, boolean verbose, boolean quiet, boolean showOutput, int liveWidth) {
        this.out = out;
        this.style = style;
        this.verbose = verbose;
        this.quiet = quiet;
        this.showOutput = showOutput;
        this.liveWidth = liveWidth;
    }

    @Override
    public synchronized void live(String type, Map<String, Object> fields) {
        if (quiet || !"progress".equals(type)) {
            return;
        }
        Map<String, Object> f = TerminalText.visible(fields);
        if (liveWidth > 0) {
            out.print("\r" + ProgressLine.render(f, liveWidth) + "\u001b[K");
            progressShown = true;
            out.flush();
            return;
        }
        String key = f.get("step") + "/" + f.get("host");
        long elapsed = f.get("elapsed_ms") instanceof Number n ? n.longValue() : 0;
        Long last = lastProgressReport.get(key);
        if (last == null && elapsed < PROGRESS_REPORT_EVERY_MS || last != null && elapsed - last < PROGRESS_REPORT_EVERY_MS) {
            return;
        }
        lastProgressReport.put(key, elapsed);
        out.println(ProgressLine.render(f, Integer.MAX_VALUE));
        out.flush();
    }

    @Override
    public synchronized void write(String type, Map<String, Object> fields) {
        Map<String, Object> f = TerminalText.visible(fields);
        if (progressShown) {
            out.print("\r\u001b[K");
            progressShown = false;
        }
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
                    String piped = f.get("pipe_to") != null ? style.dim("  | through sopctl into " + f.get("pipe_to"))
                            : f.get("piped_from") != null ? style.dim("  (reads " + f.get("piped_from") + "'s output)") : "";
                    out.println("  [" + f.get("host") + "] $ " + f.get("command") + would + piped);
                }
            }
            case "transfer" -> transfer(f);
            case "output" -> {
                if (verbose || showOutput) {
                    String mark = "stderr".equals(f.get("stream")) ? " ! " : " | ";
                    out.println("  [" + f.get("host") + "]" + mark + f.get("line"));
                }
            }
            case "wait" -> waitProgress(f);
            case "step-end" -> stepEnd(f);
            case "notice" -> {
                // output that was cut is said even in quiet mode: the operator would not know otherwise
                if (!quiet || Boolean.TRUE.equals(f.get("cut"))) {
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

    /** A watched file's transfer says how it went here; a piped step says it in its result. */
    private void transfer(Map<String, Object> f) {
        if (quiet || !"watch".equals(f.get("via"))) {
            return;
        }
        long bytes = f.get("bytes") instanceof Number n ? n.longValue() : 0;
        long ms = f.get("duration_ms") instanceof Number n ? n.longValue() : 0;
        long rate = f.get("rate") instanceof Number n ? n.longValue() : 0;
        String what = Boolean.TRUE.equals(f.get("complete")) ? " written in " : " written before the copy stopped, in ";
        out.println(style.dim("  [" + f.get("host") + " → " + f.get("to") + "] " + ByteSizes.human(bytes) + what
                + seconds(ms) + " (" + ByteSizes.human(rate) + "/s)"));
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
