package dev.sopctl.transport.ssh.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The keywords sopctl uses, as a pass over ssh_config files sets them: the first value wins. */
final class Settings {
    String hostName;
    ConfigLine hostNameAt;
    String user;
    Integer port;
    final List<String> identityFiles = new ArrayList<>();
    String identitiesOnly;
    String proxyJump;
    String proxyCommand;
    List<String> knownHosts;
    ConfigLine knownHostsAt;
    String strict;
    String identityAgent;
    ConfigLine identityAgentAt;
    String ignoreUnknown;

    boolean ignored(String keyword) {
        return ignoreUnknown != null && Patterns.matchesList(keyword, ignoreUnknown);
    }

    /** Applies one directive of an active block. {@code strict}: unknown keywords and bad values are errors. */
    void set(ConfigLine l, boolean strict) {
        List<String> a = l.args();
        String k = l.keyword();
        if (!Keywords.KNOWN.contains(k)) {
            if (strict && !ignored(k)) {
                throw l.error("Bad configuration option: " + k);
            }
            return;
        }
        if (a.isEmpty()) {
            if (strict) {
                throw l.error("no argument after keyword \"" + k + "\"");
            }
            return;
        }
        switch (k) {
            case "hostname" -> {
                single(l, strict);
                if (hostName == null) {
                    hostName = a.get(0);
                    hostNameAt = l;
                }
            }
            case "user" -> {
                single(l, strict);
                if (user == null) {
                    user = a.get(0);
                }
            }
            case "port" -> {
                single(l, strict);
                int p = port(l, strict);
                if (port == null && p > 0) {
                    port = p;
                }
            }
            case "identityfile" -> {
                single(l, strict);
                identityFiles.add(a.get(0)); // IdentityFile adds up: every one is tried
            }
            case "identitiesonly" -> {
                String v = yesNo(l, strict);
                if (identitiesOnly == null) {
                    identitiesOnly = v;
                }
            }
            case "proxyjump" -> {
                single(l, strict);
                if (proxyJump == null && proxyCommand == null) {
                    proxyJump = a.get(0); // ProxyJump and ProxyCommand exclude each other: the first one wins
                }
            }
            case "proxycommand" -> {
                if (proxyJump == null && proxyCommand == null) {
                    proxyCommand = String.join(" ", a);
                }
            }
            case "userknownhostsfile" -> {
                if (knownHosts == null) {
                    knownHosts = List.copyOf(a);
                    knownHostsAt = l;
                }
            }
            case "stricthostkeychecking" -> {
                String v = switch (a.get(0).toLowerCase(Locale.ROOT)) {
                    case "yes", "true" -> "true";
                    case "no", "false", "off" -> "false";
                    case "accept-new" -> "accept-new";
                    case "ask" -> "ask";
                    default -> {
                        if (strict) {
                            throw l.error("unsupported option \"" + a.get(0) + "\" for StrictHostKeyChecking");
                        }
                        yield null;
                    }
                };
                if (strict && a.size() > 1) {
                    throw l.error("keyword stricthostkeychecking extra arguments at end of line");
                }
                if (this.strict == null) {
                    this.strict = v;
                }
            }
            case "identityagent" -> {
                single(l, strict);
                if (identityAgent == null) {
                    identityAgent = a.get(0);
                    identityAgentAt = l;
                }
            }
            case "ignoreunknown" -> {
                if (ignoreUnknown == null) {
                    ignoreUnknown = String.join(",", a).toLowerCase(Locale.ROOT);
                }
            }
            default -> {
                // a keyword sopctl does not use: OpenSSH's own checks of its value are not repeated
            }
        }
    }

    private static void single(ConfigLine l, boolean strict) {
        if (strict && l.args().size() > 1) {
            throw l.error("keyword " + l.keyword() + " extra arguments at end of line");
        }
    }

    private static int port(ConfigLine l, boolean strict) {
        try {
            int p = Integer.parseInt(l.args().get(0));
            if (p >= 1 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        if (strict) {
            throw l.error("Bad port '" + l.args().get(0) + "'");
        }
        return -1;
    }

    private static String yesNo(ConfigLine l, boolean strict) {
        single(l, strict);
        String v = l.args().get(0).toLowerCase(Locale.ROOT);
        return switch (v) {
            case "yes", "true" -> "yes";
            case "no", "false" -> "no";
            default -> {
                if (strict) {
                    throw l.error("unsupported option \"" + l.args().get(0) + "\" for " + l.keyword());
                }
                yield null;
            }
        };
    }
}
