package dev.sopctl.runbook;

import dev.sopctl.runbook.expr.Template;

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
}
