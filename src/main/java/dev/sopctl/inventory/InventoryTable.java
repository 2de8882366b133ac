package dev.sopctl.inventory;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Renders {@code sopctl inventory list}: a host table (HOST, ROLE, ZONE, ADDRESS as
 * {@code user@address:port}, VIA), then the clusters (NAME, TYPE, MEMBERS). Empty cells print as
 * {@code -}. {@link #asJson} gives the same facts as plain values for {@code -o json}; secrets appear
 * by name and source only, never a value. Stateless and thread-safe.
 */
public final class InventoryTable {
    private static final String NONE = "-";

    public void render(Inventory inventory, PrintWriter out) {
        Objects.requireNonNull(inventory, "inventory");
        List<Host> hosts = List.copyOf(inventory.hosts().values());
        table(out, List.of("HOST", "ROLE", "ZONE", "ADDRESS", "VIA"), hosts, List.of(
                Host::name, h -> h.role(), h -> h.zone(), InventoryTable::address, h -> h.via()));
        if (!inventory.clusters().isEmpty()) {
            out.println();
            out.println("CLUSTERS");
            List<Cluster> clusters = List.copyOf(inventory.clusters().values());
            table(out, List.of("NAME", "TYPE", "MEMBERS"), clusters, List.of(
                    Cluster::name, Cluster::type, c -> String.join(",", c.members())));
        }
        out.flush();
    }

    /**
     * One map per host, zone, cluster and secret, each with a {@code kind} ({@code host}, {@code zone},
     * {@code cluster}, {@code secret}) and {@code name}; values are strings, numbers, lists and maps
     * only, ready for any JSON writer.
     */
    public List<Map<String, Object>> asJson(Inventory inventory) {
        Objects.requireNonNull(inventory, "inventory");
        List<Map<String, Object>> out = new ArrayList<>();
        for (Host h : inventory.hosts().values()) {
            Map<String, Object> m = row("host", h.name());
            m.put("address", h.address());
            m.put("port", h.port());
            m.put("user", h.user());
            m.put("role", h.role());
            m.put("zone", h.zone());
            m.put("via", h.via());
            m.put("identity", h.identity());
            m.put("password_secret", h.password());
            m.put("passphrase_secret", h.passphrase());
            m.put("clusters", inventory.clustersOf(h).stream().map(Cluster::name).toList());
            m.put("vars", h.vars());
            out.add(m);
        }
        for (Zone z : inventory.zones().values()) {
            Map<String, Object> m = row("zone", z.name());
            m.put("storage", z.storage());
            m.put("ntp_server", z.ntpServer());
            m.put("gateway", z.gateway());
            m.put("vars", z.vars());
            out.add(m);
        }
        for (Cluster c : inventory.clusters().values()) {
            Map<String, Object> m = row("cluster", c.name());
            m.put("type", c.type());
            m.put("members", c.members());
            m.put("settings", c.settings());
            out.add(m);
        }
        for (SecretRef s : inventory.secrets().values()) {
            Map<String, Object> m = row("secret", s.name());
            m.put("source", s.env() != null ? "env" : "file");
            m.put(s.env() != null ? "env" : "file", s.env() != null ? s.env() : s.file());
            out.add(m);
        }
        return out;
    }

    /** {@code user@address:port}; an IPv6 address in brackets so the port stays readable. */
    static String address(Host h) {
        String address = h.address().indexOf(':') >= 0 ? "[" + h.address() + "]" : h.address();
        return h.user() + "@" + address + ":" + h.port();
    }

    private static Map<String, Object> row(String kind, String name) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind);
        m.put("name", name);
        return m;
    }

    private static <T> void table(PrintWriter out, List<String> headers, List<T> rows, List<Function<T, String>> columns) {
        List<List<String>> cells = new ArrayList<>();
        cells.add(headers);
        for (T row : rows) {
            List<String> line = new ArrayList<>();
            for (Function<T, String> column : columns) {
                String value = column.apply(row);
                line.add(value == null || value.isEmpty() ? NONE : value);
            }
            cells.add(line);
        }
        int[] widths = new int[headers.size()];
        for (List<String> line : cells) {
            for (int i = 0; i < line.size(); i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        for (List<String> line : cells) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < line.size(); i++) {
                boolean last = i == line.size() - 1;
                sb.append(last ? line.get(i) : String.format("%-" + widths[i] + "s  ", line.get(i)));
            }
            out.println(sb.toString().stripTrailing());
        }
    }
}
