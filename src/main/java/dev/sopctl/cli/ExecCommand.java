package dev.sopctl.cli;

import dev.sopctl.engine.AdHocRunbooks;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sopctl exec --on TARGET -- COMMAND}: an ad-hoc command, transcripted like any run. */
@Command(name = "exec",
        description = {"Run an ad-hoc command on hosts, roles, zones or clusters (or all), in parallel;",
            "output grouped by host. As with ssh, the words after -- are joined with spaces and run by the",
            "remote shell. It runs at once only when every part of it is a known read-only probe (cat, ls, ps,",
            "grep, df, mount, xl list, crm status, drbdadm status, ip addr, ntpq -p, ...: README 'Ad-hoc commands');",
            "anything else asks for a confirmation showing the exact command and hosts, or needs --yes."},
        footer = {"", "Examples:",
            "  sopctl exec --on role:node -- xl list",
            "  sopctl exec --on node1 -- 'mount | grep /data'",
            "  sopctl exec --on all -o json -- uptime"})
final class ExecCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--on", required = true, paramLabel = "TARGET",
            description = "host, all, role:ROLE, zone:ZONE, cluster:CLUSTER; comma-separated.")
    String target;

    @Option(names = "--as", paramLabel = "USER", description = "Run as this user (su - USER, or sudo per inventory).")
    String as;

    @Parameters(paramLabel = "COMMAND", arity = "1..*", description = "The command (after --).")
    List<String> words;

    @Override
    public Integer call() {
        String command = String.join(" ", words);
        return RunbookInvoker.run(spec, AdHocRunbooks.exec(command, as), Map.of("target", target), true);
    }
}
