package dev.sopctl.runbook.expr;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The functions whose three-argument form goes over a list with a name bound to each item:
 * {@code exists(list, x, condition)} and the others.
 */
enum ListForm {
    /** Whether the condition holds for some item. */
    EXISTS,
    /** The same as {@link #EXISTS}. */
    ANY,
    /** Whether the condition holds for every item. */
    ALL,
    /** The items the condition holds for. */
    FILTER,
    /** The expression's value for each item. */
    MAP,
    /** How many items the condition holds for. */
    COUNT;

    /** The name runbooks write. */
    String function() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<ListForm> named(String function) {
        return Arrays.stream(values()).filter(f -> f.function().equals(function)).findFirst();
    }
}
