package dev.sopctl.engine;

import static dev.sopctl.engine.RunResults.on;
import static dev.sopctl.engine.RunResults.stepsWith;
import static dev.sopctl.testing.PvdiSamples.CRM_LIST_DBFS_STOPPED;
import static dev.sopctl.testing.PvdiSamples.CRM_LIST_HEALTHY;
import static dev.sopctl.testing.PvdiSamples.PS_MASTERVM2;
import static dev.sopctl.testing.PvdiSamples.without;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.ExitCode;
import dev.sopctl.runbook.Runbook;
import dev.sopctl.testing.ScriptedTransport.Reply;
import dev.sopctl.transport.TransportException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * pvdi/mastervm-check on the example estate's two PVDI2 master VMs, single and HA (cluster
 * mastervm-ha, asked on whichever member answers): daemons, DB dumps and their logs, the resource
 * group, a member down, and fix=true starting only what is stopped, confirmed, then checked again.
 */
class PvdiMastervmCheckRunbookTest {
    private static final Runbook RUNBOOK = EngineHarness.packaged("pvdi/mastervm-check");

    private static final String BACKUP_AGE = "date +%s && find /home/orchard/db_backup -maxdepth 1 -type f -printf '%T@ %f\\n'"
            + " | sort -n | tail -n 1 | grep . || echo '0 none'";
    private static final String BACKUP_LOG = "f=$(ls -1 /home/orchard/pvdi/var/log/db_backup/db_backup_*.log | tail -n 1);"
            + " echo \"log ${f:-none}\"; test -z \"$f\" || grep -i error \"$f\" || true";
    private static final String VERSION = "cat /home/orchard/pvdi/docs/VERSION";
    private static final String START_RESOURCES = "crm --wait resource start DBFS Links Dbase";
    private static final String START_GRAPHITE = "su - orchard -c 'cd ~/pvdi/scripts && ./graphite_was start'";
    /** The daemons (one ps -ef) and the two backup checks; the version is read last. */
    private static final List<String> CHECKS = List.of("ps -ef", BACKUP_AGE, BACKUP_LOG);
    private static final List<String> PROBES = concat(CHECKS, List.of(VERSION));
    private static final long NOW = 1_795_420_800L;
    private static final String LOG = "/home/orchard/pvdi/var/log/db_backup/db_backup_20261123.log";
    private static final String MYSQL_DOWN = "[2026-11-23 01:00:01] ERROR: mysqldump: Got error: 2002: Can't connect to local"
            + " MySQL server through socket '/var/run/mysqld/mysqld.sock' (2) when trying to connect";
    /** mastervm01 down: mastervm02 promoted, mastervm01's r0 instance Stopped. */
    private static final String CRM_LIST_MASTERVM01_DOWN = CRM_LIST_HEALTHY.replace("Promoted: [ mastervm01 ]",
            "Promoted: [ mastervm02 ]").replace("Unpromoted: [ mastervm02 ]", "Stopped: [ mastervm01 ]");

    private final EngineHarness h = new EngineHarness();

    @BeforeEach
    void healthyMasterVms() {
        h.answer(ConfirmAnswer.YES);
        for (String vm : List.of("mastervm01", "mastervm02")) {
            h.transport.on(vm, "^crm resource status$", Reply.ok(CRM_LIST_HEALTHY));
            h.transport.on(vm, "^ps -ef$", Reply.ok(PS_MASTERVM2));
            h.transport.on(vm, "^date \\+%s && find /home/orchard/db_backup ", Reply.ok(NOW + "\n"
                    + (NOW - 2 * 3600) + ".4810000000 pvdi_20261123.sql.gz\n"));
            h.transport.on(vm, "^f=\\$\\(ls -1 /home/orchard/pvdi/var/log/db_backup/", Reply.ok("log " + LOG + "\n"));
            h.transport.on(vm, "^cat /home/orchard/pvdi/docs/VERSION$", Reply.ok("2.3.1\n"));
        }
    }

    @Test
    void healthyHaMasterVmsPassAndTheActiveMasterIsNamed() {
        RunResult r = h.run(RUNBOOK, Map.of("cluster", "mastervm-ha"));

        assertThat(r.exitCode()).as(r.message()).isEqualTo(ExitCode.OK);
        // the HA checks ask one member (the SOP: either will do); one ps -ef per master VM
        assertThat(h.commands("mastervm01")).containsExactlyElementsOf(concat(List.of("crm resource status"), PROBES));
        assertThat(h.commands("mastervm02")).containsExactlyElementsOf(PROBES);
        assertThat(on(r, "check-cluster-resources", "mastervm01").message()).isEqualTo("active master mastervm01");
        assertThat(on(r, "check-cluster-resources", "mastervm02").outcome().id()).isEqualTo("skipped");
        assertThat(on(r, "read-version", "mastervm02").message()).isEqualTo("PVDI 2.3.1");
    }

    @Test
    void aMemberDownIsAWarningNamingTheActiveMasterAndTheOtherMemberIsAskedAndChecked() {
        h.transport.on("mastervm01", ".*", Reply.fail(TransportException.Kind.UNREACHABLE));
        h.transport.on("mastervm02", "^crm resource status$", Reply.ok(CRM_LIST_MASTERVM01_DOWN));

        RunResult r = h.run(RUNBOOK, Map.of("cluster", "mastervm-ha"));

        assertThat(r.exitCode()).as(r.message()).isEqualTo(ExitCode.WARNING);
        assertThat(on(r, "check-cluster-resources", "mastervm02")).satisfies(x -> {
            assertThat(x.outcome().id()).isEqualTo("warning");
            assertThat(x.message()).isEqualTo("mastervm01 down or OFFLINE: serving without redundancy, active master mastervm02");
        });
        assertThat(on(r, "check-cluster-resources", "mastervm01").outcome().id()).isEqualTo("skipped");
        assertThat(h.commands("mastervm02")).containsExactlyElementsOf(concat(List.of("crm resource status"), PROBES));
        // mastervm01 was tried once, for the cluster, and left out of the checks after it
        assertThat(h.commands("mastervm01")).containsExactly("crm resource status");
        assertThat(r.message()).contains("serving without redundancy, active master mastervm02");
    }

    @Test
    void aSingleMasterVmHasNoClusterChecks() {
        RunResult r = h.run(RUNBOOK, Map.of());

        assertThat(r.exitCode()).as(r.message()).isEqualTo(ExitCode.OK);
        assertThat(h.commands("mastervm01")).containsExactlyElementsOf(PROBES);
        assertThat(on(r, "check-cluster-resources", "mastervm01").outcome().id()).isEqualTo("skipped");
    }

    @Test
    void stoppedResourcesAreNamed() {
        h.transport.on("mastervm01", "^crm resource status$", Reply.ok(CRM_LIST_DBFS_STOPPED));

        RunResult r = h.run(RUNBOOK, Map.of("cluster", "mastervm-ha"));

        assertThat(r.exitCode()).isEqualTo(ExitCode.CRITICAL);
        assertThat(on(r, "check-cluster-resources", "mastervm01")).satisfies(x -> {
            assertThat(x.outcome().id()).isEqualTo("guard-failed");
            assertThat(x.message()).isEqualTo("resources of group DBServer not started: DBFS, Links, Dbase");
            assertThat(x.hint()).isEqualTo("start them with 'crm resource start RSC' (or --fix)");
        });
        assertThat(r.message()).isEqualTo("step 'check-cluster-resources' on mastervm01:"
                + " resources of group DBServer not started: DBFS, Links, Dbase");
        assertThat(h.transport.log()).noneMatch(l -> l.contains("resource start"));
    }

    @Test
    void noPromotedMasterIsNamed() {
        h.transport.on("mastervm01", "^crm resource status$", Reply.ok(without(CRM_LIST_HEALTHY, " Promoted: ")));

        RunResult r = h.run(RUNBOOK, Map.of("cluster", "mastervm-ha"));

        assertThat(r.exitCode()).isEqualTo(ExitCode.CRITICAL);
        assertThat(on(r, "check-cluster-resources", "mastervm01")).satisfies(x -> {
            assertThat(x.message()).isEqualTo("no master VM is promoted (active) in cluster mastervm-ha");
            assertThat(x.hint()).isEqualTo("look at 'crm status' on mastervm01: the ms_r0 set has no Master/Promoted instance");
        });
    }

    @Test
    void fixStartsTheStoppedResourcesOnceAndChecksThemAgain() {
        h.transport.on("mastervm01", "^crm resource status$", Reply.ok(CRM_LIST_DBFS_STOPPED));
        h.transport.on("mastervm01", "^crm --wait resource start ", (host, c) -> {
            h.transport.on("mastervm01", "^crm resource status$", Reply.ok(CRM_LIST_HEALTHY));
            return Reply.ok("").answer(host, c);
        });

        RunResult r = h.run(RUNBOOK, Map.of("cluster", "mastervm-ha", "fix", "true"));

        assertThat(r.exitCode()).as(r.message()).isEqualTo(ExitCode.OK);
        assertThat(h.commands("mastervm01")).containsExactlyElementsOf(concat(List.of("crm resource status",
                START_RESOURCES, "crm resource status"), PROBES));
        assertThat(h.commands("mastervm02")).containsExactlyElementsOf(PROBES);
        assertThat(h.asked).singleElement().satisfies(q -> {
            assertThat(q.prompt()).isEqualTo("start the stopped resources DBFS, Links, Dbase of cluster mastervm-ha");
            assertThat(q.commands()).containsExactly(new ConfirmRequest.HostCommand("mastervm01", START_RESOURCES));
        });
        assertThat(on(r, "check-cluster-resources", "mastervm01").message()).isEqualTo("repaired: start the stopped"
                + " resources DBFS, Links, Dbase of cluster mastervm-ha; active master mastervm01");
    }

    @Test
    void aStoppedDaemonIsNamedOnItsMasterVm() {
        h.transport.on("mastervm02", "^ps -ef$", Reply.ok(without(PS_MASTERVM2, "graphite_uwsgi")));

        RunResult r = h.run(RUNBOOK, Map.of());

        assertThat(r.exitCode()).isEqualTo(ExitCode.CRITICAL);
        assertThat(on(r, "check-daemons", "mastervm02")).satisfies(x -> {
            assertThat(x.message()).isEqualTo("the graphite WAS (graphite_uwsgi.ini) is not running on mastervm02");
            assertThat(x.hint()).isEqualTo("as orchard: 'cd ~/pvdi/scripts && ./graphite_was start' (or --fix)");
        });
        assertThat(stepsWith(r, "mastervm02", "guard-failed")).containsExactly("check-daemons");
        assertThat(stepsWith(r, "mastervm01", "guard-failed")).isEmpty();
    }

    @Test
    void fixStartsOnlyTheStoppedDaemonAsOrchardAndChecksAgain() {
        h.transport.on("mastervm02", "^ps -ef$", Reply.ok(without(PS_MASTERVM2, "graphite_uwsgi")));
        h.transport.on("mastervm02", "^su - orchard -c 'cd ~/pvdi/scripts && ./graphite_was start'$", (host, c) -> {
            h.transport.on("mastervm02", "^ps -ef$", Reply.ok(PS_MASTERVM2));
            return Reply.ok("Starting graphite_was: graphite_was.\n").answer(host, c);
        });

        RunResult r = h.run(RUNBOOK, Map.of("fix", "true"));

        assertThat(r.exitCode()).as(r.message()).isEqualTo(ExitCode.OK);
        assertThat(h.commands("mastervm02")).containsExactlyElementsOf(concat(List.of("ps -ef", START_GRAPHITE), PROBES));
        assertThat(h.commands("mastervm01")).containsExactlyElementsOf(PROBES);
        assertThat(h.asked).singleElement().satisfies(q -> {
            assertThat(q.prompt()).isEqualTo("start the graphite WAS (graphite_was start, as orchard) on mastervm02");
            assertThat(q.commands()).containsExactly(new ConfirmRequest.HostCommand("mastervm02", START_GRAPHITE));
        });
        assertThat(on(r, "check-daemons", "mastervm02").message())
                .isEqualTo("repaired: start the graphite WAS (graphite_was start, as orchard) on mastervm02");
        assertThat(on(r, "check-daemons", "mastervm01").outcome().id()).isEqualTo("ok");
    }

    @Test
    void aDaemonThatDoesNotStartIsReportedByTheRecheck() {
        h.transport.on("mastervm02", "^ps -ef$", Reply.ok(without(PS_MASTERVM2, "graphite_uwsgi")));
        h.transport.on("mastervm02", "^su - orchard -c 'cd ~/pvdi/scripts && ./graphite_was start'$", Reply.ok(""));

        RunResult r = h.run(RUNBOOK, Map.of("fix", "true"));

        assertThat(r.exitCode()).isEqualTo(ExitCode.CRITICAL);
        assertThat(on(r, "check-daemons", "mastervm02").message()).isEqualTo("the graphite WAS (graphite_uwsgi.ini) is not"
                + " running on mastervm02 (the repair did not take: start the graphite WAS (graphite_was start, as orchard) on mastervm02)");
    }

    @Test
    void aStaleDumpAndErrorsInTheBackupLogAreNamed() {
        h.transport.on("mastervm01", "^date \\+%s && find /home/orchard/db_backup ", Reply.ok(NOW + "\n"
                + (NOW - 75 * 3600) + ".0000000000 pvdi_20261120.sql.gz\n"));
        h.transport.on("mastervm01", "^f=\\$\\(ls -1 /home/orchard/pvdi/var/log/db_backup/", Reply.ok("log " + LOG + "\n"
                + MYSQL_DOWN + "\n"));

        RunResult r = h.run(RUNBOOK, Map.of());

        assertThat(r.exitCode()).isEqualTo(ExitCode.CRITICAL);
        assertThat(on(r, "check-db-backup-age", "mastervm01")).satisfies(x -> {
            assertThat(x.message()).isEqualTo("the newest DB dump on mastervm01 (pvdi_20261120.sql.gz) is 75 h old (limit 1d2h)");
            assertThat(x.hint()).isEqualTo("read the latest backup log in /home/orchard/pvdi/var/log/db_backup;"
                    + " is MySQL up and the backup cron job there?");
        });
        assertThat(on(r, "check-db-backup-log", "mastervm01")).satisfies(x -> {
            assertThat(x.message()).isEqualTo(LOG + " on mastervm01 reports errors: " + MYSQL_DOWN);
            assertThat(x.hint()).isEqualTo("fix the cause (often MySQL down) and run the backup again");
        });
        assertThat(stepsWith(r, "mastervm02", "guard-failed")).isEmpty();
    }

    @Test
    void noDumpAndNoLogAreNamed() {
        h.transport.on("mastervm02", "^date \\+%s && find /home/orchard/db_backup ", Reply.ok(NOW + "\n0 none\n"));
        h.transport.on("mastervm02", "^f=\\$\\(ls -1 /home/orchard/pvdi/var/log/db_backup/", Reply.ok("log none\n"));

        RunResult r = h.run(RUNBOOK, Map.of());

        assertThat(on(r, "check-db-backup-age", "mastervm02")).satisfies(x -> {
            assertThat(x.message()).isEqualTo("there is no DB dump in /home/orchard/db_backup on mastervm02");
            assertThat(x.hint()).isEqualTo("check the backup job (crontab -l -u orchard) and /home/orchard/pvdi/var/log/db_backup");
        });
        assertThat(on(r, "check-db-backup-log", "mastervm02")).satisfies(x -> {
            assertThat(x.message()).isEqualTo("there is no db_backup_*.log in /home/orchard/pvdi/var/log/db_backup on mastervm02");
            assertThat(x.hint()).isEqualTo("is the backup job installed? (crontab -l -u orchard)");
        });
    }

    @Test
    void fixOnHealthyHaMasterVmsRunsNoChangeAndAsksNothing() {
        RunResult r = h.run(RUNBOOK, Map.of("cluster", "mastervm-ha", "fix", "true"));

        assertThat(r.exitCode()).as(r.message()).isEqualTo(ExitCode.OK);
        assertThat(h.commands("mastervm01")).containsExactlyElementsOf(concat(List.of("crm resource status"), PROBES));
        assertThat(h.commands("mastervm02")).containsExactlyElementsOf(PROBES);
        assertThat(h.asked).isEmpty();
        assertThat(stepsWith(r, "mastervm01", "skipped")).isEmpty();
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> p : parts) {
            all.addAll(p);
        }
        return all;
    }
}
