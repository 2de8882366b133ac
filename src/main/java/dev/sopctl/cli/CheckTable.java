package dev.sopctl.cli;

import dev.sopctl.report.CheckReport;
import dev.sopctl.report.CheckRow;
import dev.sopctl.report.CheckState;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The check × host table for people: one line per check and host with its state and one-line
 * evidence, then what was repaired, then a summary line. {@code -q} shows only the rows that are
 * not OK; {@code -v} adds the checks skipped on a host with the reason.
 */
final class CheckTable {
    private CheckTable() {}

    static void print(CheckReport report, PrintWriter out, Style style, boolean verbose, boolean quiet) {
        List<CheckRow> shown = quiet ? report.rows().stream().filter(r -> r.state() != CheckState.OK).toList()
                : report.rows();
        int checkWidth = "CHECK".length();
        int hostWidth = "HOST".length();
        boolean severalRunbooks = report.rows().stream().map(CheckRow::runbook).distinct().count() > 1;
        for (CheckRow r : shown) {
            checkWidth = Math.max(checkWidth, label(r, severalRunbooks).length());
            hostWidth = Math.max(hostWidth, TerminalText.visible(r.host()).length());
        }
        out.println();
        if (!shown.isEmpty()) {
            out.println(style.bold(pad("CHECK", checkWidth) + "  " + pad("HOST", hostWidth) + "  " + pad("STATE", 8)
                    + "  DETAIL"));
        }
        for (CheckRow r : shown) {
            String state = pad(r.state().name(), 8);
            out.println(pad(label(r, severalRunbooks), checkWidth) + "  " + pad(TerminalText.visible(r.host()), hostWidth)
                    + "  " + colour(style, r.state(), state) + "  " + TerminalText.visible(r.detail()));
        }
        if (verbose) {
            for (CheckReport.Skipped s : report.skipped()) {
                out.println(style.dim(pad(severalRunbooks ? s.name() : s.check(), checkWidth) + "  "
                        + pad(TerminalText.visible(s.host()), hostWidth) + "  " + pad("skipped", 8) + "  "
                        + TerminalText.visible(s.reason())));
            }
        }
        List<String> repaired = new ArrayList<>();
        report.rows().stream().filter(CheckRow::repaired)
                .forEach(r -> repaired.add(r.host() + " " + r.check() + ": " + r.detail()));
        if (!repaired.isEmpty()) {
            out.println();
            out.println(style.bold("Repaired:"));
            repaired.forEach(line -> out.println("  " + TerminalText.visible(line)));
        }
    }

    /** The summary's words: {@code 1 critical, 11 OK (4 checks, 3 hosts)}. */
    static String summary(CheckReport report) {
        return report.counts() + " (" + report.checks().size() + " checks, " + report.hosts().size() + " hosts)";
    }

    static String head(Style style, CheckState state) {
        return colour(style, state, state.name());
    }

    private static String label(CheckRow r, boolean withRunbook) {
        return withRunbook ? r.name() : r.check();
    }

    private static String colour(Style style, CheckState state, String text) {
        return switch (state) {
            case OK -> style.green(text);
            case WARNING -> style.yellow(text);
            case CRITICAL, UNKNOWN -> style.red(text);
        };
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
