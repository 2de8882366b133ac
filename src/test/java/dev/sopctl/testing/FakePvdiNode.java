package dev.sopctl.testing;

import dev.sopctl.transport.ExecResult;
import dev.sopctl.transport.TransportException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * A PVDI node in memory for engine tests of the node-shutdown SOP: domains, the /data mount, a
 * boot id; {@code xl shutdown} takes two looks at {@code xl list} to finish, {@code reboot} drops
 * the connection and the node stays unreachable for a few attempts, then comes back with a new boot
 * id, /data unmounted and no master VM.
 */
public final class FakePvdiNode {
    private final String name;
    private final Set<String> domains = new LinkedHashSet<>();
    private final boolean sharedStorage;
    private boolean dataMounted;
    private String bootId = UUID.randomUUID().toString();
    private String stopping;
    private int stoppingLooks;
    private int downAttempts;
    private boolean halted;
    private boolean stuckMasterVm;

    /** @param sharedStorage /data is OCFS2 on a SAN (mounted now), else a local folder */
    public FakePvdiNode(String name, boolean sharedStorage, String... running) {
        this.name = name;
        this.sharedStorage = sharedStorage;
        this.dataMounted = sharedStorage;
        domains.add("Domain-0");
        domains.addAll(java.util.List.of(running));
    }

    /** The master VM ignores xl shutdown (a hung guest). */
    public FakePvdiNode stuck() {
        stuckMasterVm = true;
        return this;
    }

    public boolean dataMounted() {
        return dataMounted;
    }

    public Set<String> domains() {
        return Set.copyOf(domains);
    }

    public boolean halted() {
        return halted;
    }

    /** Installs this node's behaviour into a scripted transport. */
    public ScriptedTransport install(ScriptedTransport t) {
        t.on(name, ".*", (h, c) -> answer(c));
        return t;
    }

    private synchronized ExecResult answer(String command) throws TransportException {
        if (halted) {
            throw new TransportException(name, TransportException.Kind.UNREACHABLE, name + ": connection refused");
        }
        if (downAttempts > 0) {
            downAttempts--;
            throw new TransportException(name, TransportException.Kind.UNREACHABLE, name + ": connection refused");
        }
        if (command.equals("xl list")) {
            if (stopping != null && !stuckMasterVm && ++stoppingLooks >= 2) {
                domains.remove(stopping);
                stopping = null;
            }
            return ok(xlList());
        }
        if (command.startsWith("xl shutdown ")) {
            stopping = command.substring("xl shutdown ".length());
            stoppingLooks = 0;
            return new ExecResult(0, "", "Shutting down domain 3\n", false, Duration.ofMillis(20));
        }
        if (command.equals("cat /proc/sys/kernel/random/boot_id")) {
            return ok(bootId + "\n");
        }
        if (command.equals("umount /data")) {
            dataMounted = false;
            return ok("");
        }
        if (command.equals("mount")) {
            return ok("/dev/sda1 on / type ext4 (rw)\n" + (dataMounted
                    ? "/dev/mapper/mpatha on /data type ocfs2 (rw,_netdev,heartbeat=local)\n" : ""));
        }
        if (command.equals("mount | grep -q ' on /data ' || mount /data")) {
            dataMounted = true;
            return ok("");
        }
        if (command.equals("reboot")) {
            bootId = UUID.randomUUID().toString();
            domains.removeIf(d -> !d.equals("Domain-0"));
            dataMounted = false;
            downAttempts = 3;
            throw new TransportException(name, TransportException.Kind.DISCONNECTED, name + ": connection closed by peer");
        }
        if (command.equals("halt")) {
            halted = true;
            throw new TransportException(name, TransportException.Kind.DISCONNECTED, name + ": connection closed by peer");
        }
        if (command.startsWith("cd /data && xl create ")) {
            String cfg = command.substring("cd /data && xl create ".length());
            String vm = cfg.substring(cfg.lastIndexOf('/') + 1).replace(".cfg", "");
            if (sharedStorage && !dataMounted) {
                return new ExecResult(1, "", "Failed to read config file: " + cfg + ": No such file or directory\n",
                        false, Duration.ZERO);
            }
            domains.add(vm);
            return new ExecResult(0, "", "Parsing config from " + cfg + "\n", false, Duration.ofMillis(30));
        }
        return new ExecResult(127, "", "sh: 1: " + command + ": not found\n", false, Duration.ZERO);
    }

    private String xlList() {
        StringBuilder sb = new StringBuilder("Name                                        ID   Mem VCPUs\tState\tTime(s)\n");
        int id = 0;
        for (String d : domains) {
            sb.append(String.format("%-40s %5d %5d %5d     %s  %8.1f%n", d, id, d.equals("Domain-0") ? 4096 : 2048,
                    d.equals("Domain-0") ? 8 : 2, d.equals("Domain-0") ? "r-----" : "-b----", 12.5 * (id + 1)));
            id = id == 0 ? 3 : id + 1;
        }
        return sb.toString();
    }

    private static ExecResult ok(String stdout) {
        return new ExecResult(0, stdout, "", false, Duration.ofMillis(10));
    }
}
