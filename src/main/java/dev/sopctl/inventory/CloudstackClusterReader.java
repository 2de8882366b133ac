package dev.sopctl.inventory;

import dev.sopctl.yaml.MapReader;
import dev.sopctl.yaml.Problems;
import dev.sopctl.yaml.YamlNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The hosts and settings of a {@code cloudstack} cluster (CloudStack / Mold): its management
 * servers, database hosts and KVM hosts by role, the load balancer's VIP and the {@code cmk}
 * profile. The cluster's members are not written: they are these hosts, management servers first.
 *
 * <pre>
 * cloud1:
 *   type: cloudstack
 *   management: [ms1, ms2]      # cloudstack-management; cmk runs on one that answers
 *   database: [csdb1]           # MySQL / MariaDB (may be a management server)
 *   kvm: [kvm1, kvm2]           # cloudstack-agent + libvirtd
 *   vip: 192.168.0.50           # the load balancer's VIP (the 'host' setting and agents point at it)
 *   cmk_profile: localcloud     # optional: the cmk profile (~/.cmk/config) on the servers
 * </pre>
 */
final class CloudstackClusterReader {
    /** The keys of a cloudstack cluster besides {@code type}. */
    static final List<String> KEYS = List.of("management", "database", "kvm", "vip", "cmk_profile");
    private static final List<String> ROLES = List.of("management", "database", "kvm");
    private static final Map<String, String> ROLE_WORDS = Map.of(
            "management", "the management servers",
            "database", "the hosts MySQL runs on; a management server may be one",
            "kvm", "the KVM hosts");
    private static final Pattern PROFILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final Problems problems;
    private final Map<String, Host> hosts;

    CloudstackClusterReader(Problems problems, Map<String, Host> hosts) {
        this.problems = problems;
        this.hosts = hosts;
    }

    /** Reads the role lists and settings into {@code settings}; returns the members (every host named, once). */
    List<String> read(MapReader r, String what, Map<String, Object> settings) {
        if (r.has("members")) {
            problems.add(r.keyLocation("members"), what + ": a cloudstack cluster names its hosts under management,"
                    + " database and kvm; its members are those hosts (remove 'members')");
        }
        Map<String, String> roleOf = new LinkedHashMap<>();
        Set<String> members = new LinkedHashSet<>();
        for (String role : ROLES) {
            List<String> names = hostList(r, role, what, roleOf);
            settings.put(role, names);
            members.addAll(names);
        }
        for (String role : ROLES) {
            if (r.node(role) == null) {
                problems.add(r.location(), what + ": missing required key '" + role + "' (" + ROLE_WORDS.get(role) + ")");
            }
        }
        String vip = r.optionalString("vip");
        if (vip != null && !Addresses.isIpv4OrHostname(vip)) {
            problems.add(r.node("vip").location(), what + ": vip must be an IPv4 address or a host name, found '" + vip + "'");
        }
        if (vip != null) { // without it the checks that need it say they cannot judge
            settings.put("vip", vip);
        }
        String profile = r.optionalString("cmk_profile");
        if (profile != null && !PROFILE.matcher(profile).matches()) {
            problems.add(r.node("cmk_profile").location(), what + ": cmk_profile must be a profile name (letters, digits,"
                    + " '.', '_', '-'), found '" + profile + "'");
        }
        if (profile != null) {
            settings.put("cmk_profile", profile);
        }
        return List.copyOf(members);
    }

    private List<String> hostList(MapReader r, String role, String what, Map<String, String> roleOf) {
        YamlNode node = r.node(role);
        if (node == null || (node instanceof YamlNode.Scalar s && s.isNull())) {
            return List.of();
        }
        if (!(node instanceof YamlNode.Sequence seq)) {
            problems.add(node.location(), what + ": " + role + " must be a list of host names, found " + node.describe());
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (YamlNode item : seq.items()) {
            if (!(item instanceof YamlNode.Scalar s) || s.isNull()) {
                problems.add(item.location(), what + ": " + role + ": an item must be a host name, found " + item.describe());
                continue;
            }
            String name = s.text();
            String before = roleOf.putIfAbsent(name, role);
            boolean databaseOnAServer = before != null && before.equals("management") && role.equals("database");
            if (databaseOnAServer) {
                before = null;
            }
            if (!hosts.containsKey(name)) {
                problems.add(item.location(), what + ": " + role + ": '" + name + "' is not a host"
                        + Suggestions.didYouMean(name, hosts.keySet()));
            } else if (before != null) {
                problems.add(item.location(), what + ": '" + name + "' is listed " + (before.equals(role)
                        ? "twice under " + role : "under both " + before + " and " + role));
            } else {
                out.add(name);
            }
        }
        return Collections.unmodifiableList(out);
    }
}
