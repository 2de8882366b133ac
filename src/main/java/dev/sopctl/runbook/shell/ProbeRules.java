package dev.sopctl.runbook.shell;

import dev.sopctl.runbook.shell.ShellSyntax.Word;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Each command of the read-only allowlist and how it may be used. Commands with writing options
 * are judged on their arguments; for those, an argument the remote shell expands (a glob, a brace)
 * is refused too, since it could expand to such an option.
 */
final class ProbeRules {
    /** Why {@code args} make the command not read-only, or empty when they do not. */
    @FunctionalInterface
    private interface Rule {
        Optional<String> whyNot(String name, List<Word> args);
    }

    /** Commands that only read or print, whatever their arguments. */
    static final Set<String> ANY_ARGUMENTS = Set.of("cat", "zcat", "ls", "ps", "pgrep", "pidof", "grep", "egrep",
            "fgrep", "zgrep", "df", "du", "head", "tail", "wc", "uptime", "stat", "echo", "printf", "true", "false",
            "test", "uname", "id", "whoami", "w", "who", "free", "lsblk", "findmnt", "cut", "tr", "nl", "tac", "md5sum",
            "sha1sum", "sha256sum", "readlink", "realpath", "basename", "dirname", "lscpu", "lsmod", "vmstat",
            "netstat", "mounted.ocfs2", "lcdstatus", "mirror_status", "drbd-overview", "ntpstat", "getent", "nproc",
            "sleep", "lspci", "column");

    private static final Map<String, Rule> RULES = new TreeMap<>();

    static {
        for (String name : ANY_ARGUMENTS) {
            RULES.put(name, (n, args) -> Optional.empty());
        }
        RULES.put("hostname", options("-f -s -d -i -I -A -a -y --fqdn --long --short --domain --ip-address"
                + " --all-ip-addresses --all-fqdns --alias --nis", "a name (it would set the host name)"));
        RULES.put("date", ProbeRules::date);
        RULES.put("mount", options("-l", "arguments other than -l (it would mount)"));
        RULES.put("xl", subcommand(Set.of("list", "li", "info", "uptime", "vcpu-list", "network-list", "block-list",
                "pci-list", "cpupool-list", "domid", "domname", "dmesg"), Set.of("-c", "--clear")));
        RULES.put("drbdadm", subcommand(Set.of("status", "role", "cstate", "dstate", "show", "dump", "sh-resources"),
                Set.of()));
        RULES.put("crm", ProbeRules::crm);
        RULES.put("crm_mon", ProbeRules::crmMon);
        RULES.put("brctl", subcommand(Set.of("show", "showmacs", "showstp"), Set.of()));
        RULES.put("ip", ProbeRules::ip);
        RULES.put("ifconfig", ProbeRules::ifconfig);
        RULES.put("ntpq", ProbeRules::ntpq);
        RULES.put("chronyc", subcommand(Set.of("tracking", "sources", "sourcestats", "activity"), Set.of()));
        RULES.put("systemctl", subcommand(Set.of("status", "is-active", "is-enabled", "is-failed", "show", "list-units",
                "list-unit-files", "list-timers"), Set.of()));
        RULES.put("timedatectl", ProbeRules::timedatectl);
        RULES.put("service", (n, args) -> args.size() == 2 && plain(args) && args.get(1).text().equals("status")
                ? Optional.empty() : Optional.of("'service' with anything but 'NAME status' controls a service"));
        RULES.put("o2cb", (n, args) -> args.size() == 1 && plain(args) && args.get(0).text().equals("status")
                ? Optional.empty() : Optional.of("'o2cb' with anything but 'status' changes the cluster stack"));
        RULES.put("dmesg", without(Pattern.compile("-[^-]*[cCnDE].*|--(clear|read-clear|console-.*)(=.*)?"),
                "clears the kernel log or sets the console level"));
        RULES.put("journalctl", without(Pattern.compile("--(vacuum-.*|rotate|flush|sync|relinquish-var"
                + "|smart-relinquish-var|setup-keys|update-catalog)(=.*)?"), "changes the journal"));
        RULES.put("ss", without(Pattern.compile("-[^-]*K.*|--kill"), "closes sockets"));
        RULES.put("find", without(Pattern.compile("-(delete|exec|execdir|ok|okdir|fprint|fprint0|fprintf|fls)"),
                "deletes, runs commands or writes files"));
        RULES.put("sort", without(Pattern.compile("-[^-]*o.*|--output(=.*)?|--compress-program(=.*)?"),
                "writes a file or runs a program"));
        RULES.put("uniq", ProbeRules::uniq);
        RULES.put("ping", ProbeRules::ping);
        RULES.put("crontab", (n, args) -> plain(args) && args.stream().map(Word::text).toList().equals(List.of("-l"))
                || plain(args) && args.size() == 3 && args.get(0).text().equals("-u") && args.get(2).text().equals("-l")
                ? Optional.empty() : Optional.of("'crontab' without only -l edits a crontab"));
        RULES.put("sed", SedScripts::whyNot);
    }

    private ProbeRules() {}

    /** The names on the allowlist, sorted (for documentation and its test). */
    static Set<String> names() {
        return RULES.keySet();
    }

    /** {@code /etc/init.d/NAME status}: the SysV way to ask a service. */
    static boolean isInitScript(String path) {
        return path.matches("/etc/init\\.d/[A-Za-z0-9_.-]+");
    }

    static Optional<String> whyNotReadOnly(String name, List<Word> args) {
        if (isInitScript(name)) {
            return args.size() == 1 && plain(args) && args.get(0).text().equals("status") ? Optional.empty()
                    : Optional.of("'" + name + "' with anything but 'status' controls a service");
        }
        Rule rule = RULES.get(name);
        if (rule == null) {
            return Optional.of("'" + name + "' is not a known read-only command");
        }
        return rule.whyNot(name, args);
    }

    static boolean plain(List<Word> args) {
        return args.stream().noneMatch(Word::expands);
    }

    private static Optional<String> expanded(String name) {
        return Optional.of("an argument of '" + name + "' is expanded by the remote shell (a glob or brace),"
                + " so sopctl cannot check its options");
    }

    /** Only options from {@code allowed} (space-separated), no other word. */
    private static Rule options(String allowed, String refused) {
        Set<String> set = Set.of(allowed.split(" "));
        return (name, args) -> {
            if (!plain(args)) {
                return expanded(name);
            }
            return args.stream().anyMatch(a -> !set.contains(a.text()))
                    ? Optional.of("'" + name + "' with " + refused) : Optional.empty();
        };
    }

    /** A first word from {@code reads}, none of {@code refused} after it. */
    private static Rule subcommand(Set<String> reads, Set<String> refused) {
        return (name, args) -> {
            if (!plain(args)) {
                return expanded(name);
            }
            if (args.isEmpty() || !reads.contains(args.get(0).text())) {
                return Optional.of("'" + name + (args.isEmpty() ? "" : " " + args.get(0).text())
                        + "' is not one of its read-only forms (" + name + " " + String.join("|", new java.util.TreeSet<>(reads)) + ")");
            }
            return args.stream().skip(1).filter(a -> refused.contains(a.text())).findFirst()
                    .map(a -> "'" + name + " " + args.get(0).text() + " " + a.text() + "' changes state");
        };
    }

    /** Any arguments but those matching {@code writing}. */
    private static Rule without(Pattern writing, String what) {
        return (name, args) -> {
            if (!plain(args)) {
                return expanded(name);
            }
            return args.stream().filter(a -> writing.matcher(a.text()).matches()).findFirst()
                    .map(a -> "'" + name + " " + a.text() + "' " + what);
        };
    }

    private static Optional<String> date(String name, List<Word> args) {
        if (!plain(args)) {
            return expanded(name);
        }
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i).text();
            if (Set.of("-d", "--date", "-r", "--reference", "-f", "--file").contains(a)) {
                i++;
            } else if (a.equals("-s") || a.startsWith("--set") || a.startsWith("-s")) {
                return Optional.of("'date " + a + "' sets the clock");
            } else if (!a.startsWith("+") && !a.startsWith("-")) {
                return Optional.of("'date " + a + "' sets the clock");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> crm(String name, List<Word> args) {
        List<String> words = args.stream().map(Word::text).toList();
        if (!plain(args)) {
            return expanded(name);
        }
        if (words.equals(List.of("status")) || words.equals(List.of("configure", "show"))
                || words.size() >= 2 && words.get(0).equals("resource") && Set.of("status", "show", "list")
                        .contains(words.get(1)) && words.stream().noneMatch(w -> w.startsWith("-"))) {
            return Optional.empty();
        }
        return Optional.of("'crm " + String.join(" ", words) + "' is not one of its read-only forms"
                + " (crm status, crm resource status|show|list, crm configure show)");
    }

    private static Optional<String> crmMon(String name, List<Word> args) {
        if (!plain(args)) {
            return expanded(name);
        }
        Pattern shortFlags = Pattern.compile("-[1rfAnotRbsj]+");
        Set<String> longFlags = Set.of("--one-shot", "--inactive", "--failcounts", "--show-node-attributes",
                "--group-by-node", "--operations", "--timing-details", "--show-detail", "--brief", "--simple-status");
        boolean once = false;
        for (Word a : args) {
            String t = a.text();
            if (!shortFlags.matcher(t).matches() && !longFlags.contains(t)) {
                return Optional.of("'crm_mon " + t + "' is not one of its read-only options");
            }
            once |= t.equals("--one-shot") || t.equals("--simple-status") || !t.startsWith("--") && t.matches("-.*[1s].*");
        }
        return once ? Optional.empty() : Optional.of("'crm_mon' without -1 keeps running as a monitor");
    }

    private static Optional<String> ip(String name, List<Word> args) {
        if (!plain(args)) {
            return expanded(name);
        }
        Set<String> options = Set.of("-4", "-6", "-s", "-d", "-o", "-br", "-brief", "-c", "-color", "-j", "-json", "-p",
                "-pretty", "-details", "-stats", "-h", "-human");
        Set<String> objects = Set.of("addr", "address", "a", "link", "l", "route", "r", "ro", "neigh", "n", "neighbour",
                "rule", "ru", "maddr", "m");
        int i = 0;
        while (i < args.size() && options.contains(args.get(i).text())) {
            i++;
        }
        if (i >= args.size() || !objects.contains(args.get(i).text())) {
            return Optional.of("'ip " + args.stream().map(Word::text).reduce((a, b) -> a + " " + b).orElse("")
                    + "' is not one of its read-only forms (ip [-4|-6|-s|-br…] addr|link|route|neigh|rule [show|list|get …])");
        }
        if (i + 1 >= args.size() || Set.of("show", "list", "ls", "lst", "get").contains(args.get(i + 1).text())) {
            return Optional.empty();
        }
        return Optional.of("'ip " + args.get(i).text() + " " + args.get(i + 1).text() + "' is not 'show', 'list' or 'get'");
    }

    private static Optional<String> ifconfig(String name, List<Word> args) {
        if (!plain(args)) {
            return expanded(name);
        }
        long positional = args.stream().filter(a -> !a.text().startsWith("-")).count();
        boolean onlyShowOptions = args.stream().filter(a -> a.text().startsWith("-"))
                .allMatch(a -> Set.of("-a", "-s", "-v").contains(a.text()));
        return positional <= 1 && onlyShowOptions ? Optional.empty()
                : Optional.of("'ifconfig' with settings after the interface changes it");
    }

    private static Optional<String> ntpq(String name, List<Word> args) {
        if (!plain(args)) {
            return expanded(name);
        }
        Set<String> queries = Set.of("peers", "pe", "rv", "readvar", "as", "associations", "sysinfo", "sysstats",
                "lpeers", "opeers");
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i).text();
            if (a.equals("-c") && i + 1 < args.size() && queries.contains(args.get(i + 1).text())) {
                i++;
            } else if (a.startsWith("-") && !a.matches("-[pn46]+")) {
                return Optional.of("'ntpq " + a + "' is not one of its read-only options (-p, -n, -4, -6, -c peers|rv|as)");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> timedatectl(String name, List<Word> args) {
        if (!plain(args)) {
            return expanded(name);
        }
        return args.isEmpty() || Set.of("status", "show", "timesync-status", "show-timesync")
                .contains(args.get(0).text()) ? Optional.empty()
                : Optional.of("'timedatectl " + args.get(0).text() + "' changes the clock settings");
    }

    private static Optional<String> uniq(String name, List<Word> args) {
        if (!plain(args)) {
            return expanded(name);
        }
        return args.stream().filter(a -> !a.text().startsWith("-")).count() > 1
                ? Optional.of("'uniq INPUT OUTPUT' writes OUTPUT") : Optional.empty();
    }

    private static Optional<String> ping(String name, List<Word> args) {
        if (!plain(args)) {
            return expanded(name);
        }
        boolean counted = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i).text();
            if (Set.of("-c", "-W", "-w", "-I").contains(a)) {
                counted |= a.equals("-c");
                i++;
            } else if (a.matches("-c[0-9]+")) {
                counted = true;
            } else if (a.startsWith("-") && !Set.of("-q", "-n", "-4", "-6").contains(a)) {
                return Optional.of("'ping " + a + "' is not one of its plain options (-c N, -W N, -w N, -I IF, -q, -n)");
            }
        }
        return counted ? Optional.empty() : Optional.of("'ping' without -c COUNT does not end");
    }
}
