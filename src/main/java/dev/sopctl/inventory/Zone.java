package dev.sopctl.inventory;

import dev.sopctl.yaml.Location;
import java.util.Map;
import java.util.Objects;

/**
 * A zone of the estate.
 *
 * @param storage   {@code shared} (OCFS2 /data on FC/iSCSI SAN) or {@code local}; null when not said
 * @param ntpServer the zone's NTP server, or null
 * @param gateway   the zone's gateway address, or null
 * @param vars      free variables
 */
public record Zone(String name, String storage, String ntpServer, String gateway, Map<String, Object> vars,
        Location location) {
    public Zone {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(location, "location");
        vars = vars == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(vars));
    }

    public boolean sharedStorage() {
        return "shared".equals(storage);
    }
}
