package dev.sopctl.cli;

import dev.sopctl.output.ByteSizes;
import dev.sopctl.yaml.Durations;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * One line for a transfer's progress event: who sends to whom, a bar and percentage when the total
 * is known, bytes, the recent rate and the time left. Never wider than asked: the bar shrinks first,
 * then the line is cut.
 *
 * <pre>
 *   [node1 → node3] [#######.........]  44%  6.2 GiB / 14.0 GiB  112.4 MiB/s  ETA 1m11s
 * </pre>
 */
final class ProgressLine {
    private static final int MAX_BAR = 24;
    private static final int MIN_BAR = 8;

    private ProgressLine() {}

    static String render(Map<String, Object> f, int width) {
        long bytes = number(f.get("bytes"));
        long total = f.get("total") == null ? -1 : number(f.get("total"));
        String who = "  [" + f.get("host") + (f.get("to") == null ? "" : " → " + f.get("to")) + "] ";
        String rate = ByteSizes.human(number(f.get("rate"))) + "/s";
        String tail;
        String bar = "";
        if (total >= 0) {
            double fraction = total == 0 ? 1 : Math.min(1.0, (double) bytes / total);
            Object eta = f.get("eta_ms");
            tail = String.format(Locale.ROOT, " %3d%%  %s / %s  %s  ETA %s", (int) Math.floor(fraction * 100),
                    ByteSizes.human(bytes), ByteSizes.human(total), rate,
                    eta == null ? "--" : Durations.format(Duration.ofSeconds((number(eta) + 999) / 1000)));
            int room = width - 1 - who.length() - tail.length() - 2;
            int barWidth = Math.min(MAX_BAR, room);
            if (barWidth >= MIN_BAR) {
                int filled = (int) Math.floor(fraction * barWidth);
                bar = "[" + "#".repeat(filled) + ".".repeat(barWidth - filled) + "]";
            }
        } else {
            tail = ByteSizes.human(bytes) + "  " + rate + "  "
                    + Durations.format(Duration.ofSeconds(number(f.get("elapsed_ms")) / 1000));
        }
        String line = who + bar + tail;
        return line.length() < width ? line : line.substring(0, Math.max(0, width - 1));
    }

    private static long number(Object o) {
        return o instanceof Number n ? n.longValue() : 0;
    }
}
