package dev.sopctl.engine;

import dev.sopctl.ExitCode;
import dev.sopctl.SopctlException;
import dev.sopctl.inventory.UserNames;
import dev.sopctl.runbook.Destructive;
import dev.sopctl.runbook.OnFailure;
import dev.sopctl.runbook.ParamType;
import dev.sopctl.runbook.Parameter;
import dev.sopctl.runbook.Runbook;
import dev.sopctl.runbook.Step;
import dev.sopctl.runbook.StepKind;
import dev.sopctl.runbook.expr.Template;
import dev.sopctl.runbook.shell.ReadOnlyCommands;
import dev.sopctl.yaml.Location;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runbooks made in code for ad-hoc work, so that {@code sopctl exec} goes through the same planner,
 * executor, confirmations and transcript as every SOP. The operator's command is taken literally:
 * no templating, no quoting (it is their shell code, as with {@code ssh host COMMAND}).
 */
public final class AdHocRunbooks {
    private static final Location HERE = Location.of("sopctl exec");

    private AdHocRunbooks() {}

    /** A template that renders {@code text} exactly: every {@code {{} in it is written as a literal. */
    static Template literal(String text, Location at) {
        return Template.parse(text.replace("{{", "{{ '{{' }}"), at);
    }

    /**
     * One step running {@code command} on the hosts of the {@code target} parameter. Unless every part
     * of the command is a known read-only probe ({@link ReadOnlyCommands}), it is a destructive change:
     * it asks for confirmation (or {@code --yes}) and {@code --check} skips it.
     *
     * @throws SopctlException (65) when {@code asUser} is not a user name (see {@link UserNames})
     */
    public static Runbook exec(String command, String asUser) {
        if (asUser != null && !UserNames.isValid(asUser)) {
            throw new SopctlException(ExitCode.INVALID_INPUT, "--as: '" + asUser + "' is not a user name ("
                    + UserNames.RULE + ")", "give the login name of the user to run as, e.g. --as orchard");
        }
        Parameter target = new Parameter("target", ParamType.STRING, true, null, null, null, List.of(),
                "[A-Za-z0-9_.:,@-]+", null, null, "hosts, all, role:R, zone:Z or cluster:C", HERE);
        Optional<String> change = ReadOnlyCommands.whyConfirm(command);
        Destructive destructive = change.map(why -> new Destructive(
                literal("not a known read-only probe: " + why, HERE),
                null)).orElse(null);
        Step step = new Step("exec", "ad-hoc command", null, HERE, Template.parse("{{ target }}", HERE),
                literal(command, HERE), asUser, true, change.isPresent() ? StepKind.CHANGE : StepKind.PROBE,
                destructive, null, Map.of(), List.of(), null, null, false, OnFailure.STOP, List.of(), null, false,
                Set.of(0), null, null, null, null, Map.of(), null);
        return new Runbook("exec", "sopctl exec: " + command, null, null, List.of(target), List.of(step), List.of(), HERE);
    }
}
