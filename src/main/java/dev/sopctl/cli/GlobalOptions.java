package dev.sopctl.cli;

import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The global options of DESIGN §4. Inherited by every subcommand, so they are accepted before or
 * after it ({@code sopctl --yes node shutdown node1} = {@code sopctl node shutdown node1 --yes});
 * picocli sets the value on this one instance wherever it is written.
 */
public final class GlobalOptions {
    public enum Format { text, json }

    @Option(names = {"-i", "--inventory"}, paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Inventory file (default: $SOPCTL_INVENTORY, else inventory.yaml in the working folder, else $XDG_CONFIG_HOME/sopctl/inventory.yaml).")
    Path inventory;

    @Option(names = "--runbooks", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "A folder of runbooks that add to or override the packaged ones by name.")
    Path runbooks;

    @Option(names = {"-n", "--dry-run"}, scope = ScopeType.INHERIT,
            description = "Print the full plan (hosts, exact commands, changes, waits, conditions); connect to nothing.")
    boolean dryRun;

    @Option(names = "--check", scope = ScopeType.INHERIT,
            description = "Run the read-only steps for real, never a change; report which guards would stop the run.")
    boolean check;

    @Option(names = {"-y", "--yes"}, scope = ScopeType.INHERIT,
            description = "Approve every destructive step without asking (recorded in the transcript).")
    boolean yes;

    @Option(names = "--reason", paramLabel = "TEXT", scope = ScopeType.INHERIT,
            description = "Why this run happens; goes into the transcript.")
    String reason;

    @Option(names = "--parallel", paramLabel = "N", scope = ScopeType.INHERIT, defaultValue = "16",
            description = "At most N hosts at once in a fan-out (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--transcript", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Write the transcript here (default: $XDG_STATE_HOME/sopctl/transcripts/RUN.jsonl).")
    Path transcript;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", scope = ScopeType.INHERIT, defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format output;

    @Option(names = "--no-color", scope = ScopeType.INHERIT, description = "No colours (also: the NO_COLOR variable).")
    boolean noColor;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "More detail: every output line; stack traces on errors.")
    boolean verbose;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "Only problems and the result.")
    boolean quiet;

    @Option(names = "--accept-new-host-keys", scope = ScopeType.INHERIT,
            description = "Trust and record host keys not yet in known_hosts (never a changed key).")
    boolean acceptNewHostKeys;

    @Option(names = "--timeout", paramLabel = "DURATION", scope = ScopeType.INHERIT,
            converter = DurationConverter.class,
            description = "Per-command timeout over the inventory's and the runbook's (like 30s, 5m).")
    java.time.Duration timeout;

    @Option(names = "--wait-lock", paramLabel = "DURATION", scope = ScopeType.INHERIT,
            converter = DurationConverter.class,
            description = "When a host to change is locked by another run, wait up to DURATION for it (like 10m) instead of stopping with exit 4.")
    java.time.Duration waitLock;

    @Option(names = "--break-lock", scope = ScopeType.INHERIT,
            description = "Break a run lock whose owner sopctl cannot prove gone, after typing the host names to confirm.")
    boolean breakLock;

    @Option(names = "--syslog", scope = ScopeType.INHERIT,
            description = "Also send one line per run start, change, undo and run end to the local syslog (/dev/log; also: SOPCTL_SYSLOG=1).")
    boolean syslog;

    /** Checks values picocli's types cannot: a usage error (64) names the option. */
    void validate(CommandLine cl) {
        if (parallel < 1) {
            throw new CommandLine.ParameterException(cl, "--parallel must be 1 or more, found " + parallel);
        }
    }

    public boolean json() {
        return output == Format.json;
    }
}
