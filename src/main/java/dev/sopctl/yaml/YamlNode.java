package dev.sopctl.yaml;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A YAML document as a tree whose every node knows where it was written, so validation can name
 * file:line:col. Built by {@link YamlTree}; immutable.
 */
public sealed interface YamlNode permits YamlNode.Mapping, YamlNode.Sequence, YamlNode.Scalar {

    Location location();

    /** What kind of node this is, for messages ("a mapping", "a list", "a value"). */
    String describe();

    /** A mapping; keys keep their written order and their own locations. */
    record Mapping(Location location, Map<String, Entry> entries) implements YamlNode {
        public Mapping {
            Objects.requireNonNull(location, "location");
            entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        public YamlNode get(String key) {
            Entry e = entries.get(key);
            return e == null ? null : e.value();
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }

    /** One key of a mapping with the location of the key itself. */
    record Entry(String key, Location keyLocation, YamlNode value) {
        public Entry {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(keyLocation, "keyLocation");
            Objects.requireNonNull(value, "value");
        }
    }

    record Sequence(Location location, List<YamlNode> items) implements YamlNode {
        public Sequence {
            Objects.requireNonNull(location, "location");
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /** A scalar; {@code text} is null only for a YAML null ({@code ~}, {@code null} or nothing). */
    record Scalar(Location location, String text, Kind kind) implements YamlNode {
        public enum Kind { STRING, NUMBER, BOOLEAN, NULL }

        public Scalar {
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(kind, "kind");
        }

        public boolean isNull() {
            return kind == Kind.NULL;
        }

        @Override
        public String describe() {
            return isNull() ? "nothing" : "a value";
        }
    }
}
