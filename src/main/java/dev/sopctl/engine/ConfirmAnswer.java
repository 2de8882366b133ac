package dev.sopctl.engine;

/** How a confirmation ended; the transcript records the lower-case, dashed name. */
public enum ConfirmAnswer {
    YES, NO, TYPED_OK, TYPED_WRONG, AUTO_YES, NO_TERMINAL,
    /** Ctrl-C at the prompt: the run is interrupted, not declined. */
    INTERRUPTED;

    public boolean approved() {
        return this == YES || this == TYPED_OK || this == AUTO_YES;
    }

    public String transcriptName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
