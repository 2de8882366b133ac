package dev.sopctl.engine;

import java.util.List;
import java.util.Objects;

/**
 * What the operator is asked to approve: the step, what it does, and the exact command on every
 * host (DESIGN §5: a confirmation shows the commands, not only a title).
 *
 * @param typed the text the operator must type to approve (a node name), or null for a yes/no question
 */
public record ConfirmRequest(String stepId, String title, String prompt, List<HostCommand> commands, String typed) {
    /** One host and the command that will run there. */
    public record HostCommand(String host, String command) {}

    /** The step id of the question asked after a stop: run the undo of the changes made? */
    public static final String UNDO = "undo";

    /** Whether this asks to undo the changes made (approving puts them back) rather than to make one. */
    public boolean isUndo() {
        return UNDO.equals(stepId);
    }

    public ConfirmRequest {
        Objects.requireNonNull(stepId, "stepId");
        Objects.requireNonNull(prompt, "prompt");
        commands = List.copyOf(commands);
    }
}
