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

    public ConfirmRequest {
        Objects.requireNonNull(stepId, "stepId");
        Objects.requireNonNull(prompt, "prompt");
        commands = List.copyOf(commands);
    }
}
