package dev.sopctl.runbook;

/** What a run does when a step fails: stop (default), go on, or run recovery steps and then stop. */
public enum OnFailure {
    STOP, CONTINUE, RECOVER;

    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
