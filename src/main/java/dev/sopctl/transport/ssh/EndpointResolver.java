package dev.sopctl.transport.ssh;

import dev.sopctl.inventory.HomePaths;
import dev.sopctl.inventory.Host;
import dev.sopctl.inventory.Inventory;
import dev.sopctl.inventory.SshSetting;
import dev.sopctl.transport.TransportException;
import dev.sopctl.transport.TransportException.Kind;
import dev.sopctl.transport.ssh.config.LocalUser;
import dev.sopctl.transport.ssh.config.OpenSshResolver;
import dev.sopctl.transport.ssh.config.SshConfig;
import dev.sopctl.transport.ssh.config.SshConfigEvaluator;
import dev.sopctl.transport.ssh.config.SshConfigException;
import dev.sopctl.transport.ssh.config.SshConfigSource;
import dev.sopctl.yaml.Location;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Works out each host's {@link Endpoint}: the inventory wins where it states a setting
 * ({@link SshSetting}); HostName, User, Port, IdentityFile, IdentitiesOnly, ProxyJump,
 * UserKnownHostsFile, StrictHostKeyChecking and IdentityAgent come from OpenSSH's configuration,
 * asked of {@code ssh -G} when the client is installed and read by {@link SshConfigEvaluator}
 * otherwise. The inventory's {@code address} is the name ssh is given, so a config {@code Host}
 * alias with a HostName works. Results are kept for the transport's life. Thread-safe.
 */
final class EndpointResolver {
    static final String NO_CONFIG = "none";
    private static final int MAX_HOPS = 8;
    /**
     * The keywords that can change an {@link Endpoint}. A configuration without any of them (Debian's
     * default ssh_config sets only SendEnv, HashKnownHosts and GSSAPIAuthentication) resolves to
     * OpenSSH's defaults for every host, so {@code ssh -G} (a process per host: 1.4 s for 200 hosts
     * on one thread, measured on this machine under load) is not asked.
     */
    private static final java.util.Set<String> RELEVANT = java.util.Set.of("hostname", "user", "port", "identityfile",
            "identitiesonly", "proxyjump", "proxycommand", "userknownhostsfile", "stricthostkeychecking",
            "identityagent", "match", "canonicalizehostname");

    private final Inventory inventory;
    private final SshConfigEvaluator includeCheck;
    private final String ssh;
    private volatile SshConfigSource config;
    private final LocalUser local;
    private final Map<String, String> environment;
    private final SshOptions options;
    private final Identities identities;
    private final Map<String, Endpoint> cache = new ConcurrentHashMap<>();
    private final java.util.Set<String> noticed = ConcurrentHashMap.newKeySet();

    EndpointResolver(Inventory inventory, SshOptions options, Identities identities, LocalUser local) {
        this.inventory = inventory;
        this.options = options;
        this.identities = identities;
        this.local = local;
        this.environment = options.environment();
        String written = inventory.defaults().sshConfig();
        if (NO_CONFIG.equals(written)) {
            config = null;
            includeCheck = null;
            ssh = null;
            return;
        }
        Path file = written == null ? null : Path.of(HomePaths.expandHome(written));
        ssh = OpenSshResolver.findClient(environment.get("PATH"));
        SshConfigEvaluator ours = file != null ? SshConfigEvaluator.ofFile(file, local)
                : SshConfigEvaluator.ofUser(local, Path.of("/etc/ssh/ssh_config"));
        includeCheck = ours;
        config = ssh != null ? new OpenSshResolver(ssh, file) : ours;
    }

    /**
     * Checks the configuration once, before any host is reached: Include loops (which ssh ignores
     * silently) and syntax errors (one resolution reads every line).
     *
     * @throws SshConfigException exit 65, naming file and line
     */
    void check() {
        if (config == null) {
            return;
        }
        java.util.Set<String> written = includeCheck.checkIncludes();
        boolean endpointsAsDefault = written.stream().noneMatch(RELEVANT::contains);
        if (!(endpointsAsDefault && config instanceof OpenSshResolver && acceptedByOurReading())) {
            config.resolve("sopctl.config-check.invalid", null, null);
        }
        if (config instanceof OpenSshResolver && endpointsAsDefault) {
            // the same answer for every host (OpenSSH's defaults), without a process per host
            config = includeCheck.lenient();
        }
        options.detail("OpenSSH configuration from " + config.describe());
    }

    /**
     * Whether our strict reading accepts every line, so that asking {@code ssh -G} (a process, 40-60 ms
     * of every start) would add nothing when no line can change an endpoint. A line we refuse (a
     * keyword newer than ours, a bad value) is left to ssh, whose verdict and message stand.
     */
    private boolean acceptedByOurReading() {
        try {
            includeCheck.resolve("sopctl.config-check.invalid", null, null);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    Endpoint resolve(Host host) throws TransportException {
        Host listed = inventory.host(host.name()).orElse(null);
        if (listed != null && !listed.address().equals(host.address())) {
            // an inventory host at an address decided during the run (its management address changed)
            return resolve(listed).movedTo(host.address());
        }
        Endpoint known = cache.get(host.name());
        if (known != null) {
            return known;
        }
        Endpoint e = resolve(host, new ArrayList<>());
        cache.put(host.name(), e);
        return e;
    }

    private Endpoint resolve(Host host, List<String> chain) throws TransportException {
        chain.add(host.name());
        if (chain.size() > MAX_HOPS) {
            throw config(host, "jump-host chain longer than " + MAX_HOPS + " hops: " + String.join(" → ", chain));
        }
        SshConfig c = lookup(host, host.address(), host.states(SshSetting.USER) ? host.user() : null,
                host.states(SshSetting.PORT) ? host.port() : null);
        Endpoint jump = null;
        if (host.via() != null) {
            Host via = inventory.host(host.via()).orElseThrow(() -> new TransportException(host.name(), Kind.PROTOCOL,
                    host.name() + ": jump host '" + host.via() + "' is not in the inventory"));
            jump = hop(host, via, chain);
        } else if (c != null && c.proxyJump() != null) {
            jump = proxyJump(host, c.proxyJump(), chain);
        } else if (c != null && c.proxyCommand() != null) {
            noticeOnce("ProxyCommand " + c.proxyCommand(), "the OpenSSH configuration sets ProxyCommand "
                    + c.proxyCommand() + " (first for " + host.name() + "); sopctl does not run proxy commands and"
                    + " connects directly (use ProxyJump or via:)");
        }
        return endpoint(host, host.name(), c, jump);
    }

    private Endpoint hop(Host from, Host via, List<String> chain) throws TransportException {
        if (chain.contains(via.name())) {
            throw config(from, "jump-host cycle: " + String.join(" → ", chain) + " → " + via.name());
        }
        Endpoint cached = cache.get(via.name());
        return cached != null ? cached : resolve(via, chain);
    }

    /** ProxyJump a,b: b is reached through a; a with its own configuration (its own ProxyJump too), b without. */
    private Endpoint proxyJump(Host target, String spec, List<String> chain) throws TransportException {
        Endpoint previous = null;
        String[] hops = spec.split(",");
        String route = "proxyjump:";
        for (int i = 0; i < hops.length; i++) {
            Hop hop = Hop.parse(hops[i]);
            String name = hop.user == null ? hop.host : hop.user + "@" + hop.host;
            name = hop.port == null ? name : name + ":" + hop.port;
            if (chain.contains(name) || chain.contains(hop.host)) {
                throw config(target, "ProxyJump cycle: " + String.join(" → ", chain) + " → " + name);
            }
            route = i == 0 ? route + name : route + "," + name;
            Endpoint known = cache.get(route);
            if (known != null) {
                // a bastion many hosts share is resolved (and connected) once
                chain.add(name);
                previous = known;
                continue;
            }
            chain.add(name);
            if (chain.size() > MAX_HOPS) {
                throw config(target, "jump-host chain longer than " + MAX_HOPS + " hops: " + String.join(" → ", chain));
            }
            Host bare = new Host(name, hop.host, hop.port == null ? 22 : hop.port, hop.user == null ? inventory.defaults().user() : hop.user,
                    null, null, null, null, null, null, Map.of(), Location.of("ProxyJump of " + target.name()),
                    stated(hop));
            SshConfig c = lookup(bare, hop.host, hop.user, hop.port);
            Endpoint jump = previous;
            if (i == 0 && c != null && c.proxyJump() != null) {
                jump = proxyJump(bare, c.proxyJump(), chain);
            }
            previous = endpoint(bare, route, c, jump);
            cache.put(route, previous);
        }
        return previous;
    }

    private static java.util.Set<SshSetting> stated(Hop hop) {
        java.util.EnumSet<SshSetting> s = java.util.EnumSet.noneOf(SshSetting.class);
        if (hop.user != null) {
            s.add(SshSetting.USER);
        }
        if (hop.port != null) {
            s.add(SshSetting.PORT);
        }
        return s;
    }

    private SshConfig lookup(Host host, String destination, String user, Integer port) throws TransportException {
        if (config == null) {
            return null;
        }
        try {
            return config.resolve(destination, user, port);
        } catch (SshConfigException e) {
            throw new TransportException(host.name(), Kind.CONFIG, host.name() + ": " + e.getMessage(), e.hint(), e);
        }
    }

    private Endpoint endpoint(Host host, String key, SshConfig c, Endpoint jump) throws TransportException {
        if (c == null) {
            return new Endpoint(key, host, identities.candidates(host), host.states(SshSetting.IDENTITY), knownHostsOf(host, null),
                    options.acceptNewHostKeys(), agentSocket(null), jump, "inventory only", null);
        }
        String user = host.states(SshSetting.USER) || c.user().equals(local.name())
                ? host.user() : c.user();
        Host effective = new Host(host.name(), c.hostName(), c.port(), user, host.identity(),
                jump == null ? null : jump.host().name(), host.role(), host.zone(), host.password(), host.passphrase(),
                host.vars(), host.location(), host.stated());
        List<Path> keys;
        try {
            keys = host.states(SshSetting.IDENTITY) || c.identityFilesAreDefault() ? identities.candidates(host)
                    : c.identityPaths(local, host.address());
        } catch (SshConfigException e) {
            throw new TransportException(host.name(), Kind.CONFIG, host.name() + ": " + e.getMessage(), null, e);
        }
        boolean acceptNew = options.acceptNewHostKeys() || c.strictHostKeyChecking().equals("accept-new");
        if (c.strictHostKeyChecking().equals("false")) {
            noticeOnce("StrictHostKeyChecking no", "the OpenSSH configuration sets StrictHostKeyChecking no (first for "
                    + host.name() + "); sopctl never connects without checking the host key and checks it strictly"
                    + " (use StrictHostKeyChecking accept-new or --accept-new-host-keys to record new keys)");
        }
        // an identity the inventory names is the key to use: the agent may sign with it, but its other
        // keys are not offered first (they could use up the server's MaxAuthTries before it)
        boolean identitiesOnly = c.identitiesOnly() || host.states(SshSetting.IDENTITY);
        Endpoint e = new Endpoint(key, effective, keys, identitiesOnly, knownHostsOf(host, c), acceptNew,
                agentSocket(c.identityAgent()), jump, config.describe(), null);
        options.detail(e.describe());
        return e;
    }

    /** One notice per run for a setting, however many hosts it applies to. */
    private void noticeOnce(String what, String message) {
        if (noticed.add(what)) {
            options.notice(message);
        }
    }

    private Path knownHostsOf(Host host, SshConfig c) {
        if (host.states(SshSetting.KNOWN_HOSTS) || c == null || c.userKnownHostsFiles().isEmpty()
                || c.userKnownHostsFiles().equals(SshConfig.defaultKnownHosts(local))) {
            return Path.of(HomePaths.expandHome(inventory.defaults().knownHosts()));
        }
        return Path.of(c.userKnownHostsFiles().get(0));
    }

    /** IdentityAgent (a path, {@code none}, {@code SSH_AUTH_SOCK}), else {@code $SSH_AUTH_SOCK}. */
    private Path agentSocket(String identityAgent) {
        String socket = identityAgent == null || identityAgent.equals("SSH_AUTH_SOCK") ? environment.get("SSH_AUTH_SOCK")
                : identityAgent.equals("none") ? null
                : identityAgent.startsWith("$") ? environment.get(identityAgent.substring(1)) : identityAgent;
        return socket == null || socket.isEmpty() ? null : Path.of(socket);
    }

    private static TransportException config(Host host, String message) {
        return new TransportException(host.name(), Kind.CONFIG, host.name() + ": " + message,
                "fix ProxyJump in the OpenSSH configuration or via: in the inventory", null);
    }

    /** One ProxyJump entry: {@code [user@]host[:port]} or {@code ssh://[user@]host[:port]}. */
    private record Hop(String user, String host, Integer port) {
        static Hop parse(String spec) {
            String s = spec.strip();
            if (s.startsWith("ssh://")) {
                s = s.substring(6);
            }
            String user = null;
            int at = s.lastIndexOf('@');
            if (at >= 0) {
                user = s.substring(0, at);
                s = s.substring(at + 1);
            }
            Integer port = null;
            String host = s;
            if (s.startsWith("[") && s.contains("]")) {
                host = s.substring(1, s.indexOf(']'));
                String rest = s.substring(s.indexOf(']') + 1);
                if (rest.startsWith(":")) {
                    port = Integer.valueOf(rest.substring(1));
                }
            } else if (s.indexOf(':') > 0 && s.indexOf(':') == s.lastIndexOf(':')) {
                host = s.substring(0, s.indexOf(':'));
                port = Integer.valueOf(s.substring(s.indexOf(':') + 1));
            }
            return new Hop(user, host, port);
        }
    }
}
