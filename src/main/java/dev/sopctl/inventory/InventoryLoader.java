package dev.sopctl.inventory;

import dev.sopctl.ExitCode;
import dev.sopctl.SopctlException;
import dev.sopctl.yaml.Location;
import dev.sopctl.yaml.MapReader;
import dev.sopctl.yaml.Problems;
import dev.sopctl.yaml.YamlNode;
import dev.sopctl.yaml.YamlTree;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates an inventory file (DESIGN.md §2) into an {@link Inventory} whose every
 * reference resolves. Every problem is collected with its {@code file:line:col} and reported
 * together in one {@link SopctlException} with exit code 65.
 *
 * <pre>{@code
 * Path file = InventoryLocator.locate(options.inventory(), System.getenv(), Path.of(""));
 * Inventory inventory = InventoryLoader.load(file, System.getenv());
 * }</pre>
 *
 * <p>Relative paths written for {@code identity}, {@code known_hosts} and a secret's {@code file}
 * are taken relative to the inventory file's folder ({@code ~/...} and absolute paths as written).
 * Loading never reads a secret's value. Not thread-safe per instance; the static methods are.
 */
public final class InventoryLoader {
    /** The message for a secret value written in the inventory instead of a reference. */
    static final String INLINE_SECRET =
            "secrets are referenced, never written inline: use {env: VAR} or {file: PATH}";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Set<String> INLINE_SECRET_KEYS = Set.of("value", "password", "passphrase", "secret", "token");
    private static final Map<String, List<String>> TYPE_KEYS = typeKeys();

    private final String source;
    private final Path baseDir;
    private final Problems problems = new Problems();

    private final Set<String> declaredSecrets = new LinkedHashSet<>();
    private final Map<String, Location> viaLocations = new LinkedHashMap<>();
    private final java.util.Set<SshSetting> statedByDefaults = java.util.EnumSet.noneOf(SshSetting.class);

    private InventoryLoader(String source, Path baseDir) {
        this.source = source;
        this.baseDir = baseDir;
    }

    /**
     * Loads {@code file}.
     *
     * @param environment the process environment; loading reads no secret and needs no variable
     *                    today, the parameter keeps the contract stable for references that will
     * @throws SopctlException exit 65: the file is missing, is not YAML, or has problems (all listed)
     */
    public static Inventory load(Path file, Map<String, String> environment) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(environment, "environment");
        if (!Files.isRegularFile(file)) {
            throw new SopctlException(ExitCode.INVALID_INPUT, "inventory " + file + ": no such file");
        }
        Path parent = file.toAbsolutePath().getParent();
        InventoryLoader loader = new InventoryLoader(file.toString(), parent);
        YamlNode root = YamlTree.read(file, loader.problems);
        return loader.build(root, file);
    }

    /**
     * Parses inventory text, for tests and tools; {@code sourceName} names it in messages. Relative
     * paths stay as written.
     */
    public static Inventory parse(String yaml, String sourceName, Map<String, String> environment) {
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(environment, "environment");
        InventoryLoader loader = new InventoryLoader(sourceName, null);
        YamlNode root = YamlTree.parse(yaml, sourceName, loader.problems);
        Path path;
        try {
            path = Path.of(sourceName);
        } catch (InvalidPathException e) {
            path = null;
        }
        return loader.build(root, path);
    }

    private Inventory build(YamlNode root, Path path) {
        if (!(root instanceof YamlNode.Mapping)) {
            problems.add(root.location(), "an inventory is a mapping with at least 'hosts:', found " + root.describe());
            failIfAny();
        }
        MapReader top = new MapReader(root, "inventory", problems);
        if (!top.has("hosts")) {
            problems.add(top.location(), "inventory: missing required key 'hosts'");
        }
        Map<String, SecretRef> secrets = readSecrets(top.entries("secrets"));
        Map<String, Zone> zones = readZones(top.entries("zones"));
        SshDefaults defaults = readDefaults(top.node("defaults"));
        Map<String, Host> hosts = readHosts(top.entries("hosts"), defaults, zones);
        checkVias(hosts);
        Map<String, Cluster> clusters = readClusters(top.entries("clusters"), hosts);
        top.finish();
        failIfAny();
        return new Inventory(path, defaults, zones, hosts, clusters, secrets);
    }

    // ---- secrets

    private Map<String, SecretRef> readSecrets(Map<String, YamlNode.Entry> entries) {
        Map<String, SecretRef> out = new LinkedHashMap<>();
        for (YamlNode.Entry entry : entries.values()) {
            String name = entry.key();
            String what = "secret '" + name + "'";
            checkName(entry, "secret");
            declaredSecrets.add(name);
            YamlNode value = entry.value();
            if (value instanceof YamlNode.Scalar s && !s.isNull()) {
                problems.add(value.location(), what + ": " + INLINE_SECRET);
                continue;
            }
            if (!(value instanceof YamlNode.Mapping)) {
                problems.add(value.location(), what + " must be {env: VAR} or {file: PATH}, found " + value.describe());
                continue;
            }
            MapReader r = new MapReader(value, what, problems);
            boolean inline = false;
            for (String key : INLINE_SECRET_KEYS) {
                if (r.has(key)) {
                    r.node(key);
                    problems.add(r.keyLocation(key), what + ": " + INLINE_SECRET);
                    inline = true;
                }
            }
            String env = r.optionalString("env");
            String file = r.optionalString("file");
            r.finish();
            if (env != null && !ENV_NAME.matcher(env).matches()) {
                // never echo it: what is written here may be the value itself
                problems.add(r.node("env").location(), what + ": env must name an environment variable"
                        + " (letters, digits and '_', like PVDI_DB_PASSWORD)");
                env = null;
                inline = true;
            }
            if (env != null && file != null) {
                problems.add(r.location(), what + ": give exactly one of {env: VAR} or {file: PATH}, not both");
            } else if (env == null && file == null) {
                if (!inline) {
                    problems.add(r.location(), what + ": give one of {env: VAR} or {file: PATH}");
                }
            } else {
                out.put(name, new SecretRef(name, env, path(file), entry.keyLocation()));
            }
        }
        return out;
    }

    /** A reference to a declared secret from {@code key}; anything else is taken as an inline secret. */
    private String secretName(MapReader r, String key, String what) {
        YamlNode node = r.node(key);
        if (node == null || (node instanceof YamlNode.Scalar s && s.isNull())) {
            return null;
        }
        if (!(node instanceof YamlNode.Scalar)) {
            problems.add(node.location(), what + ": '" + key + "' names a secret declared under 'secrets:'"
                    + " (like " + key + ": db_password), found " + node.describe());
            return null;
        }
        String name = ((YamlNode.Scalar) node).text();
        if (declaredSecrets.contains(name)) {
            return name;
        }
        String suggestion = Suggestions.didYouMean(name, declaredSecrets);
        if (!suggestion.isEmpty()) {
            // so close to a secret's name that it is a typo, not a value: safe to show
            problems.add(node.location(), what + ": " + key + " '" + name + "' is not a secret" + suggestion);
        } else {
            problems.add(node.location(), what + ": " + key + " does not name a secret declared under 'secrets:'; "
                    + INLINE_SECRET);
        }
        return null;
    }

    // ---- zones and defaults

    private Map<String, Zone> readZones(Map<String, YamlNode.Entry> entries) {
        Map<String, Zone> out = new LinkedHashMap<>();
        for (YamlNode.Entry entry : entries.values()) {
            String name = entry.key();
            String what = "zone '" + name + "'";
            checkName(entry, "zone");
            MapReader r = new MapReader(emptyIfNull(entry.value()), what, problems);
            String storage = r.optionalString("storage");
            if (storage != null && !storage.equals("shared") && !storage.equals("local")) {
                problems.add(r.node("storage").location(),
                        what + ": storage must be shared or local, found '" + storage + "'");
            }
            String ntpServer = ipv4OrHostname(r, "ntp_server", what);
            String gateway = ipv4OrHostname(r, "gateway", what);
            Map<String, Object> vars = r.freeMap("vars");
            r.finish();
            out.put(name, new Zone(name, storage, ntpServer, gateway, vars, entry.keyLocation()));
        }
        return out;
    }

    private SshDefaults readDefaults(YamlNode node) {
        SshDefaults builtIn = SshDefaults.BUILT_IN;
        if (node == null || (node instanceof YamlNode.Scalar s && s.isNull())) {
            return builtIn;
        }
        MapReader r = new MapReader(node, "defaults", problems);
        String user = orElse(userName(r, "defaults"), builtIn.user());
        int port = orElse(port(r, "defaults"), builtIn.port());
        String identity = orElse(path(r.optionalString("identity")), builtIn.identity());
        String knownHosts = orElse(path(r.optionalString("known_hosts")), builtIn.knownHosts());
        Duration connectTimeout = orElse(positiveDuration(r, "connect_timeout"), builtIn.connectTimeout());
        Duration commandTimeout = orElse(positiveDuration(r, "command_timeout"), builtIn.commandTimeout());
        String become = r.optionalString("become");
        if (become != null && !become.equals("su") && !become.equals("sudo")) {
            problems.add(r.node("become").location(), "defaults: become must be su or sudo, found '" + become + "'");
            become = null;
        }
        String password = secretName(r, "password", "defaults");
        String passphrase = secretName(r, "passphrase", "defaults");
        String sshConfig = r.optionalString("ssh_config");
        for (String key : List.of("user", "port", "identity", "known_hosts")) {
            if (r.has(key)) {
                statedByDefaults.add(SshSetting.valueOf(key.toUpperCase(java.util.Locale.ROOT)));
            }
        }
        r.finish();
        return new SshDefaults(user, port, identity, knownHosts, connectTimeout, commandTimeout,
                orElse(become, builtIn.become()), password, passphrase,
                sshConfig == null || sshConfig.equals("none") ? sshConfig : path(sshConfig));
    }

    // ---- hosts

    private Map<String, Host> readHosts(Map<String, YamlNode.Entry> entries, SshDefaults defaults,
            Map<String, Zone> zones) {
        Map<String, Host> out = new LinkedHashMap<>();
        for (YamlNode.Entry entry : entries.values()) {
            String name = entry.key();
            String what = "host '" + name + "'";
            checkName(entry, "host");
            YamlNode value = emptyIfNull(entry.value());
            if (!(value instanceof YamlNode.Mapping)) {
                problems.add(value.location(), what + " must be a mapping with at least 'address', found "
                        + value.describe() + " (is it indented under the right key?)");
                continue;
            }
            MapReader r = new MapReader(value, what, problems);
            String address = r.requiredString("address");
            if (address != null && !Addresses.isAddress(address)) {
                problems.add(r.node("address").location(), what + ": address must be an IP address or a host name, found '"
                        + address + "'" + addressHint(address));
            }
            int port = orElse(port(r, what), defaults.port());
            String user = orElse(userName(r, what), defaults.user());
            String identity = orElse(path(r.optionalString("identity")), defaults.identity());
            String via = r.optionalString("via");
            if (via != null) {
                viaLocations.put(name, r.node("via").location());
            }
            String role = r.optionalString("role");
            String zone = r.optionalString("zone");
            if (zone != null && !zones.containsKey(zone)) {
                problems.add(r.node("zone").location(), what + ": zone '" + zone + "' is not a zone"
                        + (zones.isEmpty() ? " (no zones are declared)" : Suggestions.didYouMean(zone, zones.keySet())));
            }
            String password = orElse(secretName(r, "password", what), defaults.password());
            String passphrase = orElse(secretName(r, "passphrase", what), defaults.passphrase());
            Map<String, Object> vars = r.freeMap("vars");
            java.util.EnumSet<SshSetting> stated = java.util.EnumSet.noneOf(SshSetting.class);
            stated.addAll(statedByDefaults);
            for (String key : List.of("user", "port", "identity")) {
                if (r.has(key)) {
                    stated.add(SshSetting.valueOf(key.toUpperCase(java.util.Locale.ROOT)));
                }
            }
            r.finish();
            out.put(name, new Host(name, orElse(address, ""), port, user, identity, via, role, zone,
                    password, passphrase, vars, entry.keyLocation(), stated));
        }
        return out;
    }

    /** The {@code user:} of a mapping, or null when absent or not a valid user name (then a problem is recorded). */
    private String userName(MapReader r, String what) {
        String user = r.optionalString("user");
        if (user != null && !UserNames.isValid(user)) {
            problems.add(r.node("user").location(), what + ": user must be a user name (" + UserNames.RULE
                    + "), found '" + user + "'" + (user.startsWith("-") ? " (ssh would read it as an option)" : ""));
            return null;
        }
        return user;
    }

    private static String addressHint(String address) {
        if (address.contains("@")) {
            return " (write the login as user:)";
        }
        if (address.indexOf(':') >= 0 && address.indexOf(':') == address.lastIndexOf(':')) {
            return " (write the port as port:)";
        }
        return "";
    }

    /** Every via names another host, and no chain of vias comes back to where it started. */
    private void checkVias(Map<String, Host> hosts) {
        List<String> order = new ArrayList<>(hosts.keySet());
        for (Host host : hosts.values()) {
            String via = host.via();
            if (via == null) {
                continue;
            }
            String what = "host '" + host.name() + "'";
            Location at = viaLocations.get(host.name());
            if (via.equals(host.name())) {
                problems.add(at, what + ": via names the host itself; a jump host must be another host");
            } else if (!hosts.containsKey(via)) {
                List<String> others = new ArrayList<>(order);
                others.remove(host.name());
                problems.add(at, what + ": via '" + via + "' is not a host" + Suggestions.didYouMean(via, others));
            }
        }
        for (Host start : hosts.values()) {
            List<String> chain = new ArrayList<>(List.of(start.name()));
            String next = start.via();
            while (next != null && hosts.containsKey(next) && !chain.contains(next)) {
                chain.add(next);
                next = hosts.get(next).via();
            }
            boolean loopsToStart = start.name().equals(next) && chain.size() > 1;
            // report each loop once, at the member written first
            boolean firstOfLoop = chain.stream().allMatch(n -> order.indexOf(n) >= order.indexOf(start.name()));
            if (loopsToStart && firstOfLoop) {
                problems.add(viaLocations.get(start.name()), "host '" + start.name() + "': via chain loops back to it: "
                        + String.join(" -> ", chain) + " -> " + start.name());
            }
        }
    }

    // ---- clusters

    private Map<String, Cluster> readClusters(Map<String, YamlNode.Entry> entries, Map<String, Host> hosts) {
        Map<String, Cluster> out = new LinkedHashMap<>();
        for (YamlNode.Entry entry : entries.values()) {
            String name = entry.key();
            String what = "cluster '" + name + "'";
            checkName(entry, "cluster");
            if (hosts.containsKey(name)) {
                problems.add(entry.keyLocation(), what + ": the name is also a host's ("
                        + hosts.get(name).location() + "); targets would be ambiguous");
            }
            YamlNode value = entry.value();
            if (!(value instanceof YamlNode.Mapping mapping)) {
                problems.add(value.location(), what + " must be a mapping with type and members, found " + value.describe());
                continue;
            }
            MapReader r = new MapReader(value, what, problems);
            String type = r.requiredString("type");
            if (type != null && !TYPE_KEYS.containsKey(type)) {
                problems.add(r.node("type").location(), what + ": type must be pacemaker, drbd, lifekeeper or cloudstack, found '"
                        + type + "'" + Suggestions.didYouMean(type, TYPE_KEYS.keySet()));
                type = null;
            }
            Map<String, Object> settings = new LinkedHashMap<>();
            List<String> members = "cloudstack".equals(type)
                    ? new CloudstackClusterReader(problems, hosts).read(r, what, settings)
                    : readMembers(r, what, hosts);
            if ("pacemaker".equals(type)) {
                putIfSet(settings, "resource_group", r.optionalString("resource_group"));
            } else if ("drbd".equals(type)) {
                putIfSet(settings, "resource", r.requiredString("resource"));
                putIfSet(settings, "device", absolutePath(r, "device", what));
                putIfSet(settings, "mount", absolutePath(r, "mount", what));
                String vip = r.optionalString("vip");
                if (vip != null && !Addresses.isIpv4(vip)) {
                    problems.add(r.node("vip").location(), what + ": vip must be an IPv4 address, found '" + vip + "'");
                }
                putIfSet(settings, "vip", vip);
            } else if ("lifekeeper".equals(type)) {
                Map<String, Object> hierarchies = readHierarchies(r, what, members);
                if (hierarchies != null) {
                    settings.put("hierarchies", hierarchies);
                }
            }
            reportUnknownClusterKeys(mapping, type, what);
            if (type != null) {
                out.put(name, new Cluster(name, type, members, settings, entry.keyLocation()));
            }
        }
        return out;
    }

    private List<String> readMembers(MapReader r, String what, Map<String, Host> hosts) {
        YamlNode node = r.node("members");
        if (node == null || (node instanceof YamlNode.Scalar s && s.isNull())) {
            problems.add(r.location(), what + ": missing required key 'members'");
            return List.of();
        }
        if (!(node instanceof YamlNode.Sequence seq)) {
            problems.add(node.location(), what + ": members must be a list of host names, found " + node.describe());
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (YamlNode item : seq.items()) {
            if (!(item instanceof YamlNode.Scalar s) || s.isNull()) {
                problems.add(item.location(), what + ": a member must be a host name, found " + item.describe());
                continue;
            }
            String member = s.text();
            if (!out.add(member)) {
                problems.add(item.location(), what + ": member '" + member + "' is listed twice");
            } else if (!hosts.containsKey(member)) {
                problems.add(item.location(), what + ": member '" + member + "' is not a host"
                        + Suggestions.didYouMean(member, hosts.keySet()));
            }
        }
        if (out.size() < 2) {
            problems.add(node.location(), what + ": a cluster needs at least 2 members, found " + out.size());
        }
        return List.copyOf(out);
    }

    /** lifekeeper {@code hierarchies}: top tag to {primary, ip, fs, datarep}; null when absent. */
    private Map<String, Object> readHierarchies(MapReader r, String what, List<String> members) {
        YamlNode node = r.node("hierarchies");
        if (node == null || (node instanceof YamlNode.Scalar s && s.isNull())) {
            return null;
        }
        if (!(node instanceof YamlNode.Mapping mapping)) {
            problems.add(node.location(), what + ": hierarchies must be a mapping of top tag to"
                    + " {primary, ip, fs, datarep}, found " + node.describe());
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (YamlNode.Entry entry : mapping.entries().values()) {
            String tagWhat = what + ": hierarchy '" + entry.key() + "'";
            MapReader h = new MapReader(emptyIfNull(entry.value()), tagWhat, problems);
            Map<String, Object> tags = new LinkedHashMap<>();
            String primary = h.requiredString("primary");
            if (primary != null && !members.contains(primary)) {
                problems.add(h.node("primary").location(), tagWhat + ": primary '" + primary
                        + "' is not a member of the cluster (members: " + String.join(", ", members) + ")"
                        + Suggestions.didYouMean(primary, members));
            }
            putIfSet(tags, "primary", primary);
            for (String key : List.of("ip", "fs", "datarep")) {
                putIfSet(tags, key, h.optionalString(key));
            }
            h.finish();
            out.put(entry.key(), java.util.Collections.unmodifiableMap(tags));
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    private void reportUnknownClusterKeys(YamlNode.Mapping mapping, String type, String what) {
        List<String> allowed = new ArrayList<>(List.of("type", "members"));
        if (type != null) {
            allowed.addAll(TYPE_KEYS.get(type));
        } else {
            TYPE_KEYS.values().forEach(allowed::addAll); // type is wrong or missing: say only that
        }
        for (YamlNode.Entry e : mapping.entries().values()) {
            String key = e.key();
            if (allowed.contains(key)) {
                continue;
            }
            boolean otherType = TYPE_KEYS.values().stream().anyMatch(keys -> keys.contains(key));
            if (otherType) {
                problems.add(e.keyLocation(), what + ": unknown key '" + key + "' for a " + type + " cluster ("
                        + type + " keys: " + String.join(", ", TYPE_KEYS.get(type)) + ")");
            } else {
                problems.add(e.keyLocation(), what + ": unknown key '" + key + "'"
                        + Suggestions.didYouMean(key, allowed) + " (known: " + String.join(", ", allowed) + ")");
            }
        }
    }

    // ---- values

    private void checkName(YamlNode.Entry entry, String kind) {
        String name = entry.key();
        if (!NAME.matcher(name).matches()) {
            problems.add(entry.keyLocation(), kind + " name '" + name + "' is not allowed: use letters, digits, '.', '_'"
                    + " and '-', starting with a letter or digit");
        } else if (name.equals("all") && !kind.equals("secret")) {
            problems.add(entry.keyLocation(), kind + " name 'all' is not allowed: it is the target for every host");
        }
    }

    private Integer port(MapReader r, String what) {
        Integer port = r.optionalInt("port");
        if (port != null && (port < 1 || port > 65535)) {
            problems.add(r.node("port").location(), what + ": port must be between 1 and 65535, found " + port);
            return null;
        }
        return port;
    }

    private Duration positiveDuration(MapReader r, String key) {
        Duration d = r.optionalDuration(key);
        if (d != null && d.isZero()) {
            problems.add(r.node(key).location(), "defaults: " + key + " must be more than 0s");
            return null;
        }
        return d;
    }

    private String ipv4OrHostname(MapReader r, String key, String what) {
        String text = r.optionalString(key);
        if (text != null && !Addresses.isIpv4OrHostname(text)) {
            problems.add(r.node(key).location(), what + ": " + key + " must be an IPv4 address or a host name, found '"
                    + text + "'");
        }
        return text;
    }

    private String absolutePath(MapReader r, String key, String what) {
        String text = r.requiredString(key);
        if (text != null && !text.startsWith("/")) {
            problems.add(r.node(key).location(), what + ": " + key + " must be an absolute path, found '" + text + "'");
        }
        return text;
    }

    /** A path as written, or relative to the inventory's folder when it is relative and the file is known. */
    private String path(String written) {
        if (written == null || baseDir == null || written.startsWith("~")) {
            return written;
        }
        try {
            Path p = Path.of(written);
            return p.isAbsolute() ? written : baseDir.resolve(p).normalize().toString();
        } catch (InvalidPathException e) {
            return written;
        }
    }

    private static YamlNode emptyIfNull(YamlNode node) {
        return node instanceof YamlNode.Scalar s && s.isNull() ? new YamlNode.Mapping(node.location(), Map.of()) : node;
    }

    private static <T> T orElse(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private static void putIfSet(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    /** Fails with every problem, in the order they are written in the file. */
    private void failIfAny() {
        List<Problems.Problem> all = new ArrayList<>(problems.all());
        all.sort(Comparator.comparingInt((Problems.Problem p) -> p.location().line())
                .thenComparingInt(p -> p.location().column()));
        Problems sorted = new Problems();
        all.forEach(p -> sorted.add(p.location(), p.message()));
        sorted.throwIfAny("invalid inventory " + source);
    }

    private static Map<String, List<String>> typeKeys() {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        keys.put("pacemaker", List.of("resource_group"));
        keys.put("drbd", List.of("resource", "device", "mount", "vip"));
        keys.put("lifekeeper", List.of("hierarchies"));
        keys.put("cloudstack", CloudstackClusterReader.KEYS);
        return java.util.Collections.unmodifiableMap(keys);
    }
}
