package dev.sopctl.transport;

import dev.sopctl.ExitCode;
import dev.sopctl.SopctlException;
import java.util.Objects;

/**
 * A host could not be reached, refused us, or a command could not complete. Carries the host name;
 * the message names host and cause in one line. Exit code 3 (UNKNOWN) except a command timeout
 * and a receiver gone, which are a failed step (2), and an unusable OpenSSH configuration (65).
 */
public class TransportException extends SopctlException {
    public enum Kind {
        /** No TCP connection or no SSH handshake (refused, no route, connect timeout). */
        UNREACHABLE,
        /** The host key is not in known_hosts (strict mode). */
        HOST_KEY_UNKNOWN,
        /** The host key differs from the one in known_hosts. Never accepted. */
        HOST_KEY_CHANGED,
        /** Authentication failed (key, passphrase or password). */
        AUTH_FAILED,
        /** The connection dropped while a command ran (expected after reboot/halt). */
        DISCONNECTED,
        /** The command ran longer than its timeout and was stopped. */
        TIMEOUT,
        /** The command's byte output could not be delivered (its receiver ended); the command was stopped. */
        RECEIVER_GONE,
        /** The OpenSSH configuration for the host is unusable (bad file, ProxyJump cycle): exit 65. */
        CONFIG,
        /** Anything else the SSH layer reported. */
        PROTOCOL
    }

    private final String host;
    private final Kind kind;

    public TransportException(String host, Kind kind, String message, String hint, Throwable cause) {
        super(kind == Kind.TIMEOUT || kind == Kind.RECEIVER_GONE ? ExitCode.CRITICAL
                : kind == Kind.CONFIG ? ExitCode.INVALID_INPUT : ExitCode.UNKNOWN, message, hint, cause);
        this.host = Objects.requireNonNull(host, "host");
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public TransportException(String host, Kind kind, String message) {
        this(host, kind, message, null, null);
    }

    public String host() {
        return host;
    }

    public Kind kind() {
        return kind;
    }
}
