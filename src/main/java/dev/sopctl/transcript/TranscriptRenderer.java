package dev.sopctl.transcript;
import static dev.sopctl.transcript.TranscriptEvents.*;

import dev.sopctl.output.ByteSizes;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Renders a transcript for people ({@code sopctl transcript show}):
 *
 * <pre>
 * Run 20261123-142501-a1b2c3
 *   operator   alice@ops1
 *   started    2026-11-23T14:25:01.000Z
 *   command    sopctl node shutdown node1
 *   runbook    pvdi/node-shutdown (node=node1)
 *   reason     kernel update
 *
 * ▶ list-domains  List the domains on the node
 *   [node1] $ xl list
 *   [node1]   Name   ID   Mem VCPUs   State   Time(s)
 *   [node1] exit 0 (0.4s)
 *
 * Outcome: ok, exit 0, after 12.3s
 * </pre>
 *
 * Output lines on stderr are marked {@code !}. Unknown event types are shown with their fields;
 * missing fields are left out; lines that are not JSON are skipped (verify the file to know
 * whether it is intact). Stateless and thread-safe.
 */
public final class TranscriptRenderer {
    private static final Set<String> ENVELOPE = Set.of(TIME, RUN, SEQ, TYPE, PREV);

    /** Renders a transcript file. @throws dev.sopctl.SopctlException exit 3 when it cannot be read */
    public void render(Path file, PrintWriter out) {
        render(TranscriptReader.read(file), out);
    }

    /** Renders events as read by {@link TranscriptReader}, in order. */
    public void render(List<Map<String, Object>> events, PrintWriter out) {
        boolean ended = false;
        boolean first = true;
        for (Map<String, Object> event : events) {
            String type = str(event.get(TYPE));
            if (first && !RUN_START.equals(type)) {
                out.println("Run " + orElse(str(event.get(RUN)), "?") + " (its run-start event is missing)");
            }
            first = false;
            ended = false;
            switch (type == null ? "" : type) {
                case RUN_START -> runStart(event, out);
                case STEP_START -> stepStart(event, out);
                case COMMAND -> out.println("  " + host(event) + "$ " + orElse(str(event.get(COMMAND_TEXT)), "")
                        + (event.get(PIPE_TO) != null ? "  | through sopctl into " + str(event.get(PIPE_TO))
                        : event.get(PIPED_FROM) != null ? "  (reads " + str(event.get(PIPED_FROM)) + "'s output)" : "")
                        + (Boolean.TRUE.equals(event.get(UNDO_FLAG)) ? "  (undo of " + orElse(str(event.get(STEP)), "?") + ")" : ""));
                case OUTPUT -> out.println("  " + host(event)
                        + (STDERR.equals(event.get(STREAM)) ? "! " : "  ") + orElse(str(event.get(LINE)), ""));
                case STEP_END -> out.println("  " + host(event) + stepEnd(event));
                case CONFIRM -> confirm(event, out);
                case NOTICE -> orElse(str(event.get(MESSAGE)), "").lines()
                        .forEach(l -> out.println("  " + host(event) + "note: " + l));
                case "wait" -> out.println("  " + host(event) + "waiting until " + orElse(str(event.get("condition")), "?")
                        + " (check " + orElse(str(event.get("attempt")), "?") + ", "
                        + (event.get("elapsed_ms") instanceof Number ms ? duration(ms.longValue()) : "?") + " of "
                        + (event.get("timeout_ms") instanceof Number ms ? duration(ms.longValue()) : "?") + ")"
                        + suffix(str(event.get("why"))));
                case TRANSFER -> out.println("  " + host(event) + transfer(event));
                case INTERRUPTED -> out.println("  ✖ interrupted" + suffix(str(event.get(MESSAGE))));
                case UNDO_PLAN -> undoPlan(event, out);
                case UNDO -> out.println("  " + host(event) + "undo of " + orElse(str(event.get(STEP)), "?") + ": "
                        + orElse(str(event.get(OUTCOME)), "?")
                        + (event.get(EXIT) != null ? " (exit " + str(event.get(EXIT)) + ")" : "") + suffix(str(event.get(MESSAGE))));
                case RUN_END -> {
                    out.println();
                    out.println("Outcome: " + orElse(str(event.get(OUTCOME)), "unknown")
                            + (event.get(EXIT) != null ? ", exit " + str(event.get(EXIT)) : "")
                            + (event.get(DURATION_MS) instanceof Number ms ? ", after " + duration(ms.longValue()) : ""));
                    if (event.get(MESSAGE) != null) {
                        out.println("  " + str(event.get(MESSAGE)));
                    }
                    if (event.get(STILL_CHANGED) instanceof Map<?, ?> left && !left.isEmpty()) {
                        out.println("Still changed:");
                        left.forEach((h, steps) -> out.println("  " + str(h) + ": " + (steps instanceof List<?> l
                                ? l.stream().map(TranscriptRenderer::str).collect(Collectors.joining(", ")) : str(steps))));
                    }
                    ended = true;
                }
                default -> out.println("  (" + orElse(type, "event without type") + ")" + fieldsOf(event));
            }
        }
        if (!ended) {
            out.println();
            out.println(events.isEmpty()
                    ? "Outcome: incomplete — the transcript holds no events"
                    : "Outcome: incomplete — no run-end event (the run was killed, or is still running)");
        }
        out.flush();
    }

    private static String transfer(Map<String, Object> e) {
        String bytes = e.get(BYTES) instanceof Number n ? ByteSizes.human(n.longValue()) : "?";
        String total = e.get(TOTAL) instanceof Number n && n.longValue() >= 0 ? " of " + ByteSizes.human(n.longValue()) : "";
        String rate = e.get(RATE) instanceof Number n ? ", " + ByteSizes.human(n.longValue()) + "/s" : "";
        return (Boolean.TRUE.equals(e.get(COMPLETE)) ? "transferred " : "transfer stopped after ") + bytes + total
                + " to " + orElse(str(e.get(TO)), "?")
                + (e.get(DURATION_MS) instanceof Number ms ? " in " + duration(ms.longValue()) : "") + rate;
    }

    private static void runStart(Map<String, Object> e, PrintWriter out) {
        String mode = Boolean.TRUE.equals(e.get(DRY_RUN)) ? " (dry run)"
                : Boolean.TRUE.equals(e.get(CHECK)) ? " (check)" : "";
        out.println("Run " + orElse(str(e.get(RUN)), "?") + mode);
        row(out, "operator", str(e.get(OPERATOR)));
        row(out, "started", str(e.get(TIME)));
        row(out, "command", str(e.get(COMMAND_LINE)) == null ? null : TranscriptStore.text(e.get(COMMAND_LINE)));
        String params = e.get(PARAMS) instanceof Map<?, ?> map && !map.isEmpty()
                ? " (" + map.entrySet().stream().map(p -> p.getKey() + "=" + str(p.getValue()))
                        .collect(Collectors.joining(", ")) + ")"
                : "";
        String runbook = str(e.get(RUNBOOK));
        row(out, "runbook", runbook == null && params.isEmpty() ? null : orElse(runbook, "-") + params);
        row(out, "reason", str(e.get(REASON)));
        row(out, "inventory", str(e.get(INVENTORY)));
    }

    private static void row(PrintWriter out, String label, String value) {
        if (value != null && !value.isEmpty()) {
            out.println("  " + String.format(Locale.ROOT, "%-10s ", label) + value);
        }
    }

    private static void stepStart(Map<String, Object> e, PrintWriter out) {
        out.println();
        String title = str(e.get(TITLE));
        String what = KIND_CHANGE.equals(e.get(KIND))
                ? Boolean.TRUE.equals(e.get(DESTRUCTIVE)) ? "  [change, destructive]" : "  [change]"
                : Boolean.TRUE.equals(e.get(DESTRUCTIVE)) ? "  [destructive]" : "";
        out.println("▶ " + orElse(str(e.get(STEP)), "?") + (title == null ? "" : "  " + title) + what);
    }

    private static String stepEnd(Map<String, Object> e) {
        String outcome = str(e.get(OUTCOME));
        StringBuilder line = new StringBuilder();
        if (e.get(EXIT) != null) {
            line.append("exit ").append(str(e.get(EXIT)));
        }
        if (outcome != null && (!OUTCOME_OK.equals(outcome) || line.length() == 0)) {
            line.append(line.length() == 0 ? "" : " ").append(outcome);
        }
        if (e.get(DURATION_MS) instanceof Number ms) {
            line.append(line.length() == 0 ? "" : " ").append('(').append(duration(ms.longValue())).append(')');
        }
        if (line.length() == 0) {
            line.append("step ended");
        }
        return line + suffix(str(e.get(MESSAGE)));
    }

    private static void undoPlan(Map<String, Object> e, PrintWriter out) {
        out.println();
        out.println("↶ undo (" + orElse(str(e.get(REASON)), "the run stopped") + "), newest change first:");
        if (e.get(UNDOS) instanceof List<?> undos) {
            for (Object u : undos) {
                if (u instanceof Map<?, ?> m) {
                    out.println("      [" + str(m.get(HOST)) + "] $ " + orElse(str(m.get(COMMAND_TEXT)), "(cannot be undone)")
                            + "   (undoes " + str(m.get(STEP)) + ")");
                }
            }
        }
    }

    private static void confirm(Map<String, Object> e, PrintWriter out) {
        out.println("  ? " + orElse(str(e.get(PROMPT)), "confirmation"));
        if (e.get(HOSTS) instanceof List<?> hosts && !hosts.isEmpty()) {
            out.println("      on " + hosts.stream().map(TranscriptRenderer::str).collect(Collectors.joining(", ")));
        }
        if (e.get(COMMANDS) instanceof List<?> commands) {
            for (Object command : commands) {
                if (command instanceof Map<?, ?> c && c.get(COMMAND_TEXT) != null) {
                    out.println("      " + (c.get(HOST) == null ? "" : "[" + str(c.get(HOST)) + "] ") + "$ "
                            + str(c.get(COMMAND_TEXT)));
                } else {
                    out.println("      $ " + str(command));
                }
            }
        } else if (e.get(COMMANDS) != null) {
            out.println("      $ " + str(e.get(COMMANDS)));
        }
        out.println("    → " + answer(str(e.get(ANSWER))));
    }

    private static String answer(String answer) {
        if (answer == null) {
            return "no answer recorded";
        }
        return switch (answer) {
            case ANSWER_TYPED_OK -> "typed the expected name: yes";
            case ANSWER_TYPED_WRONG -> "typed a different name: not done";
            case ANSWER_AUTO_YES -> "yes (--yes)";
            case ANSWER_NO_TERMINAL -> "no terminal and no --yes: not done";
            default -> answer;
        };
    }

    private static String host(Map<String, Object> e) {
        String host = str(e.get(HOST));
        return host == null ? "" : "[" + host + "] ";
    }

    private static String fieldsOf(Map<String, Object> e) {
        return e.entrySet().stream()
                .filter(f -> !ENVELOPE.contains(f.getKey()))
                .map(f -> " " + f.getKey() + "=" + str(f.getValue()))
                .collect(Collectors.joining());
    }

    /** 0.4s, 12.3s, 2m05s, 1h02m. */
    static String duration(long ms) {
        if (ms < 59_950) { // would round to 60.0s
            return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
        }
        long s = Math.max(60, ms / 1000);
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }

    private static String suffix(String message) {
        return message == null || message.isEmpty() ? "" : " — " + message;
    }

    private static String orElse(String value, String fallback) {
        return value == null ? fallback : value;
    }

    private static String str(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(TranscriptRenderer::str).collect(Collectors.joining(", "));
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(f -> f.getKey() + "=" + str(f.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        return value.toString();
    }
}
