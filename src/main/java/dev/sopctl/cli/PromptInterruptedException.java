package dev.sopctl.cli;

/** The operator pressed Ctrl-C at a prompt: not an answer, an interrupt of the run. */
final class PromptInterruptedException extends RuntimeException {
    PromptInterruptedException() {
        super("interrupted at the prompt", null, false, false);
    }
}
