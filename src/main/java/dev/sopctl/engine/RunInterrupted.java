package dev.sopctl.engine;

/** Thrown through a run when the operator interrupts it (Ctrl-C, SIGTERM); the step loop turns it into undo and exit 5. */
final class RunInterrupted extends RuntimeException {
    RunInterrupted() {
        super(null, null, false, false);
    }

    /** Throws when this thread was interrupted. */
    static void check() {
        if (Thread.currentThread().isInterrupted()) {
            throw new RunInterrupted();
        }
    }
}
