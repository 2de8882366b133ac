package dev.sopctl.transport;

import java.time.Duration;
import java.util.Objects;

/**
 * What a remote command did.
 *
 * @param exitStatus      the command's exit status (0 success); 128+N when it was killed by signal N,
 *                        as a shell reports it
 * @param stdout          standard output, at most the command's output cap (UTF-8 decoded)
 * @param stderr          standard error, likewise
 * @param truncated       true when either stream was longer than the cap
 * @param duration        wall time from start to exit
 */
public record ExecResult(int exitStatus, String stdout, String stderr, boolean truncated, Duration duration) {
    public ExecResult {
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
        Objects.requireNonNull(duration, "duration");
    }

    public boolean succeeded() {
        return exitStatus == 0;
    }
}
