package dev.sopctl.yaml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a located tree into plain Java values: Map, List, String, Long, Double, Boolean, null. */
public final class YamlValues {
    private YamlValues() {}

    public static Object plain(YamlNode node) {
        if (node instanceof YamlNode.Mapping m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.entries().forEach((k, e) -> out.put(k, plain(e.value())));
            return java.util.Collections.unmodifiableMap(out);
        }
        if (node instanceof YamlNode.Sequence s) {
            List<Object> out = new ArrayList<>();
            s.items().forEach(i -> out.add(plain(i)));
            return java.util.Collections.unmodifiableList(out);
        }
        YamlNode.Scalar s = (YamlNode.Scalar) node;
        return switch (s.kind()) {
            case NULL -> null;
            case BOOLEAN -> Boolean.valueOf(s.text());
            case NUMBER -> number(s.text());
            case STRING -> s.text();
        };
    }

    private static Object number(String text) {
        try {
            return Long.valueOf(text);
        } catch (NumberFormatException e) {
            try {
                return Double.valueOf(text);
            } catch (NumberFormatException e2) {
                return text;
            }
        }
    }
}
