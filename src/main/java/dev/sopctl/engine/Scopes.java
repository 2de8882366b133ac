package dev.sopctl.engine;

import dev.sopctl.inventory.Cluster;
import dev.sopctl.inventory.Host;
import dev.sopctl.inventory.Inventory;
import dev.sopctl.inventory.Zone;
import dev.sopctl.runbook.ParameterValues;
import dev.sopctl.runbook.expr.NamedExpression;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The variables runbook expressions see (documented in runbooks/README.md): parameters by name and
 * as {@code params}; {@code hosts} and {@code clusters} of the inventory; on a host, {@code host}
 * and {@code zone}; the captures of earlier steps on that host by name, and every host's as
 * {@code captured.HOST.NAME}; after a command, {@code out}, {@code stdout}, {@code stderr}, {@code exit}; the
 * runbook's vars, each evaluated where an expression reads it (so on a host, with that host's names).
 */
final class Scopes {
    private final Map<String, Object> run;
    private final Inventory inventory;

    Scopes(Inventory inventory, ParameterValues params, Map<String, NamedExpression> vars) {
        this.inventory = inventory;
        Map<String, Object> m = new HashMap<>(vars);
        m.putAll(params.values());
        m.put("params", params.values());
        Map<String, Object> hosts = new LinkedHashMap<>();
        inventory.hosts().values().forEach(h -> hosts.put(h.name(), hostMap(h)));
        m.put("hosts", Collections.unmodifiableMap(hosts));
        Map<String, Object> clusters = new LinkedHashMap<>();
        inventory.clusters().values().forEach(c -> clusters.put(c.name(), clusterMap(c)));
        m.put("clusters", Collections.unmodifiableMap(clusters));
        this.run = m;
    }

    /** Run-level names plus the captures of every host so far. */
    Map<String, Object> forRun(Map<String, Map<String, Object>> captured) {
        return forRun(captured, Map.of());
    }

    /** Run-level names, the values published so far, and the captures of every host so far. */
    Map<String, Object> forRun(Map<String, Map<String, Object>> captured, Map<String, Object> published) {
        Map<String, Object> m = new HashMap<>(run);
        synchronized (published) {
            m.putAll(published);
        }
        m.put("captured", copy(captured));
        return m;
    }

    /** What a step on {@code host} sees before its command runs. */
    Map<String, Object> forHost(Host host, Map<String, Map<String, Object>> captured) {
        return forHost(host, captured, Map.of());
    }

    /** What a step on {@code host} sees before its command runs, with the run's published values. */
    Map<String, Object> forHost(Host host, Map<String, Map<String, Object>> captured, Map<String, Object> published) {
        Map<String, Object> m = forRun(captured, published);
        m.put("host", hostMap(host));
        m.put("zone", inventory.zoneOf(host).map(Scopes::zoneMap).orElse(null));
        Map<String, Object> own = captured.get(host.name());
        if (own != null) {
            synchronized (own) {
                m.putAll(own);
            }
        }
        return m;
    }

    private static Map<String, Object> copy(Map<String, Map<String, Object>> captured) {
        Map<String, Object> out = new LinkedHashMap<>();
        captured.forEach((h, vars) -> {
            synchronized (vars) {
                out.put(h, Collections.unmodifiableMap(new LinkedHashMap<>(vars)));
            }
        });
        return out;
    }

    static Map<String, Object> hostMap(Host h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", h.name());
        m.put("address", h.address());
        m.put("port", (long) h.port());
        m.put("user", h.user());
        m.put("role", h.role());
        m.put("zone", h.zone());
        m.put("vars", h.vars());
        return Collections.unmodifiableMap(m);
    }

    static Map<String, Object> zoneMap(Zone z) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", z.name());
        m.put("storage", z.storage());
        m.put("shared", z.sharedStorage());
        m.put("ntp_server", z.ntpServer());
        m.put("gateway", z.gateway());
        m.put("vars", z.vars());
        return Collections.unmodifiableMap(m);
    }

    static Map<String, Object> clusterMap(Cluster c) {
        Map<String, Object> m = new LinkedHashMap<>(c.settings());
        m.put("name", c.name());
        m.put("type", c.type());
        m.put("members", c.members());
        return Collections.unmodifiableMap(m);
    }
}
