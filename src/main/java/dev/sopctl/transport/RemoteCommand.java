package dev.sopctl.transport;

import java.time.Duration;
import java.util.Objects;

/**
 * A command line for the remote shell, exactly as the transcript records it.
 *
 * @param command   the full command line (already quoted, already wrapped for another user)
 * @param timeout   how long it may run before it is stopped
 * @param outputCap bytes kept per stream in the {@link ExecResult}
 */
public record RemoteCommand(String command, Duration timeout, long outputCap) {
    public static final long DEFAULT_OUTPUT_CAP = 4L * 1024 * 1024;

    public RemoteCommand {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(timeout, "timeout");
        if (outputCap <= 0) {
            throw new IllegalArgumentException("outputCap must be positive");
        }
    }

    public RemoteCommand(String command, Duration timeout) {
        this(command, timeout, DEFAULT_OUTPUT_CAP);
    }
}
