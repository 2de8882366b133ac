package dev.sopctl.transport.ssh.agent;

import java.io.IOException;

/** The agent cannot be reached, refused a request, or answered something that is not the protocol. */
public final class AgentException extends IOException {
    public AgentException(String message) {
        super(message);
    }

    public AgentException(String message, Throwable cause) {
        super(message, cause);
    }
}
