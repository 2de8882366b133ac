package dev.sopctl.runbook;

import dev.sopctl.runbook.expr.Expression;
import dev.sopctl.runbook.expr.NamedExpression;
import dev.sopctl.yaml.Location;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A runbook's {@code vars:}: named expressions, evaluated where a step reads them (so per host,
 * with that host's facts and captures). Knows which other names each var reads, directly or
 * through other vars, so a step's use of a var is checked like a use of those names, and finds
 * vars that read each other in a cycle.
 */
final class RunbookVars {
    private final Map<String, NamedExpression> vars;
    private final Map<String, Location> locations;

    RunbookVars(Map<String, NamedExpression> vars, Map<String, Location> locations) {
        this.vars = Collections.unmodifiableMap(new LinkedHashMap<>(vars));
        this.locations = Map.copyOf(locations);
    }

    static RunbookVars none() {
        return new RunbookVars(Map.of(), Map.of());
    }

    Map<String, NamedExpression> all() {
        return vars;
    }

    boolean has(String name) {
        return vars.containsKey(name);
    }

    Location location(String name) {
        return locations.get(name);
    }

    /** The names that are not vars which {@code name} reads, directly or through other vars. */
    Set<String> reads(String name) {
        Set<String> out = new LinkedHashSet<>();
        collect(name, new LinkedHashSet<>(), out);
        return out;
    }

    private void collect(String name, Set<String> seen, Set<String> out) {
        if (!seen.add(name)) {
            return;
        }
        for (String used : vars.get(name).expression().freeVariables()) {
            if (vars.containsKey(used)) {
                collect(used, seen, out);
            } else {
                out.add(used);
            }
        }
    }

    /** Each cycle once, as the names along it ending with the first again: {@code [a, b, a]}. */
    List<List<String>> cycles() {
        List<List<String>> out = new ArrayList<>();
        Set<String> done = new LinkedHashSet<>();
        for (String start : vars.keySet()) {
            walk(start, new ArrayList<>(), done, out);
        }
        return out;
    }

    private void walk(String name, List<String> path, Set<String> done, List<List<String>> out) {
        int at = path.indexOf(name);
        if (at >= 0) {
            List<String> cycle = new ArrayList<>(path.subList(at, path.size()));
            cycle.add(name);
            out.add(cycle);
            return;
        }
        if (done.contains(name)) {
            return;
        }
        path.add(name);
        Expression e = vars.get(name).expression();
        for (String used : e.freeVariables()) {
            if (vars.containsKey(used)) {
                walk(used, path, done, out);
            }
        }
        path.remove(path.size() - 1);
        done.add(name);
    }
}
