package dev.sopctl.cli;

import dev.sopctl.check.CheckInvocation;
import dev.sopctl.check.CheckSelection;
import dev.sopctl.report.Thresholds;
import dev.sopctl.runbook.NagiosRange;
import dev.sopctl.runbook.Perfdata;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;

/** {@code --warn LABEL=RANGE} and {@code --crit LABEL=RANGE} of {@code sopctl check}, checked as usage (64). */
record CheckThresholds(Thresholds thresholds) {
    static CheckThresholds parse(CommandLine cl, Map<String, String> warn, Map<String, String> crit) {
        return new CheckThresholds(new Thresholds(ranges(cl, "--warn", warn), ranges(cl, "--crit", crit)));
    }

    private static Map<String, NagiosRange> ranges(CommandLine cl, String option, Map<String, String> given) {
        Map<String, NagiosRange> out = new LinkedHashMap<>();
        given.forEach((label, text) -> {
            try {
                out.put(label, NagiosRange.parse(text));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cl, option + " " + label + "=" + text + ": " + e.getMessage());
            }
        });
        return out;
    }

    /** Every label given must be one a chosen check declares (a typo would silently check nothing). */
    void checkLabels(CommandLine cl, CheckSelection selection) {
        Set<String> declared = new TreeSet<>();
        for (CheckInvocation inv : selection.invocations()) {
            inv.runbook().perfdata().values().stream().flatMap(List::stream).map(Perfdata::label).forEach(declared::add);
        }
        check(cl, "--warn", thresholds.warn().keySet(), declared);
        check(cl, "--crit", thresholds.crit().keySet(), declared);
    }

    private static void check(CommandLine cl, String option, Set<String> given, Set<String> declared) {
        for (String label : given) {
            if (!declared.contains(label)) {
                throw new CommandLine.ParameterException(cl, option + " " + label + "=…: no chosen check declares"
                        + " the perfdata label '" + label + "'" + (declared.isEmpty() ? " (they declare none)"
                        : " (they declare: " + String.join(", ", declared) + ")"));
            }
        }
    }
}
