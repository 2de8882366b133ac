package dev.sopctl.engine;

import dev.sopctl.inventory.Host;
import dev.sopctl.runbook.Step;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A step with its hosts resolved and, per host, what is known before anything runs.
 *
 * @param number   1-based position in the plan (recovery steps are numbered R1, R2 by the printer)
 * @param hosts    the hosts it targets, in inventory order (empty for a notice)
 * @param previews per host name: the command and condition as far as they can be known now
 * @param noticeWhen for a notice with a condition: whether it will show, when known now; else null
 * @param noticeText for a notice: its text when it can be known now; else null
 * @param runtime    when the hosts are decided at run time: the target and the hosts it may be ({@code hosts}
 *                   are then those candidates); else null
 */
public record PlannedStep(Step step, int number, List<Host> hosts, Map<String, HostPreview> previews,
        Boolean noticeWhen, String noticeText, RuntimeTarget runtime) {
    public PlannedStep {
        Objects.requireNonNull(step, "step");
        hosts = List.copyOf(hosts);
        previews = Collections.unmodifiableMap(new LinkedHashMap<>(previews));
    }

    /**
     * @param command    the exact command line (quoted, wrapped for {@code as}); null when it depends on
     *                   output captured at run time, see {@code deferred}
     * @param deferred   why the command (or condition) is only known at run time, or null
     * @param when       TRUE/FALSE when the condition is known now, null when it has none or it is deferred
     * @param confirm    the confirmation text for this host, or null
     * @param typed      the text to type for this host, or null
     * @param pipeTo     for a piped step: the receiving host's name, or null (not piped, or known at run time)
     * @param pipeCommand for a piped step: the receiving command, or null (not piped, or known at run time)
     * @param undo       the undo command (where it runs, when not on this host: "nas2: $ cmd"), or null (no
     *                   undo, or it reads values known only at run time)
     */
    public record HostPreview(String command, String deferred, Boolean when, String confirm, String typed,
            String pipeTo, String pipeCommand, String undo) {
        static HostPreview skipped() {
            return new HostPreview(null, null, false, null, null, null, null, null);
        }
    }
}
