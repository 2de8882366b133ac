package dev.sopctl.engine;

import dev.sopctl.runbook.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The changes a run has made, in order: which step changed which host, with what that host's
 * scope held right after (its undo is templated in it), and whether the change is still in place.
 * Thread-safe.
 */
final class ChangeLog {
    /** One change step's effect on one host. */
    static final class Change {
        final Step step;
        final String host;
        final Map<String, Object> vars;
        private boolean undone;

        Change(Step step, String host, Map<String, Object> vars) {
            this.step = step;
            this.host = host;
            this.vars = vars;
        }

        boolean undoable() {
            return step.undo() != null;
        }
    }

    private final List<Change> changes = new ArrayList<>();

    synchronized void made(Step step, String host, Map<String, Object> vars) {
        changes.add(new Change(step, host, vars));
    }

    synchronized boolean any() {
        return !changes.isEmpty();
    }

    /** The changes with an undo, newest first. */
    synchronized List<Change> undoableNewestFirst() {
        List<Change> out = new ArrayList<>();
        for (int i = changes.size() - 1; i >= 0; i--) {
            if (changes.get(i).undoable() && !changes.get(i).undone) {
                out.add(changes.get(i));
            }
        }
        return out;
    }

    synchronized void undone(Change c) {
        c.undone = true;
    }

    /** Per host, in the order the changes were made: the ids of the steps whose change is still in place. */
    synchronized Map<String, List<String>> stillChanged() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Change c : changes) {
            if (!c.undone) {
                out.computeIfAbsent(c.host, k -> new ArrayList<>()).add(c.step.id());
            }
        }
        return out;
    }
}
