package dev.sopctl.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sopctl ntp ...}: time synchronisation of the estate's hosts. */
@Command(name = "ntp", description = "Time synchronisation: check it, and sync hosts to the NTP server.")
final class NtpCommand {
    private NtpCommand() {}

    @Command(name = "check",
            description = {"Check time synchronisation (runbook time/ntp-check): sopctl reads each host's clock itself",
                "(date +%%s.%%N, several times; the shortest round trip counts) and compares every host with the median;",
                "then each host's daemon - ntpd (ntpq -pn), chrony (chronyc tracking/sources), systemd-timesyncd",
                "(timedatectl show): synchronised, peer, offset. No sync source: WARNING; skew over --warn/--crit:",
                "WARNING/CRITICAL; unreachable: UNKNOWN."},
            footer = {"", "Examples:",
                "  sopctl ntp check                          # every node",
                "  sopctl ntp check node1 node2 mastervm01   # these hosts against each other",
                "  sopctl ntp check --warn 50ms --crit 500ms -o json"})
    static final class Check implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "HOST", arity = "0..*",
                description = "Hosts to compare (names, or targets like role:mastervm, zone:zone-a, all); default every node.")
        List<String> hosts = List.of();

        @Option(names = "--warn", paramLabel = "DURATION", defaultValue = "100ms",
                description = "A skew or daemon offset over this is a WARNING (default ${DEFAULT-VALUE}).")
        String warn;

        @Option(names = "--crit", paramLabel = "DURATION", defaultValue = "1s",
                description = "A skew over this is CRITICAL (default ${DEFAULT-VALUE}).")
        String crit;

        @Override
        public Integer call() {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("targets", hosts.isEmpty() ? "role:node" : String.join(",", hosts));
            params.put("warn", warn);
            params.put("crit", crit);
            return RunbookInvoker.run(spec, "time/ntp-check", params);
        }
    }

    @Command(name = "sync",
            description = {"Synchronise hosts to the NTP server (runbook time/ntp-sync), the SOP's way: the server line in",
                "/etc/ntp.conf (or chrony's configuration; backed up once), then ntpd: stop, ntpdate -s SERVER, start;",
                "chrony: chronyc makestep. The server must answer first (nothing changes otherwise). systemd-timesyncd:",
                "NTP= in timesyncd.conf (backed up), a restart, and a wait until it synchronised with the server (else",
                "the old configuration is put back). A step over 1 s on a host that mounts OCFS2 needs the host's name",
                "typed. Then the clocks are compared again."},
            footer = {"", "Examples:",
                "  sopctl ntp sync node2 --dry-run            # the plan",
                "  sopctl ntp sync node2                      # to its zone's ntp_server",
                "  sopctl ntp sync --server 192.168.0.1       # every node to this server"})
    static final class Sync implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "HOST", arity = "0..*",
                description = "Hosts to synchronise (names or targets); default every node.")
        List<String> hosts = List.of();

        @Option(names = "--server", paramLabel = "IP", description = "The NTP server (default: each host's zone's ntp_server).")
        String server;

        @Override
        public Integer call() {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("targets", hosts.isEmpty() ? "role:node" : String.join(",", hosts));
            if (server != null) {
                params.put("server", server);
            }
            return RunbookInvoker.run(spec, "time/ntp-sync", params);
        }
    }
}
