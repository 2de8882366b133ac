package dev.sopctl.inventory;

import java.time.Duration;
import java.util.Objects;

/**
 * SSH settings every host inherits unless it sets its own.
 *
 * @param user           login user
 * @param port           TCP port
 * @param identity       private key file ({@code ~} allowed); null: the usual {@code ~/.ssh/id_*}
 * @param knownHosts     OpenSSH known_hosts file ({@code ~} allowed)
 * @param connectTimeout how long to wait for a connection and its handshake
 * @param commandTimeout how long one remote command may run before it is stopped
 * @param become         how a step runs as another user: {@code su} ({@code su - USER -c CMD}) or {@code sudo}
 * @param password       name of a secret holding the login password; null for none
 * @param passphrase     name of a secret holding the identity's passphrase; null for none
 * @param sshConfig      OpenSSH client configuration: null for the user's ({@code ~/.ssh/config} and
 *                       the system's), {@code none} for none, else a file (as {@code ssh -F FILE})
 */
public record SshDefaults(
        String user,
        int port,
        String identity,
        String knownHosts,
        Duration connectTimeout,
        Duration commandTimeout,
        String become,
        String password,
        String passphrase,
        String sshConfig) {

    public static final SshDefaults BUILT_IN = new SshDefaults(
            "root", 22, null, "~/.ssh/known_hosts", Duration.ofSeconds(10), Duration.ofMinutes(5), "su", null, null, null);

    /** Defaults with the user's OpenSSH configuration. */
    public SshDefaults(String user, int port, String identity, String knownHosts, Duration connectTimeout,
            Duration commandTimeout, String become, String password, String passphrase) {
        this(user, port, identity, knownHosts, connectTimeout, commandTimeout, become, password, passphrase, null);
    }

    public SshDefaults {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(knownHosts, "knownHosts");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        Objects.requireNonNull(become, "become");
    }
}
