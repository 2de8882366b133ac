package dev.sopctl.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One run as the command line asked for it.
 *
 * @param params        parameter values as typed ({@code name -> text})
 * @param inventory     {@code --inventory}, or null to look in the usual places
 * @param runbooks      {@code --runbooks DIR}, or null
 * @param dryRun        print the plan only; connect to nothing
 * @param mode          run everything, or {@code --check}
 * @param parallel      {@code --parallel}
 * @param timeout       {@code --timeout}, or null
 * @param reason        {@code --reason}, or null
 * @param transcript    {@code --transcript FILE}, or null for the default folder
 * @param commandLine   the words the operator typed, for the transcript
 * @param waitLock      {@code --wait-lock}: how long to wait for a host another run has locked (zero: not at all)
 * @param breakLock     {@code --break-lock}: offer to break such a lock (with a typed confirmation)
 * @param resumes       {@code sopctl resume}: the run continued and the changes it completed; else null
 */
public record RunRequest(Map<String, String> params, Path inventory, Path runbooks, boolean dryRun, RunMode mode,
        int parallel, Duration timeout, String reason, Path transcript, List<String> commandLine, Duration waitLock,
        boolean breakLock, RunOrigin.Resumed resumes) {
    /** Not a resume. */
    public RunRequest(Map<String, String> params, Path inventory, Path runbooks, boolean dryRun, RunMode mode,
            int parallel, Duration timeout, String reason, Path transcript, List<String> commandLine, Duration waitLock,
            boolean breakLock) {
        this(params, inventory, runbooks, dryRun, mode, parallel, timeout, reason, transcript, commandLine, waitLock,
                breakLock, null);
    }

    /** Without waiting for or breaking run locks. */
    public RunRequest(Map<String, String> params, Path inventory, Path runbooks, boolean dryRun, RunMode mode,
            int parallel, Duration timeout, String reason, Path transcript, List<String> commandLine) {
        this(params, inventory, runbooks, dryRun, mode, parallel, timeout, reason, transcript, commandLine, Duration.ZERO,
                false);
    }

    public RunRequest {
        waitLock = waitLock == null ? Duration.ZERO : waitLock;
        params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
        Objects.requireNonNull(mode, "mode");
        commandLine = List.copyOf(commandLine);
    }
}
