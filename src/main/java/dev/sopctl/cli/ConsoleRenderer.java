package dev.sopctl.cli;

import dev.sopctl.output.ByteSizes;
import dev.sopctl.transcript.RunEvent;
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
    public synchronized void live(RunEvent.Progress progress) {
        if (quiet) {
            return;
        }
        // texts from outside (host names, remote output) are shown with control characters as visible escapes
        RunEvent.Progress p = (RunEvent.Progress) progress.redacted(TerminalText::visibleValue);
        Map<String, Object> f = p.fields();
        if (liveWidth > 0) {
            out.print("\r" + ProgressLine.render(f, liveWidth) + "\u001b[K");
            progressShown = true;
            out.flush();
            return;
        }
        String key = p.step() + "/" + p.host();
        Long last = lastProgressReport.get(key);
        if (last == null && p.elapsedMs() < PROGRESS_REPORT_EVERY_MS
                || last != null && p.elapsedMs() - last < PROGRESS_REPORT_EVERY_MS) {
            return;
        }
        lastProgressReport.put(key, p.elapsedMs());
        out.println(ProgressLine.render(f, Integer.MAX_VALUE));
        out.flush();
    }

    /** The terminal shows typed run events only (see {@link #accept}); untyped records are for files. */
    @Override
    public void write(String type, Map<String, Object> fields) {
    }

    @Override
    public synchronized void accept(RunEvent raw) {
        // texts from outside (remote output, commands, host names) are shown with control characters as visible escapes
        RunEvent event = raw.redacted(TerminalText::visibleValue);
        if (progressShown) {
            out.print("\r\u001b[K");
            progressShown = false;
        }
        if (event instanceof RunEvent.RunStart e) {
            if (!quiet) {
                out.println(style.bold("Run " + e.runbook()) + (e.check() ? " (--check: probes only, no change)" : "")
                        + " by " + e.operator());
            }
        } else if (event instanceof RunEvent.StepStart e) {
            if (!quiet) {
                out.println(style.bold("▶ " + e.number() + ". " + e.step()) + "  " + e.title()
                        + (e.target() == null ? "" : style.dim("  (on " + joinHosts(e.hosts()) + ", decided at run time)")));
            }
        } else if (event instanceof RunEvent.Command e) {
            command(e);
        } else if (event instanceof RunEvent.Transfer e) {
            transfer(e);
        } else if (event instanceof RunEvent.Output e) {
            if (verbose || showOutput) {
                String mark = "stderr".equals(e.stream()) ? " ! " : " | ";
                out.println("  [" + e.host() + "]" + mark + e.line());
            }
        } else if (event instanceof RunEvent.Wait e) {
            waitProgress(e);
        } else if (event instanceof RunEvent.StepEnd e) {
            stepEnd(e);
        } else if (event instanceof RunEvent.Notice e) {
            if (!quiet) {
                String who = e.host() == null ? "" : "[" + e.host() + "] ";
                e.message().lines().forEach(l -> out.println(style.bold("  ※ ") + who + l));
            }
        } else if (event instanceof RunEvent.OutputCut e) {
            // output that was cut is said even in quiet mode: the operator would not know otherwise
            String who = e.host() == null ? "" : "[" + e.host() + "] ";
            e.message().lines().forEach(l -> out.println(style.bold("  ※ ") + who + l));
        } else if (event instanceof RunEvent.Confirm e) {
            if (!quiet) {
                out.println("  confirmation" + ("undo".equals(e.step()) ? " of the undo" : "") + ": " + e.answer());
            }
        } else if (event instanceof RunEvent.Interrupted e) {
            out.println(style.red("undo".equals(e.step())
                    ? "  interrupted again: the undo stops here" : "  interrupted: remote commands are being stopped"));
        } else if (event instanceof RunEvent.UndoPlan e) {
            out.println(style.yellow("↶ The run stopped (" + e.reason() + "); undo of the completed changes, newest first:"));
            for (Map<String, Object> u : e.undos()) {
                out.println("    [" + u.get("host") + "] $ " + u.get("command") + style.dim("   (undoes " + u.get("step") + ")"));
            }
        } else if (event instanceof RunEvent.Lock e) {
            lock(e);
        } else if (event instanceof RunEvent.Undo e) {
            String line = "  [" + e.host() + "] undo of " + e.step() + ": " + e.outcome()
                    + (e.message() == null ? "" : ": " + e.message());
            out.println("undone".equals(e.outcome()) ? style.green(line) : style.red(line));
        }
        // run-start's summary and run-end are printed by the command from the result; progress is live only
        out.flush();
    }

    /**
     * Run locks: taken and released only in verbose mode; waiting, taken over, broken, held and not
     * released always, even in quiet mode (the operator would not know otherwise why nothing happens).
     */
    private void lock(RunEvent.Lock e) {
        boolean plain = "taken".equals(e.action()) || "released".equals(e.action());
        if (plain && !verbose) {
            return;
        }
        String line = "  [" + e.host() + "] run lock " + e.action() + (e.message() == null ? "" : ": " + e.message());
        out.println(plain ? style.dim(line) : style.yellow(line));
    }

    private void command(RunEvent.Command e) {
        if (quiet) {
            return;
        }
        String would = e.wouldRun() ? style.yellow(" (would run; --check)") : "";
        String piped = e.pipeTo() != null ? style.dim("  | through sopctl into " + e.pipeTo())
                : e.pipedFrom() != null ? style.dim("  (reads " + e.pipedFrom() + "'s output)") : "";
        String undo = e.undo() ? style.yellow("  (undo of " + e.step() + ")") : "";
        out.println("  [" + e.host() + "] $ " + e.command() + would + piped + undo);
    }

    private void waitProgress(RunEvent.Wait e) {
        if (quiet) {
            return;
        }
        String key = e.step() + "/" + e.host();
        Long last = lastWaitReport.get(key);
        if (!verbose && last != null && e.elapsedMs() - last < WAIT_REPORT_EVERY_MS) {
            return;
        }
        lastWaitReport.put(key, e.elapsedMs());
        out.println(style.dim("  [" + e.host() + "] waiting until " + e.condition() + " — "
                + seconds(e.elapsedMs()) + " of " + seconds(e.timeoutMs()) + (e.why() == null ? "" : " (" + e.why() + ")")));
    }

    /** A watched file's transfer says how it went here; a piped step says it in its result. */
    private void transfer(RunEvent.Transfer e) {
        if (quiet || !"watch".equals(e.via())) {
            return;
        }
        String what = e.complete() ? " written in " : " written before the copy stopped, in ";
        out.println(style.dim("  [" + e.host() + " → " + e.to() + "] " + ByteSizes.human(e.bytes()) + what
                + seconds(e.durationMs()) + " (" + ByteSizes.human(e.rate()) + "/s)"));
    }

    private void stepEnd(RunEvent.StepEnd e) {
        if (quiet && e.code() == 0) {
            return;
        }
        String took = e.durationMs() > 0 ? " (" + seconds(e.durationMs()) + ")" : "";
        String line = "  [" + (e.host() == null || e.host().isEmpty() ? e.step() : e.host()) + "] " + e.outcome() + took
                + (e.message() == null ? "" : ": " + e.message());
        out.println(e.code() == 0 ? (e.outcome().equals("ok") ? style.green(line) : line)
                : e.code() == 1 ? style.yellow(line) : style.red(line));
        if (e.hint() != null) {
            out.println("      hint: " + e.hint());
        }
    }

    private static String seconds(long ms) {
        return ms < 10_000 ? String.format("%.1fs", ms / 1000.0) : (ms / 1000) + "s";
    }

    static String joinHosts(List<?> hosts) {
        return String.join(", ", hosts.stream().map(String::valueOf).toList());
    }
}
