package dev.sopctl.inventory;

import dev.sopctl.yaml.Location;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A cluster of hosts.
 *
 * @param type     {@code pacemaker}, {@code drbd}, {@code lifekeeper} or {@code cloudstack}
 * @param members  host names, in the order written
 * @param settings the type-specific keys as plain values: pacemaker {@code resource_group};
 *                 drbd {@code resource, device, mount, vip}; lifekeeper {@code hierarchies}
 *                 (top tag to {@code {primary, ip, fs, datarep}}); cloudstack {@code management,
 *                 database, kvm} (host lists), {@code vip}, {@code cmk_profile} (see CloudstackClusterReader)
 */
public record Cluster(String name, String type, List<String> members, Map<String, Object> settings,
        Location location) {
    public Cluster {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(location, "location");
        members = List.copyOf(members);
        settings = settings == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(settings));
    }
}
