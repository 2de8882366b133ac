package dev.sopctl.runbook;

import dev.sopctl.runbook.expr.Expression;
import dev.sopctl.runbook.expr.NamedExpression;
import dev.sopctl.yaml.Location;
import dev.sopctl.yaml.Problems;
import dev.sopctl.yaml.YamlNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

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

    /**
     * Reads {@code vars:} and reports bad names, names that would hide others, undefined names and
     * cycles.
     *
     * @param known    parameters and built-in names, which a var may not be called
     * @param readable every name some step can read (built-ins, parameters, results, captures)
     * @param parse    parses a var's expression, reporting a problem and giving null when it can't
     */
    static RunbookVars read(Map<String, YamlNode.Entry> entries, Set<String> known, Set<String> readable,
            Problems problems, BiFunction<YamlNode.Entry, String, Expression> parse) {
        Map<String, NamedExpression> out = new LinkedHashMap<>();
        Map<String, Location> at = new LinkedHashMap<>();
        for (YamlNode.Entry e : entries.values()) {
            String name = e.key();
            if (!RunbookLoader.PARAM_NAME.matcher(name).matches()) {
                problems.add(e.keyLocation(), "var name '" + name + "' must be lower case letters, digits and _");
            }
            if (known.contains(name) || RunbookLoader.RESULT_NAMES.contains(name)
                    || RunbookLoader.PIPE_RESULT.equals(name)) {
                problems.add(e.keyLocation(), "var '" + name + "' would hide a parameter or built-in name");
                continue;
            }
            Expression x = parse.apply(e, "var '" + name + "'");
            if (x != null) {
                out.put(name, new NamedExpression(name, x));
                at.put(name, e.keyLocation());
            }
        }
        RunbookVars read = new RunbookVars(out, at);
        for (NamedExpression v : out.values()) {
            for (String used : v.expression().freeVariables()) {
                if (!readable.contains(used) && !read.has(used)) {
                    problems.add(v.expression().location(), "var '" + v.name() + "': undefined variable '" + used
                            + "' (defined: " + String.join(", ", defined(readable, out.keySet()))
                            + ")");
                }
            }
        }
        for (List<String> cycle : read.cycles()) {
            problems.add(read.location(cycle.get(0)), "vars read each other in a cycle: "
                    + String.join(" -> ", cycle) + "; a var can't depend on itself");
        }
        return read;
    }


    private static String defined(Set<String> readable, Set<String> vars) {
        Set<String> all = new TreeSet<>(readable);
        all.addAll(vars);
        return String.join(", ", all);
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
