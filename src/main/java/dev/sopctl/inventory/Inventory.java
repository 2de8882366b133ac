package dev.sopctl.inventory;

import dev.sopctl.ExitCode;
import dev.sopctl.SopctlException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The estate: validated, with every reference resolved (a loaded inventory has no dangling host,
 * zone, cluster or jump-host names). Immutable and thread-safe.
 *
 * @param source where it was loaded from, or null when built in code
 */
public record Inventory(
        Path source,
        SshDefaults defaults,
        Map<String, Zone> zones,
        Map<String, Host> hosts,
        Map<String, Cluster> clusters,
        Map<String, SecretRef> secrets) {

    public Inventory {
        Objects.requireNonNull(defaults, "defaults");
        zones = Collections.unmodifiableMap(new LinkedHashMap<>(zones));
        hosts = Collections.unmodifiableMap(new LinkedHashMap<>(hosts));
        clusters = Collections.unmodifiableMap(new LinkedHashMap<>(clusters));
        secrets = Collections.unmodifiableMap(new LinkedHashMap<>(secrets));
    }

    public Optional<Host> host(String name) {
        return Optional.ofNullable(hosts.get(name));
    }

    public Optional<Cluster> cluster(String name) {
        return Optional.ofNullable(clusters.get(name));
    }

    /** The host's zone, or empty when it has none. */
    public Optional<Zone> zoneOf(Host host) {
        return host.zone() == null ? Optional.empty() : Optional.ofNullable(zones.get(host.zone()));
    }

    /**
     * Resolves a target expression to hosts, in inventory order without duplicates. A target is a
     * comma-separated list of: {@code all}, a host name, {@code role:R}, {@code zone:Z},
     * {@code cluster:C}; a bare word that is not a host is tried as a cluster, a role, then a zone.
     *
     * @throws SopctlException exit 65 naming the word that matches nothing
     */
    public List<Host> resolveTargets(String target) {
        Set<Host> out = new LinkedHashSet<>();
        for (String raw : target.split(",")) {
            String word = raw.trim();
            if (word.isEmpty()) {
                continue;
            }
            List<Host> found = resolveOne(word);
            if (found.isEmpty()) {
                throw new SopctlException(ExitCode.INVALID_INPUT,
                        "target '" + word + "' matches no host in " + describeSource(),
                        "use a host name, all, role:ROLE, zone:ZONE or cluster:CLUSTER; see 'sopctl inventory list'");
            }
            out.addAll(found);
        }
        if (out.isEmpty()) {
            throw new SopctlException(ExitCode.INVALID_INPUT, "empty target '" + target + "'");
        }
        return List.copyOf(out);
    }

    private List<Host> resolveOne(String word) {
        int colon = word.indexOf(':');
        if (colon > 0) {
            String kind = word.substring(0, colon);
            String value = word.substring(colon + 1);
            return switch (kind) {
                case "role" -> byRole(value);
                case "zone" -> byZone(value);
                case "cluster" -> members(value);
                case "host" -> host(value).map(List::of).orElse(List.of());
                default -> throw new SopctlException(ExitCode.INVALID_INPUT,
                        "target '" + word + "': unknown kind '" + kind + "' (role, zone, cluster, host)");
            };
        }
        if (word.equals("all")) {
            return List.copyOf(hosts.values());
        }
        if (hosts.containsKey(word)) {
            return List.of(hosts.get(word));
        }
        if (clusters.containsKey(word)) {
            return members(word);
        }
        List<Host> role = byRole(word);
        return role.isEmpty() ? byZone(word) : role;
    }

    public List<Host> byRole(String role) {
        return hosts.values().stream().filter(h -> role.equals(h.role())).toList();
    }

    public List<Host> byZone(String zone) {
        return hosts.values().stream().filter(h -> zone.equals(h.zone())).toList();
    }

    public List<Host> members(String cluster) {
        Cluster c = clusters.get(cluster);
        if (c == null) {
            return List.of();
        }
        List<Host> out = new ArrayList<>();
        c.members().forEach(m -> host(m).ifPresent(out::add));
        return out;
    }

    /** The clusters a host is a member of. */
    public List<Cluster> clustersOf(Host host) {
        return clusters.values().stream().filter(c -> c.members().contains(host.name())).toList();
    }

    /**
     * The values of every secret that resolves now, for redaction.
     *
     * @throws SopctlException (65) when a value is too short to redact (see {@link SecretRef#redactable})
     */
    public List<String> secretValues(Map<String, String> environment) {
        List<String> out = new ArrayList<>();
        for (SecretRef s : secrets.values()) {
            try {
                s.redactable(environment).ifPresent(out::add);
            } catch (IllegalArgumentException e) {
                throw new SopctlException(ExitCode.INVALID_INPUT, s.location() + ": " + e.getMessage(),
                        "use a longer value, or remove the secret from the inventory if it is not used");
            }
        }
        return out;
    }

    public String describeSource() {
        return source == null ? "the inventory" : source.toString();
    }
}
