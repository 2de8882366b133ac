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
 */
public record RunRequest(Map<String, String> params, Path inventory, Path runbooks, boolean dryRun, RunMode mode,
        int parallel, Duration timeout, String reason, Path transcript, List<String> commandLine) {
    public RunRequest {
        params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
        Objects.requireNonNull(mode, "mode");
        commandLine = List.copyOf(commandLine);
    }
}
