package dev.sopctl.engine;

import dev.sopctl.ExitCode;
import dev.sopctl.SopctlException;
import dev.sopctl.inventory.Host;
import dev.sopctl.inventory.Inventory;
import dev.sopctl.runbook.ParameterValues;
import dev.sopctl.runbook.Runbook;
import dev.sopctl.runbook.Step;
import dev.sopctl.runbook.expr.EvaluationException;
import dev.sopctl.runbook.expr.Quoting;
import dev.sopctl.runbook.expr.Scope;
import dev.sopctl.runbook.expr.Template;
import dev.sopctl.runbook.expr.UndefinedVariableException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a runbook, checked parameters and the inventory into a {@link Plan}: resolves every step's
 * hosts and templates its commands, conditions and confirmations as far as they can be known
 * before anything runs. What depends on output captured at run time is marked deferred. Opens no
 * connection. Problems that make the run impossible (a target that matches nothing, a null value
 * in a command) fail here with exit 65.
 */
public final class Planner {
    private Planner() {}

    public static Plan plan(Runbook runbook, ParameterValues params, Inventory inventory) {
        try {
            return planSteps(runbook, params, inventory);
        } catch (EvaluationException e) {
            // nothing has run yet: an expression that cannot be evaluated with these values is an invalid value
            throw new SopctlException(ExitCode.INVALID_INPUT, e.getMessage(), e.hint(), e);
        }
    }

    private static Plan planSteps(Runbook runbook, ParameterValues params, Inventory inventory) {
        Scopes scopes = new Scopes(inventory, params, runbook.vars());
        String become = inventory.defaults().become();
        RuntimeTargetPlanner targets = new RuntimeTargetPlanner(runbook, scopes, inventory);
        List<PlannedStep> steps = new ArrayList<>();
        int n = 1;
        for (Step s : runbook.steps()) {
            PlannedStep ps = planStep(s, n++, scopes, inventory, become, targets);
            targets.planned(ps);
            steps.add(ps);
        }
        List<PlannedStep> recovery = new ArrayList<>();
        n = 1;
        for (Step s : runbook.recovery()) {
            recovery.add(planStep(s, n++, scopes, inventory, become, targets));
        }
        return new Plan(runbook, params, inventory, steps, recovery);
    }

    private static PlannedStep planStep(Step s, int number, Scopes scopes, Inventory inventory, String become,
            RuntimeTargetPlanner targets) {
        Map<String, Map<String, Object>> none = new HashMap<>();
        List<Host> hosts = List.of();
        RuntimeTarget runtime = null;
        if (s.on() != null) {
            String target;
            try {
                target = s.on().render(Scope.of(scopes.forRun(none)), Quoting.NONE);
            } catch (UndefinedVariableException e) {
                runtime = targets.target(s, e.name());
                target = String.join(",", runtime.candidates());
            }
            try {
                hosts = inventory.resolveTargets(target);
            } catch (SopctlException e) {
                throw new SopctlException(ExitCode.INVALID_INPUT, "step '" + s.id() + "': " + e.getMessage(), e.hint());
            }
            if (s.isPiped() && hosts.size() != 1 && runtime == null) {
                throw new SopctlException(ExitCode.INVALID_INPUT, s.location() + ": step '" + s.id()
                        + "': a piped step sends from one host, but 'on' is " + hosts.size() + " hosts (" + target + ")");
            }
        }
        Map<String, PlannedStep.HostPreview> previews = new LinkedHashMap<>();
        for (Host h : hosts) {
            previews.put(h.name(), preview(s, h, scopes, none, inventory, become));
        }
        Boolean noticeWhen = null;
        if (s.isNotice() && s.when() != null && !s.when().freeVariables().contains("captured")) {
            try {
                noticeWhen = s.when().test(Scope.of(scopes.forRun(none)));
            } catch (SopctlException e) {
                noticeWhen = null; // decided at run time
            }
        }
        String noticeText = null;
        if (s.isNotice() && !s.notice().freeVariables().contains("captured")) {
            try {
                noticeText = s.notice().render(Scope.of(scopes.forRun(none)), Quoting.NONE);
            } catch (SopctlException e) {
                noticeText = null; // known only at run time
            }
        }
        return new PlannedStep(s, number, hosts, previews, noticeWhen, noticeText, runtime);
    }

    private static PlannedStep.HostPreview preview(Step s, Host h, Scopes scopes,
            Map<String, Map<String, Object>> none, Inventory inventory, String become) {
        Scope scope = Scope.of(scopes.forHost(h, none));
        Boolean when = null;
        String deferred = null;
        if (s.when() != null && s.when().freeVariables().contains("captured")) {
            deferred = "condition reads 'captured', known at run time";
        } else if (s.when() != null) {
            try {
                when = s.when().test(scope);
            } catch (UndefinedVariableException e) {
                deferred = "condition uses '" + e.name() + "', captured at run time";
            }
        }
        if (Boolean.FALSE.equals(when)) {
            return PlannedStep.HostPreview.skipped();
        }
        String command = null;
        String confirm = null;
        String typed = null;
        try {
            command = StepCommands.render(s, scope, become);
        } catch (UndefinedVariableException e) {
            deferred = "command uses '" + e.name() + "', captured at run time";
        } catch (SopctlException e) {
            if (deferred == null) {
                throw new SopctlException(ExitCode.INVALID_INPUT, "step '" + s.id() + "' on " + h.name() + ": "
                        + e.getMessage());
            }
            // whether it runs at all is decided at run time; if it does, this error is reported then
        }
        if (s.destructive() != null) {
            try {
                confirm = s.destructive().confirm().render(scope, Quoting.NONE);
                typed = s.destructive().typed() == null ? null
                        : s.destructive().typed().render(scope, Quoting.NONE);
            } catch (UndefinedVariableException e) {
                deferred = deferred == null ? "confirmation uses '" + e.name() + "', captured at run time" : deferred;
            } catch (SopctlException e) {
                if (deferred == null) {
                    throw new SopctlException(ExitCode.INVALID_INPUT, "step '" + s.id() + "' on " + h.name()
                            + ": confirmation: " + e.getMessage());
                }
            }
        }
        String pipeTo = null;
        String pipeCommand = null;
        if (s.isPiped()) {
            try {
                pipeTo = StepCommands.pipeReceiver(s, scope, inventory).name();
                pipeCommand = StepCommands.renderPipe(s, scope, become);
            } catch (UndefinedVariableException e) {
                deferred = deferred == null ? "pipe uses '" + e.name() + "', captured at run time" : deferred;
            } catch (SopctlException e) {
                if (deferred == null) {
                    throw new SopctlException(ExitCode.INVALID_INPUT, "step '" + s.id() + "' on " + h.name() + ": "
                            + e.getMessage(), e.hint());
                }
            }
        }
        return new PlannedStep.HostPreview(command, deferred, when, confirm, typed, pipeTo, pipeCommand,
                undoPreview(s, h, scope, inventory, become));
    }

    /** The undo command on {@code h}, when it can be known before the run; else null. */
    private static String undoPreview(Step s, Host h, Scope scope, Inventory inventory, String become) {
        if (s.undo() == null) {
            return null;
        }
        try {
            String command = Become.wrap(s.undo().run().render(scope, s.raw() ? Quoting.NONE : Quoting.SHELL),
                    s.undo().as() != null ? s.undo().as() : s.as(), become);
            if (s.undo().on() == null) {
                return command;
            }
            List<String> on = inventory.resolveTargets(s.undo().on().render(scope, Quoting.NONE)).stream()
                    .map(Host::name).toList();
            return on.equals(List.of(h.name())) ? command : String.join(", ", on) + ": $ " + command;
        } catch (SopctlException e) {
            return null; // known at run time (or reported then)
        }
    }
}
