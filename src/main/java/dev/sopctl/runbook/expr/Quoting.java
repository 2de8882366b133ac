package dev.sopctl.runbook.expr;

/** How {@link Template#render} writes substituted values. */
public enum Quoting {
    /**
     * Every value becomes shell words that POSIX sh (bash, dash, busybox) reads back exactly: a
     * string is one word, a list one word per element. Nothing in a value changes the shape of the
     * command. Used for commands.
     */
    SHELL,
    /** Values are written as people read them (lists joined by ", "). Used for messages. */
    NONE
}
