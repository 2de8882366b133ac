package dev.sopctl.engine;

import dev.sopctl.testing.ScriptedTransport;
import dev.sopctl.transport.ExecResult;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A DRBD + NFS pair (nas1, nas2) for engine tests: each member's role, mount and NFS, changed by the
 * commands the switchover runbook sends, with DRBD's own refusals (a mounted device cannot be
 * demoted, a second primary is refused, only a primary mounts).
 */
final class DrbdPairModel {
    static final class Node {
        volatile String role;
        volatile boolean mounted;
        volatile boolean nfs;

        Node(String role, boolean mounted, boolean nfs) {
            this.role = role;
            this.mounted = mounted;
            this.nfs = nfs;
        }

        boolean serving() {
            return role.equals("Primary") && mounted && nfs;
        }
    }

    final Map<String, Node> nodes = new ConcurrentHashMap<>();
    /** When set, 'drbdadm primary' on this host fails as DRBD does without up-to-date data. */
    volatile String refusePrimaryOn;

    DrbdPairModel(String primary) {
        for (String n : new String[] {"nas1", "nas2"}) {
            boolean p = n.equals(primary);
            nodes.put(n, new Node(p ? "Primary" : "Secondary", p, p));
        }
    }

    Node node(String name) {
        return nodes.get(name);
    }

    private String peer(String name) {
        return name.equals("nas1") ? "nas2" : "nas1";
    }

    void script(ScriptedTransport t) {
        for (String n : nodes.keySet()) {
            Node me = nodes.get(n);
            t.on(n, "drbdadm role data$", (h, c) -> ok(me.role + "/" + node(peer(n)).role + "\n"));
            t.on(n, "drbdadm secondary data$", (h, c) -> {
                if (me.mounted) {
                    return fail(11, "0: State change failed: (-12) Device is held open by someone");
                }
                me.role = "Secondary";
                return ok("");
            });
            t.on(n, "drbdadm primary data$", (h, c) -> {
                if (n.equals(refusePrimaryOn)) {
                    return fail(11, "0: State change failed: (-2) Need access to UpToDate data");
                }
                if (node(peer(n)).role.equals("Primary") && !me.role.equals("Primary")) {
                    return fail(11, "0: State change failed: (-1) Multiple primaries not allowed by config");
                }
                me.role = "Primary";
                return ok("");
            });
            t.on(n, "umount /data$", (h, c) -> {
                if (!me.mounted) {
                    return fail(32, "umount: /data: not mounted.");
                }
                me.mounted = false;
                return ok("");
            });
            t.on(n, "mount /dev/drbd0 /data$", (h, c) -> {
                if (!me.role.equals("Primary")) {
                    return fail(32, "mount: /data: mount(2) system call failed: Wrong medium type.");
                }
                me.mounted = true;
                return ok("");
            });
            t.on(n, "/etc/init.d/nfs stop && /etc/init.d/nfslock stop && /etc/init.d/rpcbind stop$", (h, c) -> {
                me.nfs = false;
                return ok("");
            });
            t.on(n, "/etc/init.d/rpcbind start && /etc/init.d/nfslock start && /etc/init.d/nfs start$", (h, c) -> {
                me.nfs = true;
                return ok("");
            });
            t.on(n, "drbdadm role data && mount && /etc/init.d/nfs status$", (h, c) ->
                    ok(me.role + "/" + node(peer(n)).role + "\n"));
        }
    }

    private static ExecResult ok(String out) {
        return new ExecResult(0, out, "", false, Duration.ofMillis(3));
    }

    private static ExecResult fail(int status, String err) {
        return new ExecResult(status, "", err + "\n", false, Duration.ofMillis(3));
    }

}
