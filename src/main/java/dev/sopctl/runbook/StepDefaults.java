package dev.sopctl.runbook;

import dev.sopctl.SopctlException;
import dev.sopctl.inventory.UserNames;
import dev.sopctl.runbook.expr.Template;
import dev.sopctl.yaml.MapReader;
import dev.sopctl.yaml.Problems;
import dev.sopctl.yaml.YamlNode;

/**
 * A runbook's {@code defaults:} for its steps, each used where a step does not set the key:
 * {@code on} and {@code as} for steps that run a command, {@code on_failure} for every step.
 *
 * @param on        the hosts, or null
 * @param as        the user, or null
 * @param onFailure stop or continue, or null ({@code recover} names steps, so it is per step only)
 */
record StepDefaults(Template on, String as, OnFailure onFailure) {
    static final StepDefaults NONE = new StepDefaults(null, null, null);

    /** Reads {@code defaults:}, reporting unknown keys and bad values; {@link #NONE} when absent. */
    static StepDefaults read(YamlNode n, Problems problems) {
        if (n == null) {
            return NONE;
        }
        MapReader d = new MapReader(n, "defaults", problems);
        Template on = null;
        String onText = d.optionalString("on");
        if (onText != null) {
            try {
                on = Template.parse(onText, d.keyLocation("on"));
            } catch (SopctlException e) {
                problems.add(d.keyLocation("on"), RunbookLoader.withoutLocation(e.getMessage(), d.keyLocation("on")));
            }
        }
        String as = d.optionalString("as");
        if (as != null && !UserNames.isValid(as)) {
            problems.add(d.keyLocation("as"), "defaults: 'as' must be a user name (" + UserNames.RULE + "), not '" + as + "'");
            as = null; // reported once, here, not again for every step
        }
        OnFailure onFailure = null;
        String onFailureText = d.optionalString("on_failure");
        if ("stop".equals(onFailureText) || "continue".equals(onFailureText)) {
            onFailure = OnFailure.valueOf(onFailureText.toUpperCase(java.util.Locale.ROOT));
        } else if (onFailureText != null) {
            problems.add(d.keyLocation("on_failure"), "defaults: on_failure must be stop or continue"
                    + ("recover".equals(onFailureText) ? " (recover names its recovery steps, so it is set per step)"
                    : ", not '" + onFailureText + "'"));
        }
        d.finish();
        return new StepDefaults(on, as, onFailure);
    }
}
