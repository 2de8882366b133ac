package dev.sopctl.runbook;

import dev.sopctl.runbook.expr.Expression;
import dev.sopctl.runbook.expr.Template;
import dev.sopctl.yaml.Location;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One step of a runbook. A step either runs a command on hosts ({@code run} + {@code on}) or only
 * tells the operator something ({@code notice}, no hosts).
 *
 * @param id               kebab-case, unique in the runbook; the transcript's step id
 * @param title            what the step does, as the SOP says it
 * @param sop              the SOP step it implements (e.g. "step 2"), or null
 * @param on               target template: host names, {@code role:R}, {@code zone:Z}, {@code cluster:C}, comma-separated
 * @param run              command template; substituted values are shell-quoted unless {@code raw}
 * @param as               run as this user ({@code su -}/{@code sudo -u} per inventory), or null
 * @param raw              substituted values are inserted unquoted (the runbook author opted out)
 * @param kind             probe or change
 * @param destructive      the confirmation a destructive step needs, or null
 * @param parse            parser name, or null
 * @param capture          variables this step sets for later steps on the same host
 * @param asserts          guards checked after the command
 * @param when             the step runs on a host only when this holds, or null for always
 * @param until            wait condition, or null
 * @param expectDisconnect the connection dropping (reboot, halt) is success
 * @param onFailure        what happens when the step fails
 * @param recover          recovery step ids run when {@code onFailure} is RECOVER
 * @param timeout          per-command timeout, or null for the inventory's
 * @param serial           one host at a time instead of in parallel
 * @param allowExit        exit statuses that count as success (default {0})
 * @param notice           text to show the operator (a notice step), or null
 * @param pipe             where the command's output is streamed to (another host's command), or null
 * @param progress         how to show a long transfer's progress, or null
 * @param undo             how to put back what this change did when the run stops later, or null
 * @param publish          run-wide names set once after the step from its hosts' results (see runbooks/README.md)
 * @param reports          findings reported after the command when their condition holds (INFO, WARNING, CRITICAL)
 * @param repairs          what runs where the check failed, with the runbook's fix switch on; then the check runs again
 * @param anyOne           run on one of the hosts only: the first (in order, condition true) that answers
 * @param address          where to reach the host for this step's command when it is not the inventory's
 *                         address (a node the run re-addressed), templated per host at run time; or null
 */
public record Step(
        String id,
        String title,
        String sop,
        Location location,
        Template on,
        Template run,
        String as,
        boolean raw,
        StepKind kind,
        Destructive destructive,
        String parse,
        Map<String, Expression> capture,
        List<Assertion> asserts,
        Expression when,
        Until until,
        boolean expectDisconnect,
        OnFailure onFailure,
        List<String> recover,
        Duration timeout,
        boolean serial,
        Set<Integer> allowExit,
        Template notice,
        Pipe pipe,
        Progress progress,
        Undo undo,
        Map<String, Expression> publish,
        List<Report> reports,
        List<Repair> repairs,
        boolean anyOne,
        Template address) {

    public Step {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(onFailure, "onFailure");
        capture = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(capture));
        asserts = List.copyOf(asserts);
        recover = List.copyOf(recover);
        allowExit = Set.copyOf(allowExit);
        publish = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(publish));
        reports = List.copyOf(reports);
        repairs = List.copyOf(repairs);
    }

    /** A step without reports, repairs or any-one targeting. */
    public Step(String id, String title, String sop, Location location, Template on, Template run, String as, boolean raw,
            StepKind kind, Destructive destructive, String parse, Map<String, Expression> capture, List<Assertion> asserts,
            Expression when, Until until, boolean expectDisconnect, OnFailure onFailure, List<String> recover,
            Duration timeout, boolean serial, Set<Integer> allowExit, Template notice, Pipe pipe, Progress progress,
            Undo undo, Map<String, Expression> publish) {
        this(id, title, sop, location, on, run, as, raw, kind, destructive, parse, capture, asserts, when, until,
                expectDisconnect, onFailure, recover, timeout, serial, allowExit, notice, pipe, progress, undo, publish,
                List.of(), List.of(), false, null);
    }

    /** A check: its verdict comes from asserts or reports (a row of a check's table). */
    public boolean isCheck() {
        return !asserts.isEmpty() || !reports.isEmpty();
    }

    public boolean isNotice() {
        return notice != null && run == null;
    }

    public boolean isPiped() {
        return pipe != null;
    }

    public boolean isDestructive() {
        return destructive != null;
    }
}
