package dev.sopctl.transport.ssh.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The local side of an SSH connection, as OpenSSH's tokens see it.
 *
 * @param home      home directory ({@code ~}, {@code %d})
 * @param name      local login name ({@code %u}; the remote user when nothing sets one)
 * @param uid       numeric user id ({@code %i})
 * @param hostName  local host name ({@code %l}; {@code %L} is its first label)
 */
public record LocalUser(Path home, String name, String uid, String hostName) {
    public LocalUser {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(hostName, "hostName");
    }

    /** The user running this JVM. */
    public static LocalUser current() {
        String uid;
        try {
            uid = String.valueOf(new com.sun.security.auth.module.UnixSystem().getUid());
        } catch (RuntimeException | LinkageError e) {
            uid = "0"; // not a Unix system: %i is not meaningful there
        }
        return new LocalUser(Path.of(System.getProperty("user.home")), System.getProperty("user.name"), uid, kernelHostName());
    }

    /** gethostname(2), as ssh's %l: the kernel's name, not a DNS lookup (which can stall for seconds). */
    private static String kernelHostName() {
        try {
            String name = java.nio.file.Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (java.io.IOException e) {
            // not Linux: ask the resolver
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
