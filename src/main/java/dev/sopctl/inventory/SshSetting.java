package dev.sopctl.inventory;

/**
 * An SSH setting the inventory may state for a host (under the host or under {@code defaults:}).
 * Where it states one, it wins over {@code ~/.ssh/config}; where it is silent, OpenSSH's
 * configuration applies (DESIGN §2).
 */
public enum SshSetting {
    USER, PORT, IDENTITY, KNOWN_HOSTS
}
