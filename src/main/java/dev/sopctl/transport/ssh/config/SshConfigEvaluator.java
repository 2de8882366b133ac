package dev.sopctl.transport.ssh.config;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * sopctl's own reading of ssh_config files, used where the OpenSSH client is not installed and to
 * check Include chains (which {@code ssh -G} follows 16 deep and then silently ignores).
 * Follows ssh_config(5): the first value of a keyword wins; {@code Host} patterns with {@code *},
 * {@code ?} and {@code !negation}; {@code Match} on {@code all}, {@code host}, {@code originalhost},
 * {@code user}, {@code localuser}, {@code canonical} and {@code final} (a second pass over the files
 * with the new host name, as OpenSSH makes it); {@code Include} with globs, relative to
 * {@code ~/.ssh} (user files) or {@code /etc/ssh} (system files), in Host/Match context.
 * Not supported: {@code Match exec} (it would run a command; an error says so), host name
 * canonicalisation by DNS. Thread-safe: every call reads the files again.
 */
public final class SshConfigEvaluator implements SshConfigSource {
    private static final int MAX_INCLUDE_DEPTH = 16;

    /** A configuration file and the folder its relative Includes are resolved against. */
    private record Root(Path file, Path includeBase, boolean required) {}

    private final List<Root> roots;
    private final LocalUser local;
    private final boolean strict;

    private SshConfigEvaluator(List<Root> roots, LocalUser local, boolean strict) {
        this.roots = List.copyOf(roots);
        this.local = local;
        this.strict = strict;
    }

    /**
     * The same files, without refusing keywords and Match criteria sopctl does not know: for when
     * the OpenSSH client has already accepted the files.
     */
    public SshConfigEvaluator lenient() {
        return new SshConfigEvaluator(roots, local, false);
    }

    /** Like {@code ssh -F FILE}: that file only; it must exist. */
    public static SshConfigEvaluator ofFile(Path file, LocalUser local) {
        return new SshConfigEvaluator(List.of(new Root(file, local.home().resolve(".ssh"), true)), local, true);
    }

    /** Like plain {@code ssh}: {@code ~/.ssh/config}, then the system's file, each when it exists. */
    public static SshConfigEvaluator ofUser(LocalUser local, Path systemFile) {
        return new SshConfigEvaluator(List.of(new Root(local.home().resolve(".ssh/config"), local.home().resolve(".ssh"), false),
                new Root(systemFile, systemFile.getParent(), false)), local, true);
    }

    @Override
    public String describe() {
        return "sopctl's reading of " + roots.stream().map(r -> r.file().toString()).collect(Collectors.joining(" and "));
    }

    /**
     * Reads every file and every Include, active or not: unreadable files, bad quoting and Include
     * loops fail here.
     *
     * @return every keyword written in them, lower-cased
     */
    public java.util.Set<String> checkIncludes() {
        Pass pass = new Pass(new Settings(), "", "", false, false);
        for (Root root : roots) {
            pass.file(root, root.file(), new ArrayDeque<>());
        }
        return pass.seen;
    }

    @Override
    public SshConfig resolve(String destination, String user, Integer port) {
        // Host lines compare the name as typed; Match host/originalhost and the final host name are lower-case
        String original = destination;
        Settings s = new Settings();
        s.user = user;
        s.port = port;
        Pass first = new Pass(s, original, original, false, strict);
        first.run();
        String hostName = (s.hostName == null ? original : expand(Tokens.hostOnly(original), s.hostName, s.hostNameAt))
                .toLowerCase(Locale.ROOT);
        s.hostName = hostName;
        if (first.wantFinal) {
            new Pass(s, original, hostName, true, strict).run();
            hostName = s.hostName.toLowerCase(Locale.ROOT);
        }
        String ruser = s.user != null ? s.user : local.name();
        int rport = s.port != null ? s.port : 22;
        Tokens tokens = Tokens.of(local, original, hostName, rport, ruser);
        List<String> known = s.knownHosts == null ? SshConfig.defaultKnownHosts(local)
                : s.knownHosts.stream().map(f -> expand(tokens, Tokens.tilde(f, local), s.knownHostsAt)).toList();
        String agent = s.identityAgent == null ? null
                : s.identityAgent.equals("none") || s.identityAgent.equals("SSH_AUTH_SOCK") ? s.identityAgent
                : expand(tokens, Tokens.tilde(s.identityAgent, local), s.identityAgentAt);
        return new SshConfig(hostName, ruser, rport,
                s.identityFiles.isEmpty() ? SshConfig.DEFAULT_IDENTITY_FILES : s.identityFiles,
                "yes".equals(s.identitiesOnly), "none".equals(s.proxyJump) ? null : s.proxyJump, known,
                s.strict == null ? "ask" : s.strict, agent, "none".equals(s.proxyCommand) ? null : s.proxyCommand);
    }

    private static String expand(Tokens tokens, String value, ConfigLine at) {
        try {
            return tokens.expand(value);
        } catch (IllegalArgumentException e) {
            throw at.error(e.getMessage());
        }
    }

    /** One pass over the files: which blocks apply, and the first value of each keyword. */
    private final class Pass {
        final Settings s;
        final String original;
        final String host;
        final boolean isFinal;
        final boolean strict;
        boolean wantFinal;
        final java.util.Set<String> seen = new java.util.HashSet<>();

        Pass(Settings s, String original, String host, boolean isFinal, boolean strict) {
            this.s = s;
            this.original = original;
            this.host = host;
            this.isFinal = isFinal;
            this.strict = strict;
        }

        void run() {
            for (Root root : roots) {
                if (root.required() || Files.exists(root.file())) {
                    file(root, root.file(), new ArrayDeque<>());
                }
            }
        }

        void file(Root root, Path file, Deque<ConfigLine> includedBy) {
            if (!Files.isRegularFile(file)) {
                if (root.required() && includedBy.isEmpty()) {
                    throw new SshConfigException(file + ": no such configuration file");
                }
                return;
            }
            boolean active = true;
            for (ConfigLine l : ConfigFileReader.read(file)) {
                seen.add(l.keyword());
                switch (l.keyword()) {
                    case "host" -> active = hostMatches(l);
                    case "match" -> active = matchMatches(l);
                    case "include" -> include(root, l, includedBy, active);
                    default -> {
                        if (active) {
                            s.set(l, strict);
                        } else if (strict && !Keywords.KNOWN.contains(l.keyword()) && !s.ignored(l.keyword())) {
                            throw l.error("Bad configuration option: " + l.keyword());
                        }
                    }
                }
            }
        }

        private void include(Root root, ConfigLine l, Deque<ConfigLine> includedBy, boolean active) {
            if (l.args().isEmpty()) {
                throw l.error("Include needs a file name");
            }
            if (includedBy.size() >= MAX_INCLUDE_DEPTH) {
                throw l.error("Include nested deeper than " + MAX_INCLUDE_DEPTH + " files");
            }
            for (String arg : l.args()) {
                Path pattern = root.includeBase().resolve(Tokens.tilde(arg, local));
                for (Path f : glob(pattern)) {
                    for (ConfigLine outer : includedBy) {
                        if (sameFile(outer.file(), f)) {
                            throw l.error("Include loop: " + chain(includedBy, l) + " includes " + f + " again");
                        }
                    }
                    if (sameFile(l.file(), f)) {
                        throw l.error("Include loop: " + l.file() + " includes itself");
                    }
                    includedBy.push(l);
                    // from an inactive block OpenSSH still reads the file but applies nothing of it
                    Pass inner = active ? this : new Pass(new Settings(), original, host, isFinal, false);
                    inner.file(root, f, includedBy);
                    wantFinal |= inner.wantFinal;
                    seen.addAll(inner.seen);
                    includedBy.pop();
                }
            }
        }

        boolean hostMatches(ConfigLine l) {
            if (l.args().isEmpty()) {
                throw l.error("Host needs at least one pattern");
            }
            boolean any = false;
            for (String p : l.args()) {
                if (p.startsWith("!")) {
                    if (Patterns.matches(host, p.substring(1))) {
                        return false;
                    }
                } else if (Patterns.matches(host, p)) {
                    any = true;
                }
            }
            return any;
        }

        boolean matchMatches(ConfigLine l) {
            List<String> a = l.args();
            if (a.isEmpty()) {
                throw l.error("Match needs criteria (all, host, originalhost, user, localuser, canonical, final)");
            }
            boolean result = true;
            for (int i = 0; i < a.size(); i++) {
                String word = a.get(i).toLowerCase(Locale.ROOT);
                boolean negate = word.startsWith("!");
                String attr = negate ? word.substring(1) : word;
                boolean r;
                switch (attr) {
                    case "all" -> {
                        if (a.size() > 1 + (a.stream().anyMatch(x -> x.equalsIgnoreCase("canonical") || x.equalsIgnoreCase("final")) ? 1 : 0)) {
                            throw l.error("Match all must appear alone or with canonical or final");
                        }
                        r = true;
                    }
                    case "canonical", "final" -> {
                        wantFinal = true;
                        r = isFinal;
                    }
                    case "host", "originalhost", "user", "localuser", "exec", "tagged", "localnetwork" -> {
                        if (i + 1 >= a.size()) {
                            throw l.error("Match " + attr + " needs an argument");
                        }
                        String arg = a.get(++i);
                        r = switch (attr) {
                            case "host" -> Patterns.matchesList(lower(s.hostName == null ? host
                                    : Tokens.hostOnly(original).expand(s.hostName)), lower(arg));
                            case "originalhost" -> Patterns.matchesList(lower(original), lower(arg));
                            case "user" -> Patterns.matchesList(s.user != null ? s.user : local.name(), arg);
                            case "localuser" -> Patterns.matchesList(local.name(), arg);
                            default -> {
                                if (strict) {
                                    throw l.error("Match " + attr + " is not supported without the OpenSSH client"
                                            + " (install openssh-client so sopctl can ask ssh -G)");
                                }
                                yield false;
                            }
                        };
                    }
                    default -> throw l.error("Unsupported Match attribute " + attr);
                }
                result &= negate != r;
            }
            return result;
        }
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    private static String chain(Deque<ConfigLine> includedBy, ConfigLine last) {
        List<String> parts = new ArrayList<>();
        includedBy.descendingIterator().forEachRemaining(l -> parts.add(l.where()));
        parts.add(last.where());
        return String.join(" → ", parts);
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }

    private static List<Path> glob(Path pattern) {
        String name = pattern.getFileName().toString();
        if (!name.contains("*") && !name.contains("?") && !name.contains("[")) {
            return Files.exists(pattern) ? List.of(pattern) : List.of();
        }
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(pattern.getParent(), name)) {
            ds.forEach(out::add);
        } catch (IOException e) {
            return List.of(); // a missing folder matches nothing, as glob(3)
        }
        out.sort(null);
        return out;
    }
}
