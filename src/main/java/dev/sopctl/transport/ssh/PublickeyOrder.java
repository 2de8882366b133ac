package dev.sopctl.transport.ssh;

import dev.sopctl.inventory.Host;
import dev.sopctl.transport.ssh.agent.AgentClient;
import dev.sopctl.transport.ssh.agent.AgentException;
import dev.sopctl.transport.ssh.agent.AgentKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import net.schmizz.sshj.userauth.method.AuthMethod;
import net.schmizz.sshj.userauth.method.AuthPublickey;

/**
 * The public keys to offer a host, in OpenSSH's order (sshconnect2.c {@code pubkey_prepare}):
 * first the agent's keys that are also identity files (signed by the agent, so an encrypted file
 * needs no passphrase), then the agent's other keys unless IdentitiesOnly, then the identity files
 * the agent does not hold. An identity file is matched to an agent key through its {@code .pub}
 * file. An agent that cannot be reached is left out, and {@code -v} says so. Holds the agent
 * connection until closed.
 */
final class PublickeyOrder implements AutoCloseable {
    private final List<AuthMethod> methods = new ArrayList<>();
    private final List<String> described = new ArrayList<>();
    private final AgentClient agent;

    private PublickeyOrder(AgentClient agent) {
        this.agent = agent;
    }

    static PublickeyOrder of(Endpoint endpoint, Identities identities, SshOptions options) {
        Host host = endpoint.host();
        AgentClient agent = null;
        List<AgentKey> agentKeys = List.of();
        if (endpoint.agentSocket() != null) {
            try {
                agent = AgentClient.connect(endpoint.agentSocket());
                agentKeys = agent.identities();
                options.detail(host.name() + ": ssh-agent at " + endpoint.agentSocket() + " holds " + agentKeys.size()
                        + " key(s)");
            } catch (AgentException e) {
                if (agent != null) {
                    agent.close();
                    agent = null;
                }
                options.detail(host.name() + ": not using ssh-agent: " + e.getMessage() + "; trying key files only");
            }
        }
        PublickeyOrder order = new PublickeyOrder(agent);
        if (endpoint.agentSocket() == null) {
            order.described.add("no ssh-agent (SSH_AUTH_SOCK unset or IdentityAgent none)");
        } else if (agent == null) {
            order.described.add("ssh-agent at " + endpoint.agentSocket() + " unusable");
        } else if (agentKeys.isEmpty()) {
            order.described.add("ssh-agent at " + endpoint.agentSocket() + " holds no keys");
        }
        List<Path> files = new ArrayList<>(endpoint.identityFiles());
        List<AgentKey> agentOnly = new ArrayList<>();
        for (AgentKey key : agentKeys) {
            Path file = fileOf(key, files);
            if (file != null) {
                files.remove(file);
                order.addAgent(key, "publickey " + file + " (signed by ssh-agent)");
            } else if (!endpoint.identitiesOnly()) {
                agentOnly.add(key);
            }
        }
        for (AgentKey key : agentOnly) {
            order.addAgent(key, "publickey from ssh-agent " + key);
        }
        if (endpoint.identitiesOnly() && agentKeys.size() > 0) {
            options.detail(host.name() + ": IdentitiesOnly: offering only the agent keys that are identity files");
        }
        for (Path file : files) {
            Identities.Loaded key = identities.load(host, file);
            if (key.key() != null) {
                order.methods.add(new AuthPublickey(key.key()));
                order.described.add("publickey " + file);
            } else {
                order.described.add("publickey " + file + " skipped: " + key.problem());
            }
        }
        return order;
    }

    private void addAgent(AgentKey key, String description) {
        methods.add(new AgentPublickey(agent, key));
        described.add(description);
    }

    /** Appends the methods, and what each is for messages, in the order to try them. */
    void addTo(List<AuthMethod> allMethods, List<String> tried) {
        allMethods.addAll(methods);
        tried.addAll(described);
    }

    /** The identity file whose {@code .pub} is this agent key, or null. */
    private static Path fileOf(AgentKey key, List<Path> files) {
        for (Iterator<Path> it = files.iterator(); it.hasNext();) {
            Path file = it.next();
            byte[] blob = publicBlob(Path.of(file + ".pub"));
            if (blob != null && key.sameKey(blob)) {
                return file;
            }
        }
        return null;
    }

    private static byte[] publicBlob(Path pub) {
        try {
            String[] parts = Files.readString(pub).strip().split("\\s+");
            return parts.length >= 2 ? Base64.getDecoder().decode(parts[1]) : null;
        } catch (IOException | IllegalArgumentException e) {
            return null; // no usable .pub: the file is offered as a file
        }
    }

    @Override
    public void close() {
        if (agent != null) {
            agent.close();
        }
    }
}
