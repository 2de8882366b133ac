package dev.sopctl.runbook;

import dev.sopctl.ExitCode;
import dev.sopctl.SopctlException;
import dev.sopctl.inventory.Cluster;
import dev.sopctl.inventory.Host;
import dev.sopctl.inventory.Inventory;
import dev.sopctl.inventory.SecretRef;
import dev.sopctl.yaml.Durations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks the values an operator gave against a runbook's typed parameters and the inventory, before
 * anything is planned or run. Every problem is collected; the exception (exit 65) names each
 * parameter and what is wrong with its value.
 */
public final class ParameterValidator {
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");

    private ParameterValidator() {}

    /**
     * @param raw         values as typed ({@code name -> text}); absent parameters take their defaults
     * @param environment for resolving secret parameters
     * @return typed values: host → name, hosts → list of names, int → Long, duration → Duration,
     *         bool → Boolean, secret → the secret's value, others → String
     */
    public static ParameterValues validate(Runbook runbook, Map<String, String> raw, Inventory inventory,
            Map<String, String> environment) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> values = new LinkedHashMap<>();
        List<String> secrets = new ArrayList<>();
        for (String given : raw.keySet()) {
            if (runbook.param(given).isEmpty()) {
                problems.add("unknown parameter '" + given + "' for " + runbook.name() + " (parameters: "
                        + String.join(", ", runbook.params().stream().map(Parameter::name).toList()) + ")");
            }
        }
        for (Parameter p : runbook.params()) {
            String text = raw.containsKey(p.name()) ? raw.get(p.name()) : p.defaultValue();
            if (text == null) {
                if (p.required()) {
                    problems.add("parameter '" + p.name() + "' is required (" + p.type().yamlName()
                            + (p.description().isEmpty() ? "" : ": " + p.description()) + ")");
                } else {
                    values.put(p.name(), null);
                }
                continue;
            }
            try {
                Object v = convert(p, text, inventory, environment);
                values.put(p.name(), v);
                if (p.type() == ParamType.SECRET) {
                    secrets.add((String) v);
                }
            } catch (IllegalArgumentException e) {
                problems.add("parameter '" + p.name() + "': " + e.getMessage());
            }
        }
        for (Parameter p : runbook.params()) {
            if (p.within() != null && values.get(p.name()) instanceof String ip && values.get(p.within()) instanceof String cidr) {
                if (p.type() == ParamType.HOST) {
                    List<String> members = inventory.cluster(cidr).map(c -> c.members()).orElse(List.of());
                    if (!members.contains(ip)) {
                        problems.add("parameter '" + p.name() + "': " + ip + " is not a member of " + p.within() + " " + cidr
                                + " (members: " + String.join(", ", members) + ")");
                    }
                } else {
                    Subnets.outside(ip, cidr).ifPresent(why -> problems.add("parameter '" + p.name() + "': " + ip + " " + why
                            + " of " + p.within() + " " + cidr));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new SopctlException(ExitCode.INVALID_INPUT, String.join("\n", problems),
                    "see 'sopctl runbooks show " + runbook.name() + "' for the parameters");
        }
        return new ParameterValues(values, secrets);
    }

    static Object convert(Parameter p, String text, Inventory inventory, Map<String, String> env) {
        String t = text.trim();
        switch (p.type()) {
            case HOST:
                return host(p, t, inventory).name();
            case HOSTS: {
                List<Object> names = new ArrayList<>();
                for (String part : t.split(",")) {
                    String word = part.trim();
                    if (word.isEmpty()) {
                        continue;
                    }
                    if (word.equals("all") && p.role() != null) {
                        // every host of the parameter's role
                        for (Host h : inventory.byRole(p.role())) {
                            names.add(h.name());
                        }
                    } else if (word.equals("all") || word.contains(":")) {
                        for (Host h : targets(word, inventory)) {
                            names.add(host(p, h.name(), inventory).name());
                        }
                    } else {
                        names.add(host(p, word, inventory).name());
                    }
                }
                if (names.isEmpty()) {
                    throw new IllegalArgumentException("needs at least one host");
                }
                return List.copyOf(new java.util.LinkedHashSet<>(names));
            }
            case CLUSTER: {
                Cluster c = inventory.cluster(t).orElseThrow(() -> new IllegalArgumentException(
                        "'" + t + "' is not a cluster in " + inventory.describeSource() + " (clusters: "
                                + String.join(", ", inventory.clusters().keySet()) + ")"));
                if (p.clusterType() != null && !p.clusterType().equals(c.type())) {
                    throw new IllegalArgumentException("cluster '" + t + "' is a " + c.type() + " cluster, not "
                            + p.clusterType());
                }
                return c.name();
            }
            case UUID:
                if (!UUID.matcher(t).matches()) {
                    throw new IllegalArgumentException("'" + t + "' is not a UUID (like 1943409b-b9fb-4e18-acdd-f5eb5390e5ef)");
                }
                return t.toLowerCase(java.util.Locale.ROOT);
            case IPV4:
                if (!IPV4.matcher(t).matches()) {
                    throw new IllegalArgumentException("'" + t + "' is not an IPv4 address");
                }
                return t;
            case CIDR: {
                int slash = t.indexOf('/');
                if (slash < 0 || !IPV4.matcher(t.substring(0, slash)).matches()
                        || !t.substring(slash + 1).matches("\\d{1,2}") || Integer.parseInt(t.substring(slash + 1)) > 32) {
                    throw new IllegalArgumentException("'" + t + "' is not an IPv4 address with prefix length (like 192.168.0.20/24)");
                }
                return t;
            }
            case INT: {
                long v;
                try {
                    v = Long.parseLong(t);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + t + "' is not a whole number");
                }
                if (p.min() != null && v < p.min() || p.max() != null && v > p.max()) {
                    throw new IllegalArgumentException(v + " is outside " + (p.min() == null ? "" : p.min()) + ".."
                            + (p.max() == null ? "" : p.max()));
                }
                return v;
            }
            case DURATION:
                try {
                    return Durations.parse(t);
                } catch (ArithmeticException e) {
                    // Duration overflows on absurd values; report it like any other bad value
                    throw new IllegalArgumentException("'" + t + "' is too long a duration");
                }
            case ENUM:
                if (!p.values().contains(t)) {
                    throw new IllegalArgumentException("'" + t + "' is not one of " + String.join(", ", p.values()));
                }
                return t;
            case BOOL:
                if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("yes")) {
                    return Boolean.TRUE;
                }
                if (t.equalsIgnoreCase("false") || t.equalsIgnoreCase("no")) {
                    return Boolean.FALSE;
                }
                throw new IllegalArgumentException("'" + t + "' is not true or false");
            case SECRET: {
                SecretRef ref = inventory.secrets().get(t);
                if (ref == null) {
                    throw new IllegalArgumentException("'" + t + "' is not a secret in " + inventory.describeSource()
                            + " (give the secret's name, never its value)");
                }
                return ref.redactable(env).orElseThrow(() -> new IllegalArgumentException(
                        "secret '" + t + "' has no value: " + ref.source() + " is unset or empty"));
            }
            case STRING:
            default:
                if (text.indexOf('\0') >= 0) {
                    throw new IllegalArgumentException("contains a NUL character");
                }
                if (p.pattern() != null && !Pattern.compile(p.pattern()).matcher(text).matches()) {
                    throw new IllegalArgumentException("'" + text + "' does not match " + p.pattern());
                }
                return text;
        }
    }

    private static List<Host> targets(String word, Inventory inventory) {
        try {
            return inventory.resolveTargets(word);
        } catch (SopctlException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    private static Host host(Parameter p, String name, Inventory inventory) {
        Host h = inventory.host(name).orElseThrow(() -> new IllegalArgumentException(
                "'" + name + "' is not a host in " + inventory.describeSource()
                        + suggestion(name, inventory.hosts().keySet())));
        if (p.role() != null && !p.role().equals(h.role())) {
            throw new IllegalArgumentException("'" + name + "' is " + (h.role() == null ? "a host without a role"
                    : "a " + h.role()) + ", not a " + p.role() + candidates(p.role(), inventory));
        }
        return h;
    }

    private static String candidates(String role, Inventory inventory) {
        List<String> names = inventory.byRole(role).stream().map(Host::name).toList();
        return names.isEmpty() ? "" : " (" + role + "s: " + String.join(", ", names) + ")";
    }

    private static String suggestion(String name, java.util.Collection<String> known) {
        String best = null;
        int bestDistance = 3;
        for (String k : known) {
            int d = distance(name, k);
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return best == null ? "" : " (did you mean '" + best + "'?)";
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
