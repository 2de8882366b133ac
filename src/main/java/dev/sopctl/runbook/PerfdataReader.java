package dev.sopctl.runbook;

import dev.sopctl.yaml.Location;
import dev.sopctl.yaml.MapReader;
import dev.sopctl.yaml.Problems;
import dev.sopctl.yaml.YamlNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a step's {@code perfdata:} map ({@code label: {capture, uom, warn, crit, min, max}}),
 * reporting each problem at its place: a capture the step does not make, an unknown unit, a
 * threshold that is not a range, a label monitors cannot read.
 */
final class PerfdataReader {
    private PerfdataReader() {}

    static List<Perfdata> read(Map<String, YamlNode.Entry> entries, String stepLabel, Set<String> stepCaptures,
            Problems problems) {
        List<Perfdata> out = new ArrayList<>();
        for (YamlNode.Entry e : entries.values()) {
            String label = e.key();
            String what = stepLabel + ": perfdata '" + label + "'";
            if (label.isBlank() || label.contains("=") || label.contains("'")) {
                problems.add(e.keyLocation(), what + ": a label cannot be empty or contain '=' or a single quote");
            }
            MapReader r = new MapReader(e.value(), what, problems);
            String capture = r.requiredString("capture");
            if (capture != null && !stepCaptures.contains(capture)) {
                problems.add(r.keyLocation("capture"), what + ": '" + capture + "' is not captured by this step"
                        + (stepCaptures.isEmpty() ? " (it captures nothing)" : " (it captures: "
                        + String.join(", ", stepCaptures) + ")"));
            }
            String uom = r.optionalString("uom");
            if (uom != null && !Perfdata.UNITS.contains(uom)) {
                problems.add(r.keyLocation("uom"), what + ": unknown unit '" + uom + "' (known: s, ms, us, %, B, KB, MB, GB, TB, c)");
            }
            NagiosRange warn = range(r, "warn", what, problems);
            NagiosRange crit = range(r, "crit", what, problems);
            Double min = number(r, "min", what, problems);
            Double max = number(r, "max", what, problems);
            r.finish();
            if (capture != null) {
                out.add(new Perfdata(label, capture, uom, warn, crit, min, max, e.keyLocation()));
            }
        }
        return out;
    }

    private static NagiosRange range(MapReader r, String key, String what, Problems problems) {
        String text = r.optionalString(key);
        if (text == null) {
            return null;
        }
        try {
            return NagiosRange.parse(text);
        } catch (IllegalArgumentException e) {
            problems.add(r.keyLocation(key), what + ": " + key + ": " + e.getMessage());
            return null;
        }
    }

    private static Double number(MapReader r, String key, String what, Problems problems) {
        String text = r.optionalString(key);
        if (text == null) {
            return null;
        }
        try {
            return Double.valueOf(text.trim());
        } catch (NumberFormatException e) {
            problems.add(r.keyLocation(key), what + ": " + key + " must be a number, found '" + text + "'");
            return null;
        }
    }

    /** Labels must differ in their first 19 characters (RRD keeps no more). */
    static void checkUnique(Map<String, List<Perfdata>> byStep, Problems problems) {
        Map<String, Perfdata> seen = new java.util.HashMap<>();
        byStep.values().forEach(list -> list.forEach(p -> {
            String key = p.label().length() > 19 ? p.label().substring(0, 19) : p.label();
            Perfdata before = seen.putIfAbsent(key, p);
            if (before != null) {
                Location at = before.location();
                problems.add(p.location(), "perfdata '" + p.label() + "': its first 19 characters are those of '"
                        + before.label() + "' at " + at.line() + ":" + at.column() + " (monitors would mix them up)");
            }
        }));
    }
}
