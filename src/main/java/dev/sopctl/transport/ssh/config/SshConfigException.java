package dev.sopctl.transport.ssh.config;

import dev.sopctl.ExitCode;
import dev.sopctl.SopctlException;

/** An OpenSSH client configuration that cannot be used: its message names the file and line. Exit 65. */
public final class SshConfigException extends SopctlException {
    public SshConfigException(String message, String hint) {
        super(ExitCode.INVALID_INPUT, message, hint);
    }

    public SshConfigException(String message) {
        this(message, null);
    }
}
