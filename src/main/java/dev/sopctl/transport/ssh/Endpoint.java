package dev.sopctl.transport.ssh;

import dev.sopctl.inventory.Host;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How one host is reached: the inventory's settings where it states them, OpenSSH's configuration
 * where it is silent.
 *
 * @param key            pool key: the inventory host name, or {@code proxyjump:SPEC} for a hop only
 *                       OpenSSH's configuration names
 * @param host           the host as connected: {@code address} is the resolved HostName, with the
 *                       effective port and user; {@code name} stays the inventory name (for messages)
 * @param identityFiles  private key files to offer, in order
 * @param identitiesOnly only the identity files' keys, not every key in the agent
 * @param knownHosts     the known_hosts file its key is checked against
 * @param acceptNew      unknown host keys are recorded and accepted (never a changed one)
 * @param agentSocket    the ssh-agent socket to ask, or null for none
 * @param jump           the endpoint this one is reached through, or null
 * @param source         where the settings came from, for {@code -v}
 * @param keyAddress     the address its host key is known under in known_hosts: its own, or for an
 *                       endpoint moved to an address decided during the run, the one it had before
 */
record Endpoint(
        String key,
        Host host,
        List<Path> identityFiles,
        boolean identitiesOnly,
        Path knownHosts,
        boolean acceptNew,
        Path agentSocket,
        Endpoint jump,
        String source,
        String keyAddress) {

    Endpoint {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(host, "host");
        identityFiles = List.copyOf(identityFiles);
        Objects.requireNonNull(knownHosts, "knownHosts");
        keyAddress = keyAddress == null ? host.address() : keyAddress;
    }

    /**
     * The same machine at another address (a node whose management address a run changed): its own
     * pool slot, the same settings, and the host key it has at its known address.
     */
    Endpoint movedTo(String address) {
        return new Endpoint(key + "@" + address, host.withAddress(address), identityFiles, identitiesOnly, knownHosts,
                acceptNew, agentSocket, jump, source + "; moved to " + address + " during the run", keyAddress);
    }

    /** One line for {@code -v}: where, as whom, with what, through what. */
    String describe() {
        StringBuilder b = new StringBuilder(host.name()).append(": ").append(host.endpoint());
        if (jump != null) {
            b.append(" via ").append(jump.host().name());
        }
        b.append("; keys ").append(identityFiles.isEmpty() ? "none" : identityFiles.toString());
        b.append(identitiesOnly ? " only" : "");
        b.append("; agent ").append(agentSocket == null ? "none" : agentSocket.toString());
        b.append("; known_hosts ").append(knownHosts).append(acceptNew ? " (accept-new)" : "");
        b.append(" [").append(source).append("]");
        return b.toString();
    }
}
