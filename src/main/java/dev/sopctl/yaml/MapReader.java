package dev.sopctl.yaml;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the keys of one YAML mapping by name and type, reporting wrong types, missing required
 * keys and (on {@link #finish()}) unknown keys to a {@link Problems}. Getters return null (or an
 * empty collection) for absent or ill-typed values, so a loader can go on and find every problem.
 *
 * <pre>{@code
 * MapReader r = new MapReader(node, "host 'node1'", problems);
 * String address = r.requiredString("address");
 * Integer port = r.optionalInt("port");
 * r.finish();
 * }</pre>
 */
public final class MapReader {
    private final YamlNode.Mapping map;
    private final String what;
    private final Problems problems;
    private final Set<String> read = new HashSet<>();

    /** {@code node} should be a mapping; anything else is reported and read as an empty one. */
    public MapReader(YamlNode node, String what, Problems problems) {
        this.what = what;
        this.problems = problems;
        if (node instanceof YamlNode.Mapping m) {
            this.map = m;
        } else {
            problems.add(node.location(), what + " must be a mapping, found " + node.describe());
            this.map = new YamlNode.Mapping(node.location(), Map.of());
        }
    }

    public Location location() {
        return map.location();
    }

    public boolean has(String key) {
        return map.entries().containsKey(key);
    }

    /** The raw node, marked as read; null when absent. */
    public YamlNode node(String key) {
        read.add(key);
        return map.get(key);
    }

    public Location keyLocation(String key) {
        YamlNode.Entry e = map.entries().get(key);
        return e == null ? map.location() : e.keyLocation();
    }

    public String requiredString(String key) {
        YamlNode n = node(key);
        if (n == null || (n instanceof YamlNode.Scalar s && s.isNull())) {
            problems.add(map.location(), what + ": missing required key '" + key + "'");
            return null;
        }
        return scalarText(key, n);
    }

    public String optionalString(String key) {
        YamlNode n = node(key);
        if (n == null || (n instanceof YamlNode.Scalar s && s.isNull())) {
            return null;
        }
        return scalarText(key, n);
    }

    public Integer optionalInt(String key) {
        String text = optionalString(key);
        if (text == null) {
            return null;
        }
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            problems.add(map.get(key).location(), what + ": '" + key + "' must be a whole number, found '" + text + "'");
            return null;
        }
    }

    public Boolean optionalBoolean(String key) {
        YamlNode n = node(key);
        if (n == null || (n instanceof YamlNode.Scalar s && s.isNull())) {
            return null;
        }
        if (n instanceof YamlNode.Scalar s && s.kind() == YamlNode.Scalar.Kind.BOOLEAN) {
            return Boolean.valueOf(s.text());
        }
        problems.add(n.location(), what + ": '" + key + "' must be true or false, found " + n.describe()
                + (n instanceof YamlNode.Scalar s ? " '" + s.text() + "'" : ""));
        return null;
    }

    public Duration optionalDuration(String key) {
        String text = optionalString(key);
        if (text == null) {
            return null;
        }
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            problems.add(map.get(key).location(), what + ": '" + key + "': " + e.getMessage());
            return null;
        }
    }

    /** A list of plain values; a single value is taken as a list of one. */
    public List<String> stringList(String key) {
        YamlNode n = node(key);
        List<String> out = new ArrayList<>();
        if (n == null || (n instanceof YamlNode.Scalar s && s.isNull())) {
            return out;
        }
        if (n instanceof YamlNode.Sequence seq) {
            for (YamlNode item : seq.items()) {
                String text = scalarText(key, item);
                if (text != null) {
                    out.add(text);
                }
            }
        } else {
            String text = scalarText(key, n);
            if (text != null) {
                out.add(text);
            }
        }
        return out;
    }

    /** A mapping of plain values (vars, settings); nested mappings and lists become maps and lists. */
    public Map<String, Object> freeMap(String key) {
        YamlNode n = node(key);
        if (n == null || (n instanceof YamlNode.Scalar s && s.isNull())) {
            return Map.of();
        }
        if (!(n instanceof YamlNode.Mapping m)) {
            problems.add(n.location(), what + ": '" + key + "' must be a mapping, found " + n.describe());
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> plain = (Map<String, Object>) YamlValues.plain(m);
        return plain;
    }

    /** The entries of a nested mapping, for loaders that read each value themselves. */
    public Map<String, YamlNode.Entry> entries(String key) {
        YamlNode n = node(key);
        if (n == null || (n instanceof YamlNode.Scalar s && s.isNull())) {
            return Map.of();
        }
        if (!(n instanceof YamlNode.Mapping m)) {
            problems.add(n.location(), what + ": '" + key + "' must be a mapping, found " + n.describe());
            return Map.of();
        }
        return new LinkedHashMap<>(m.entries());
    }

    /** Reports every key that was never read as unknown, naming the keys that are allowed. */
    public void finish() {
        List<String> known = new ArrayList<>(read);
        known.sort(null);
        for (YamlNode.Entry e : map.entries().values()) {
            if (!read.contains(e.key())) {
                problems.add(e.keyLocation(), what + ": unknown key '" + e.key() + "'"
                        + (known.isEmpty() ? "" : " (known: " + String.join(", ", known) + ")"));
            }
        }
    }

    private String scalarText(String key, YamlNode n) {
        if (n instanceof YamlNode.Scalar s && !s.isNull()) {
            return s.text();
        }
        problems.add(n.location(), what + ": '" + key + "' must be a single value, found " + n.describe());
        return null;
    }
}
