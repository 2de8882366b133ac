package dev.sopctl.engine;

/**
 * Asks the operator to approve a destructive step. Implementations: the terminal prompt, the
 * interactive shell's line reader, {@code --yes}, and "no terminal" (which never approves).
 */
@FunctionalInterface
public interface Confirmer {
    /** The answer; must not return null. May block while the operator types. */
    ConfirmAnswer confirm(ConfirmRequest request);

    /** {@code --yes}: approves everything, and says so in the transcript. */
    Confirmer ASSUME_YES = request -> ConfirmAnswer.AUTO_YES;

    /** No terminal and no {@code --yes}: a destructive step cannot be approved. */
    Confirmer NO_TERMINAL = request -> ConfirmAnswer.NO_TERMINAL;
}
