package dev.sopctl.report;

import java.util.Set;

/**
 * A check's verdict on a host, as monitoring plugins report it, with the plugin exit code. The
 * verdict comes from the check step's {@code step-end} outcome (the check-verdict contract).
 */
public enum CheckState {
    OK(0),
    WARNING(1),
    CRITICAL(2),
    UNKNOWN(3);

    private static final Set<String> CRITICAL_OUTCOMES = Set.of("failed", "guard-failed", "timeout");

    private final int exitCode;

    CheckState(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    /**
     * The state a step outcome stands for, or null when the check did not judge the host: {@code skipped},
     * and {@code unknown-in-check} (its condition reads a value an earlier step did not capture there,
     * as on a host already reported unreachable). Any other outcome that is neither a verdict nor a
     * failure (unreachable, unparsable, interrupted …) is UNKNOWN.
     */
    public static CheckState ofOutcome(String outcome) {
        if ("skipped".equals(outcome) || "unknown-in-check".equals(outcome)) {
            return null;
        }
        if ("ok".equals(outcome) || "disconnected-as-expected".equals(outcome)) {
            return OK;
        }
        if ("warning".equals(outcome)) {
            return WARNING;
        }
        return CRITICAL_OUTCOMES.contains(outcome) ? CRITICAL : UNKNOWN;
    }

    /**
     * The worse of two states in the monitoring plugins' order (lib/states.h of monitoring-plugins
     * 3): OK < UNKNOWN < WARNING < CRITICAL, so a host that cannot be asked never hides a critical
     * finding on another.
     */
    public static CheckState worst(CheckState a, CheckState b) {
        return rank(a) >= rank(b) ? a : b;
    }

    private static int rank(CheckState s) {
        return switch (s) {
            case OK -> 0;
            case UNKNOWN -> 1;
            case WARNING -> 2;
            case CRITICAL -> 3;
        };
    }
}
