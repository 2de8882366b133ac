package dev.sopctl.report;

import dev.sopctl.runbook.NagiosRange;
import java.util.Map;

/**
 * Warning and critical ranges given on the command line for perfdata labels ({@code --warn
 * skew=-50:50}). They replace the runbook's ranges for that label, and a value they alert on raises
 * its check to WARNING or CRITICAL.
 */
public record Thresholds(Map<String, NagiosRange> warn, Map<String, NagiosRange> crit) {
    public static final Thresholds NONE = new Thresholds(Map.of(), Map.of());

    public Thresholds {
        warn = Map.copyOf(warn);
        crit = Map.copyOf(crit);
    }
}
