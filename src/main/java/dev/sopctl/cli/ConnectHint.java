package dev.sopctl.cli;

import java.util.Set;

/**
 * A guess, from the raw arguments before any parsing, whether this command will open SSH
 * connections, so {@link dev.sopctl.Main} can get the SSH stack ready on another core while the
 * command line is still being parsed. A wrong guess costs either CPU on that core (a warm-up never
 * used) or the time the warm-up would have saved; it never changes what the command does.
 */
public final class ConnectHint {
    /** Commands and options after which nothing connects: help, versions, plans, local files. */
    private static final Set<String> LOCAL = Set.of("help", "completion", "transcript", "runbooks", "--help", "-h",
            "--version", "-V", "--dry-run", "-n");
    /** inventory's subcommands that only read the inventory file. */
    private static final Set<String> LOCAL_INVENTORY = Set.of("list", "export");

    private ConnectHint() {}

    public static boolean mayConnect(String... args) {
        if (args.length == 0) {
            return false;
        }
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                return true; // what follows belongs to the remote command
            }
            if (LOCAL.contains(a)) {
                return false;
            }
            if (a.equals("inventory") && i + 1 < args.length && LOCAL_INVENTORY.contains(args[i + 1])) {
                return false;
            }
        }
        return true;
    }
}
