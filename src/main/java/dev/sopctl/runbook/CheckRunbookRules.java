package dev.sopctl.runbook;

import dev.sopctl.yaml.Problems;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What {@code check: true} promises, checked when the runbook loads: it changes nothing unless its
 * fix switch is on. The fix switch is a {@code bool} parameter named {@code fix}; every change
 * step's condition must start {@code fix and …} (or be {@code fix}), so that with the switch off —
 * as {@code sopctl check} always runs it — no change step can run whatever the hosts say.
 */
final class CheckRunbookRules {
    static final String FIX_SWITCH = "fix";
    private static final Pattern GUARDED = Pattern.compile("\\s*\\(?\\s*fix\\s*(\\)\\s*)?($|and\\s.*)", Pattern.DOTALL);

    private CheckRunbookRules() {}

    static void check(List<Parameter> params, List<Step> steps, Problems problems) {
        boolean hasSwitch = params.stream().anyMatch(p -> p.name().equals(FIX_SWITCH) && p.type() == ParamType.BOOL);
        for (Step s : steps) {
            if (s.kind() != StepKind.CHANGE) {
                continue;
            }
            if (!hasSwitch) {
                problems.add(s.location(), "step '" + s.id() + "' changes state, but this check runbook has no fix"
                        + " switch (a bool parameter 'fix') to guard it with 'when: fix and …'");
            } else if (s.when() == null || !GUARDED.matcher(s.when().source()).matches()) {
                problems.add(s.location(), "step '" + s.id() + "' changes state in a check runbook without the fix"
                        + " switch: its condition must be 'fix' or start 'fix and …' (found "
                        + (s.when() == null ? "none" : "'" + s.when().source() + "'") + ")");
            }
        }
    }
}
