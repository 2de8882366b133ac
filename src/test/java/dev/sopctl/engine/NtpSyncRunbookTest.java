package dev.sopctl.engine;

import static dev.sopctl.engine.RunResults.on;
import static dev.sopctl.testing.PvdiSamples.MOUNT;
import static dev.sopctl.testing.PvdiSamples.without;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.ExitCode;
import dev.sopctl.runbook.Runbook;
import dev.sopctl.testing.ScriptedTransport.Reply;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * time/ntp-sync on the example estate: node1 and node2 (zone-a: OCFS2, ntp_server 192.168.0.1) run
 * ntpd; the server must answer before ntpd stops; a big step on OCFS2 needs the node's name typed;
 * chrony is stepped with makestep; the clocks are compared again at the end.
 */
class NtpSyncRunbookTest {
    private static final Runbook RUNBOOK = EngineHarness.packaged("time/ntp-sync");
    private static final String QUERY = "ntpdate -q 192.168.0.1";
    private static final String ADD_LINE = "awk -v s=192.168.0.1 '$1 == \"server\" && $2 == s { found = 1 } END { exit !found }'"
            + " /etc/ntp.conf || { { [ -e /etc/ntp.conf.sopctl-bak ] || cp -p /etc/ntp.conf /etc/ntp.conf.sopctl-bak; }"
            + " && echo server 192.168.0.1 iburst >> /etc/ntp.conf; }";
    private static final String SYNC = "/etc/init.d/ntp stop && ntpdate -s 192.168.0.1; synced=$?; /etc/init.d/ntp start; exit $synced";
    private static final String SOURCES = """
            MS Name/IP address         Stratum Poll Reach LastRx Last sample
            ===============================================================================
            ^* 192.168.0.1                   2   6   377    23   -300ms[ -300ms] +/-   43ms
            """;
    private static final String SOURCES_UNREACHABLE = """
            MS Name/IP address         Stratum Poll Reach LastRx Last sample
            ===============================================================================
            ^? 192.168.0.1                   0   6     0     -     +0ns[   +0ns] +/-    0ns
            """;

    private final EngineHarness h = new EngineHarness();
    private final FakeClocks clocks = new FakeClocks(h.ticker);

    @BeforeEach
    void twoNtpdNodesOnOcfs2() {
        h.parallel = 1;
        h.answer(ConfirmAnswer.YES);
        for (String node : List.of("node1", "node2", "node3")) {
            h.transport.on(node, "^ps -e -o comm=$", Reply.ok("init\nntpd\nsshd\n"));
            h.transport.on(node, "^mount$", Reply.ok(MOUNT));
            h.transport.on(node, "^ntpdate -q ", Reply.ok(
                    "server 192.168.0.1, stratum 2, offset -0.300118, delay 0.02580\n"
                            + "30 Nov 10:00:00 ntpdate[123]: adjust time server 192.168.0.1 offset -0.300118 sec\n"));
            h.transport.on(node, "^awk ", Reply.ok(""));
            h.transport.on(node, "^/etc/init\\.d/ntp stop", Reply.ok("Stopping NTP server: ntpd.\nStarting NTP server: ntpd.\n"));
            h.transport.on(node, "^date \\+%s\\.%N$", clocks);
        }
    }

    @Test
    void theServerLineThenStopNtpdateStartThenTheClocksAgain() {
        RunResult r = h.run(RUNBOOK, Map.of("targets", "node1,node2"));

        assertThat(r.exitCode()).as(r.message()).isEqualTo(ExitCode.OK);
        assertThat(h.commands("node1")).startsWith("ps -e -o comm=", "mount", QUERY, ADD_LINE, SYNC)
                .endsWith("date +%s.%N").doesNotContain("chronyc makestep");
        assertThat(h.asked).as("a step under 1 s needs no confirmation").isEmpty();
    }

    @Test
    void aServerThatDoesNotAnswerStopsTheRunBeforeNtpdStops() {
        h.transport.on("node2", "^ntpdate -q ", Reply.exit(1, "server 192.168.0.1, stratum 0, offset 0.000000, delay 0.00000\n"
                + "30 Nov 10:00:00 ntpdate[123]: no server suitable for synchronization found\n", ""));

        RunResult r = h.run(RUNBOOK, Map.of("targets", "node1,node2"));

        assertThat(r.exitCode()).isEqualTo(ExitCode.CRITICAL);
        assertThat(on(r, "ask-ntp-server", "node2").message())
                .isEqualTo("NTP server 192.168.0.1 does not answer node2; nothing was changed");
        for (String node : List.of("node1", "node2")) {
            assertThat(h.commands(node)).containsExactly("ps -e -o comm=", "mount", QUERY);
        }
    }

    @Test
    void aBigStepOnOcfs2NeedsTheNodesNameTyped() {
        h.transport.on("node1", "^ntpdate -q ", Reply.ok("server 192.168.0.1, stratum 2, offset -4.000118, delay 0.02580\n"));

        RunResult r = h.run(RUNBOOK, Map.of("targets", "node1,node2"));

        assertThat(r.exitCode()).as(r.message()).isEqualTo(ExitCode.OK);
        assertThat(h.asked).hasSize(1);
        assertThat(h.asked.get(0).toString()).contains("node1 mounts OCFS2 and its clock will jump by -4 s").contains("node1");
        assertThat(on(r, "sync-ntpd", "node1").outcome().id()).isEqualTo("skipped");
        assertThat(on(r, "sync-ntpd-ocfs2", "node1").outcome().id()).isEqualTo("ok");
        assertThat(on(r, "sync-ntpd-ocfs2", "node2").outcome().id()).isEqualTo("skipped");
    }

    @Test
    void declinedNothingStops() {
        h.answer(ConfirmAnswer.NO);
        h.transport.on("node1", "^ntpdate -q ", Reply.ok("server 192.168.0.1, stratum 2, offset 2.5, delay 0.02580\n"));

        RunResult r = h.run(RUNBOOK, Map.of("targets", "node1"));

        assertThat(r.exitCode()).isEqualTo(ExitCode.NOT_DONE);
        assertThat(h.commands("node1")).doesNotContain(SYNC);
    }

    @Test
    void aBigStepWithoutOcfs2IsNotAsked() {
        h.transport.on("node1", "^mount$", Reply.ok(without(MOUNT, " on /data ")));
        h.transport.on("node1", "^ntpdate -q ", Reply.ok("server 192.168.0.1, stratum 2, offset 2.5, delay 0.02580\n"));

        RunResult r = h.run(RUNBOOK, Map.of("targets", "node1"));

        assertThat(r.exitCode()).as(r.message()).isEqualTo(ExitCode.OK);
        assertThat(h.asked).isEmpty();
        assertThat(h.commands("node1")).contains(SYNC);
    }

    @Test
    void chronyIsSteppedWithMakestepAfterItReachesTheServer() {
        h.transport.on("node2", "^ps -e -o comm=$", Reply.ok("init\nchronyd\n"));
        h.transport.on("node2", "^conf=", Reply.ok(""));
        h.transport.on("node2", "^chronyc add server 192\\.168\\.0\\.1 iburst$", Reply.exit(1, "511 Source already present\n", ""));
        h.transport.on("node2", "^chronyc -n sources$", Reply.sequence(Reply.ok(SOURCES_UNREACHABLE), Reply.ok(SOURCES)));
        h.transport.on("node2", "^chronyc makestep$", Reply.ok("200 OK\n"));

        RunResult r = h.run(RUNBOOK, Map.of("targets", "node1,node2"));

        assertThat(r.exitCode()).as(r.message()).isEqualTo(ExitCode.OK);
        assertThat(h.commands("node2")).contains("chronyc add server 192.168.0.1 iburst", "chronyc makestep")
                .doesNotContain(SYNC, QUERY);
        assertThat(h.commands("node2").stream().filter(c -> c.equals("chronyc -n sources"))).hasSize(2);
        assertThat(h.asked).isEmpty();
    }

    @Test
    void aServerChronyNeverReachesLeavesItsConfigurationAlone() {
        h.transport.on("node2", "^ps -e -o comm=$", Reply.ok("init\nchronyd\n"));
        h.transport.on("node2", "^chronyc add server 192\\.168\\.0\\.1 iburst$", Reply.ok("200 OK\n"));
        h.transport.on("node2", "^chronyc -n sources$", Reply.ok(SOURCES_UNREACHABLE));

        RunResult r = h.run(RUNBOOK, Map.of("targets", "node2"));

        assertThat(r.exitCode()).isEqualTo(ExitCode.CRITICAL);
        assertThat(r.message()).startsWith("step 'ask-chrony-source' failed on node2: waited 30s");
        assertThat(h.commands("node2")).noneMatch(c -> c.startsWith("conf=/etc/chrony")).doesNotContain("chronyc makestep");
    }

    @Test
    void aHostWithoutAServerIsNamedAndNothingChanges() {
        RunResult r = h.run(RUNBOOK, Map.of());

        assertThat(r.exitCode()).isEqualTo(ExitCode.CRITICAL);
        assertThat(on(r, "find-time-daemon", "node3").message()).isEqualTo("no NTP server for node3");
        assertThat(h.commands("node1")).containsExactly("ps -e -o comm=");
    }

    @Test
    void theServerOptionWins() {
        RunResult r = h.run(RUNBOOK, Map.of("server", "10.0.0.9"));

        assertThat(r.exitCode()).as(r.message()).isEqualTo(ExitCode.OK);
        assertThat(h.commands("node3")).contains("ntpdate -q 10.0.0.9");
    }

    @Test
    void aClockStillOffAfterTheSyncIsReported() {
        clocks.off("node2", 0.5);

        RunResult r = h.run(RUNBOOK, Map.of("targets", "node1,node2,node3", "server", "10.0.0.9"));

        assertThat(r.exitCode()).isEqualTo(ExitCode.WARNING);
        assertThat(on(r, "compare-clocks", "node2").message()).startsWith("node2's clock is still 500 ms off the other hosts'");
    }

    private static final String TIMEDATECTL = "Timezone=Etc/UTC\nLocalRTC=no\nCanNTP=yes\nNTP=yes\nNTPSynchronized=%s\n"
            + "TimeUSec=Mon 2026-11-30 10:00:00 UTC\nRTCTimeUSec=Mon 2026-11-30 10:00:00 UTC\nServerAddress=%s\n";
    private static final String RESTART = "systemctl restart systemd-timesyncd";
    private static final String TIMESYNC = "timedatectl show && timedatectl show-timesync -p ServerAddress";

    private void node2RunsTimesyncd(boolean ocfs2) {
        h.transport.on("node2", "^ps -e -o comm=$", Reply.ok("init\nsystemd-timesyn\nsshd\n"));
        if (!ocfs2) {
            h.transport.on("node2", "^mount$", Reply.ok(without(MOUNT, " on /data ")));
        }
        h.transport.on("node2", "^conf=/etc/systemd/timesyncd\\.conf;", Reply.ok(""));
        h.transport.on("node2", "^systemctl restart systemd-timesyncd$", Reply.ok(""));
        h.transport.on("node2", "^rm -f /etc/systemd/timesyncd\\.conf\\.sopctl-prev$", Reply.ok(""));
    }

    @Test
    void timesyncdGetsTheServerIsRestartedAndSopctlWaitsUntilItSynchronised() {
        node2RunsTimesyncd(false);
        h.transport.on("node2", "^timedatectl show && timedatectl show-timesync -p ServerAddress$", Reply.sequence(Reply.ok(TIMEDATECTL.formatted("yes", "192.168.0.9")),
                Reply.ok(TIMEDATECTL.formatted("yes", "192.168.0.1"))));

        RunResult r = h.run(RUNBOOK, Map.of("targets", "node1,node2"));

        assertThat(r.exitCode()).as(r.message()).isEqualTo(ExitCode.OK);
        List<String> node2 = h.commands("node2");
        assertThat(node2).doesNotContain(QUERY, SYNC, "chronyc makestep");
        assertThat(node2.stream().filter(c -> c.startsWith("conf=/etc/systemd/timesyncd.conf;")).findFirst().orElseThrow())
                .contains("awk -v s=192.168.0.1 -F= '$1 == \"NTP\" { v = $2;")
                .contains("cp -p $conf $conf.sopctl-bak").contains("cp -p $conf $conf.sopctl-prev")
                .contains("> $conf.sopctl-new && mv $conf.sopctl-new $conf");
        assertThat(node2).containsSubsequence(RESTART, TIMESYNC, TIMESYNC, TIMESYNC,
                "rm -f /etc/systemd/timesyncd.conf.sopctl-prev", "date +%s.%N");
        assertThat(h.asked).isEmpty();
        assertThat(h.commands("node1")).contains(SYNC);
    }

    @Test
    void aTimesyncdThatDoesNotSynchroniseIsNamedAndItsConfigurationPutBack() {
        node2RunsTimesyncd(false);
        h.transport.on("node2", "^timedatectl show && timedatectl show-timesync -p ServerAddress$", Reply.ok(TIMEDATECTL.formatted("no", "")));
        h.transport.on("node2", "^conf=/etc/systemd/timesyncd\\.conf; \\[ ! -e", Reply.ok(""));

        RunResult r = h.run(RUNBOOK, Map.of("targets", "node2"));

        assertThat(r.exitCode()).isEqualTo(ExitCode.CRITICAL);
        assertThat(r.message()).contains("systemd-timesyncd on node2 did not synchronise with 192.168.0.1 within 30 s");
        assertThat(h.commands("node2")).contains("conf=/etc/systemd/timesyncd.conf; [ ! -e $conf.sopctl-prev ] || { mv -f"
                + " $conf.sopctl-prev $conf && systemctl restart systemd-timesyncd; }")
                .doesNotContain("rm -f /etc/systemd/timesyncd.conf.sopctl-prev");
    }

    @Test
    void restartingTimesyncdOnOcfs2NeedsTheNodesNameTyped() {
        node2RunsTimesyncd(true);
        h.transport.on("node2", "^timedatectl show && timedatectl show-timesync -p ServerAddress$", Reply.ok(TIMEDATECTL.formatted("yes", "192.168.0.1")));

        RunResult r = h.run(RUNBOOK, Map.of("targets", "node2"));

        assertThat(r.exitCode()).as(r.message()).isEqualTo(ExitCode.OK);
        assertThat(h.asked).hasSize(1);
        assertThat(h.asked.get(0).typed()).isEqualTo("node2");
        assertThat(h.asked.get(0).prompt()).contains("node2 mounts OCFS2 and its clock may jump");
        assertThat(on(r, "restart-timesyncd", "node2").outcome().id()).isEqualTo("skipped");
        assertThat(on(r, "restart-timesyncd-ocfs2", "node2").outcome().id()).isEqualTo("ok");
    }
}
