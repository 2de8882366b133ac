package dev.sopctl.runbook;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Knows the commands of the estate that change state, so that validation can refuse a step marked
 * {@code probe} whose command would change something (DESIGN §5). Conservative by design: it looks
 * at the command as written in the runbook (substitutions replaced by a placeholder) and answers
 * with the reason it thinks the command changes state.
 */
public final class ChangeDetector {
    private static final Set<String> ALWAYS = Set.of(
            "reboot", "halt", "poweroff", "shutdown", "umount", "dd", "rm", "rmdir", "mv", "cp", "scp", "rsync",
            "kill", "pkill", "killall", "mkfs", "mkfs.ocfs2", "mkfs.ext4", "mkfs.xfs", "fdisk", "parted",
            "perform_action", "lkstart", "lkstop", "flg_create", "flg_remove", "lcdremexec", "mirror_action",
            "ntpdate", "hwclock", "ifup", "ifdown", "tee", "truncate", "touch", "mkdir", "chmod", "chown",
            "ln", "useradd", "userdel", "passwd", "sync", "exportfs", "o2cb_ctl", "mount.ocfs2", "wall");
    /** Subcommands (first argument) that only read, for tools that mostly change. */
    private static final Set<String> XL_READ = Set.of("list", "info", "uptime", "dmesg", "vcpu-list", "network-list",
            "block-list", "dominfo", "domid", "domname", "sched-credit", "top", "pci-list", "cpupool-list", "help");
    private static final Set<String> DRBDADM_READ = Set.of("status", "role", "cstate", "dstate", "show", "dump",
            "sh-resources", "sh-dev", "show-gi", "get-gi", "--version", "-V");
    private static final Set<String> SERVICE_VERBS = Set.of("start", "stop", "restart", "reload", "force-reload",
            "enable", "disable", "online", "offline", "standby", "cleanup", "move", "migrate", "ban", "promote",
            "demote", "unmanage", "manage");
    /** chronyc commands that step the clock or change chronyd's sources and settings. */
    private static final Set<String> CHRONYC_CHANGES = Set.of("makestep", "settime", "add", "delete", "burst", "online",
            "offline", "reload", "reselect", "local", "manual", "maxpoll", "minpoll", "maxdelay", "polltarget",
            "writertc", "trimrtc", "cyclelogs", "dump", "reset", "shutdown", "smoothing", "allow", "deny");
    /** crm_resource options that act on a resource (the rest list, locate or show). */
    private static final Set<String> CRM_RESOURCE_CHANGES = Set.of("-C", "--cleanup", "-R", "--refresh", "-M", "--move",
            "-B", "--ban", "-U", "--clear", "-p", "--set-parameter", "-d", "--delete-parameter", "--restart",
            "--force-start", "--force-stop", "--force-promote", "--force-demote", "-D", "--delete", "--set-property");
    private static final Set<String> CIBADMIN_CHANGES = Set.of("-C", "--create", "-D", "--delete", "-M", "--modify",
            "-R", "--replace", "-E", "--erase", "-P", "--patch", "-B", "--bump", "-u", "--upgrade");
    /** crm configure subcommands that only show or check. */
    private static final Set<String> CRM_CONFIGURE_READ = Set.of("show", "verify", "ptest", "simulate", "help");
    /** Commands that only read or print, whatever words they are given ('grep restart log'). */
    private static final Set<String> READ_ONLY = Set.of("grep", "egrep", "fgrep", "zgrep", "cat", "zcat", "less",
            "head", "tail", "wc", "ls", "stat", "df", "du", "ps", "pgrep", "echo", "printf", "test", "[");
    private static final Pattern SEPARATORS = Pattern.compile("\\|\\||&&|[;|&\\n]");
    /** {@code >}, {@code >>}, {@code 2>}, {@code &>} to a file; not to /dev/null, not fd duplication ({@code 2>&1}). */
    private static final Pattern WRITE_REDIRECT = Pattern.compile(">>?\\s*(?!/dev/null|&)\\S");
    /** {@code $(...)} and backquoted commands: what they run counts too. */
    private static final Pattern SUBSTITUTION = Pattern.compile("\\$\\(([^()]*)\\)|`([^`]*)`");
    private static final Set<String> SHELLS = Set.of("sh", "bash", "dash", "ksh", "zsh", "busybox");
    private static final Set<String> SSH_OPTIONS_WITH_VALUE = Set.of("-p", "-i", "-o", "-l", "-F", "-J", "-b", "-c",
            "-E", "-e", "-m", "-O", "-Q", "-S", "-W", "-w", "-D", "-L", "-R", "-B", "-I");
    private static final Set<String> XARGS_OPTIONS_WITH_VALUE = Set.of("-I", "-n", "-P", "-L", "-d", "-s", "-a", "-E",
            "-i", "-l");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{.*?}}", Pattern.DOTALL);

    private ChangeDetector() {}

    /** Why {@code command} changes state, or empty when it is not known to. */
    public static Optional<String> whyChange(String command) {
        String text = PLACEHOLDER.matcher(command).replaceAll("X");
        if (WRITE_REDIRECT.matcher(text.replaceAll("'[^']*'|\"[^\"]*\"", "''")).find()) {
            return Optional.of("it writes a file with '>'");
        }
        java.util.regex.Matcher sub = SUBSTITUTION.matcher(text);
        while (sub.find()) {
            String inner = sub.group(1) != null ? sub.group(1) : sub.group(2);
            Optional<String> why = whyChange(inner);
            if (why.isPresent()) {
                return why;
            }
        }
        for (String part : SEPARATORS.split(text)) {
            List<String> words = words(part);
            Optional<String> why = whyChange(words);
            if (why.isPresent()) {
                return why;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> whyChange(List<String> words) {
        while (!words.isEmpty() && (words.get(0).contains("=") && !words.get(0).startsWith("-")
                || Set.of("sudo", "nohup", "nice", "timeout", "env", "exec", "command", "time").contains(words.get(0)))) {
            words = words.subList(1, words.size());
        }
        if (words.isEmpty()) {
            return Optional.empty();
        }
        String cmd = words.get(0);
        String base = cmd.substring(cmd.lastIndexOf('/') + 1);
        List<String> args = words.subList(1, words.size());
        String first = args.isEmpty() ? "" : args.get(0);
        Optional<String> nested = nested(base, args);
        if (nested != null) {
            return nested;
        }
        if (READ_ONLY.contains(base)) {
            return Optional.empty();
        }
        if (base.equals("ntpdate") && args.contains("-q")) {
            return Optional.empty(); // query only: prints the offset, sets nothing
        }
        if (ALWAYS.contains(base) || base.startsWith("mkfs")) {
            return Optional.of("'" + base + "' changes state");
        }
        switch (base) {
            case "xl":
                return XL_READ.contains(first) || first.isEmpty()
                        ? Optional.empty() : Optional.of("'xl " + first + "' changes a domain");
            case "drbdadm":
            case "drbdsetup":
                return args.stream().anyMatch(DRBDADM_READ::contains) || first.isEmpty()
                        ? Optional.empty() : Optional.of("'" + base + " " + first + "' changes DRBD state");
            case "mount":
                return withoutOptionValues(args, Set.of("-t", "-O")).stream().anyMatch(a -> !a.startsWith("-"))
                        ? Optional.of("'mount' with a target mounts a file system") : Optional.empty();
            case "crontab":
                return args.contains("-l") ? Optional.empty() : Optional.of("'crontab' without -l edits a crontab");
            case "ip":
                return args.stream().anyMatch(a -> Set.of("add", "del", "delete", "set", "change", "replace",
                        "flush").contains(a)) ? Optional.of("'ip' changes the network") : Optional.empty();
            case "route":
                return args.stream().anyMatch(a -> Set.of("add", "del", "flush").contains(a))
                        ? Optional.of("'route " + first + "' changes the routing table") : Optional.empty();
            case "ifconfig":
                // 'ifconfig' and 'ifconfig IFACE' only show; anything after the interface sets it
                return args.stream().filter(a -> !a.startsWith("-")).count() > 1
                        ? Optional.of("'ifconfig' with settings changes an interface") : Optional.empty();
            case "brctl":
                return Set.of("addbr", "delbr", "addif", "delif", "stp", "setageing").contains(first)
                        ? Optional.of("'brctl " + first + "' changes a bridge") : Optional.empty();
            case "lkpolicy":
                return args.stream().anyMatch(a -> a.startsWith("--set"))
                        ? Optional.of("'lkpolicy --set-policy' changes a LifeKeeper policy") : Optional.empty();
            case "chronyc":
                return withoutOptionValues(args, Set.of("-h", "-p")).stream().filter(a -> !a.startsWith("-")).findFirst()
                        .filter(CHRONYC_CHANGES::contains).map(c -> "'chronyc " + c + "' changes chronyd or the clock");
            case "timedatectl":
                return first.startsWith("set-") ? Optional.of("'timedatectl " + first + "' changes the clock or its service")
                        : Optional.empty();
            case "date":
                return args.stream().anyMatch(a -> a.equals("-s") || a.startsWith("--set"))
                        ? Optional.of("'date -s' sets the clock") : Optional.empty();
            case "sed":
                return args.stream().anyMatch(a -> a.startsWith("-i"))
                        ? Optional.of("'sed -i' edits a file") : Optional.empty();
            case "crm_resource":
                return args.stream().anyMatch(CRM_RESOURCE_CHANGES::contains)
                        ? Optional.of("'crm_resource " + first + "' changes a cluster resource") : Optional.empty();
            case "crm_attribute":
                return args.stream().anyMatch(a -> Set.of("-v", "--update", "-D", "--delete").contains(a)
                        || a.startsWith("--update=")) ? Optional.of("'crm_attribute' sets a cluster attribute") : Optional.empty();
            case "cibadmin":
                return args.stream().anyMatch(CIBADMIN_CHANGES::contains)
                        ? Optional.of("'cibadmin " + first + "' changes the cluster configuration") : Optional.empty();
            case "crm":
                if (first.equals("configure") && args.size() > 1 && !CRM_CONFIGURE_READ.contains(args.get(1))) {
                    return Optional.of("'crm configure " + args.get(1) + "' changes the cluster configuration");
                }
                return serviceVerb(base, args);
            case "pcs":
            case "systemctl":
            case "service":
            default:
                return serviceVerb(base, args);
        }
    }

    private static Optional<String> serviceVerb(String base, List<String> args) {
        for (String a : args) {
            if (SERVICE_VERBS.contains(a)) {
                return Optional.of("'" + base + " … " + a + "' changes a service");
            }
        }
        return Optional.empty();
    }

    /** {@code args} without the value that follows each of {@code options} ({@code -t ocfs2}). */
    private static List<String> withoutOptionValues(List<String> args, Set<String> options) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            out.add(args.get(i));
            if (options.contains(args.get(i))) {
                i++;
            }
        }
        return out;
    }

    /**
     * For commands that run another command (sh -c, su -c, ssh HOST, xargs, find -exec/-delete):
     * whether that one changes state; null when {@code base} is not such a command.
     */
    private static Optional<String> nested(String base, List<String> args) {
        if (SHELLS.contains(base) || base.equals("su") || base.equals("runuser")) {
            int c = args.indexOf("-c");
            return c < 0 || c + 1 >= args.size() ? null : whyChange(String.join(" ", args.subList(c + 1, args.size())));
        }
        if (base.equals("ssh")) {
            int i = 0;
            while (i < args.size() && args.get(i).startsWith("-")) {
                i += SSH_OPTIONS_WITH_VALUE.contains(args.get(i)) ? 2 : 1;
            }
            return i + 1 >= args.size() ? Optional.empty() : whyChange(String.join(" ", args.subList(i + 1, args.size())));
        }
        if (base.equals("xargs")) {
            int i = 0;
            while (i < args.size() && args.get(i).startsWith("-")) {
                i += XARGS_OPTIONS_WITH_VALUE.contains(args.get(i)) ? 2 : 1;
            }
            return i >= args.size() ? Optional.empty() : whyChange(args.subList(i, args.size()));
        }
        if (base.equals("find")) {
            if (args.contains("-delete")) {
                return Optional.of("'find -delete' removes files");
            }
            for (int i = 0; i < args.size(); i++) {
                if (Set.of("-exec", "-execdir", "-ok", "-okdir").contains(args.get(i))) {
                    int end = i + 1;
                    while (end < args.size() && !args.get(end).equals(";") && !args.get(end).equals("\\;")
                            && !args.get(end).equals("+")) {
                        end++;
                    }
                    Optional<String> why = whyChange(args.subList(i + 1, end));
                    if (why.isPresent()) {
                        return why;
                    }
                }
            }
            return Optional.empty();
        }
        return null;
    }

    private static List<String> words(String part) {
        List<String> out = new ArrayList<>();
        for (String w : part.trim().split("\\s+")) {
            if (!w.isEmpty()) {
                out.add(w.replace("'", "").replace("\"", ""));
            }
        }
        return out;
    }
}
