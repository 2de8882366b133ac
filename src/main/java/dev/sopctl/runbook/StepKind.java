package dev.sopctl.runbook;

/** DESIGN §5: every step is a probe (read-only) or a change. */
public enum StepKind {
    PROBE, CHANGE;

    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
