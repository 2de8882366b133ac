package dev.sopctl.engine;

import static dev.sopctl.engine.RunResults.on;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.ExitCode;
import dev.sopctl.runbook.Runbook;
import dev.sopctl.testing.ScriptedTransport.Reply;
import dev.sopctl.transport.TransportException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * time/ntp-check on the example estate's nodes: sopctl's own clock readings (round trip from the
 * engine's clock, the host's {@code date +%s.%N} in between), the skew against the median, and each
 * daemon's view.
 */
class NtpCheckRunbookTest {
    private static final Runbook RUNBOOK = EngineHarness.packaged("time/ntp-check");
    private static final String NTPQ_SYNCED = """
                 remote           refid      st t when poll reach   delay   offset  jitter
            ==============================================================================
            *192.168.0.1     .GPS.            2 u   33   64  377    0.412   -0.118   0.051
            """;
    private static final String NTPQ_NO_PEER = """
                 remote           refid      st t when poll reach   delay   offset  jitter
            ==============================================================================
             192.168.0.1     .INIT.          16 u    -   64    0    0.000    0.000   0.000
            """;
    private static final String TRACKING = """
            Reference ID    : C0A80001 (192.168.0.1)
            Stratum         : 3
            Ref time (UTC)  : Mon Nov 23 09:59:00 2026
            System time     : 0.000006523 seconds slow of NTP time
            Last offset     : -0.000006747 seconds
            RMS offset      : 0.000035822 seconds
            Frequency       : 3.225 ppm slow
            Residual freq   : -0.000 ppm
            Skew            : 0.129 ppm
            Root delay      : 0.013639022 seconds
            Root dispersion : 0.001100737 seconds
            Update interval : 64.2 seconds
            Leap status     : Normal
            """;
    private static final String SOURCES = """
            MS Name/IP address         Stratum Poll Reach LastRx Last sample
            ===============================================================================
            ^* 192.168.0.1                   2   6   377    23   -923us[ -924us] +/-   43ms
            """;

    private final EngineHarness h = new EngineHarness();
    private final FakeClocks clocks = new FakeClocks(h.ticker);

    @BeforeEach
    void threeNodesInStep() {
        h.parallel = 1; // the fake clock is shared: one host at a time keeps each round trip its own
        for (String node : List.of("node1", "node2", "node3")) {
            h.transport.on(node, "^date \\+%s\\.%N$", clocks);
            h.transport.on(node, "^ps -e -o comm=$", Reply.ok("init\nsshd\nntpd\nbash\n"));
            h.transport.on(node, "^ntpq -pn$", Reply.ok(NTPQ_SYNCED));
        }
    }

    @Test
    void clocksInStepAndSynchronisedDaemonsPass() {
        RunResult r = h.run(RUNBOOK, Map.of());

        assertThat(r.exitCode()).as(r.message()).isEqualTo(ExitCode.OK);
        assertThat(h.commands("node1")).containsExactly("date +%s.%N", "date +%s.%N", "date +%s.%N", "date +%s.%N",
                "date +%s.%N", "ps -e -o comm=", "ntpq -pn");
        assertThat(on(r, "check-chrony", "node1").outcome().id()).isEqualTo("skipped");
    }

    @Test
    void aSkewedHostIsNamedWithItsSkewAndTheShortestRoundTripCounts() {
        clocks.off("node2", 0.3);
        // node2's readings: slow ones and one fast one. Read a quarter into each trip, the slow ones would
        // make node2 look up to 22.5 ms closer; the fast one counts: 300 - 0.5 ms, against the others' -1 ms
        clocks.trips("node2", Duration.ofMillis(80), Duration.ofMillis(60), Duration.ofMillis(2),
                Duration.ofMillis(90), Duration.ofMillis(70));

        RunResult r = h.run(RUNBOOK, Map.of());

        assertThat(r.exitCode()).isEqualTo(ExitCode.WARNING);
        assertThat(on(r, "find-time-daemon", "node2").message())
                .isEqualTo("node2's clock is 300.5 ms off the other hosts' (± 1 ms; limit 100ms)");
        assertThat(on(r, "find-time-daemon", "node1").outcome().id()).isEqualTo("ok");
        assertThat(on(r, "find-time-daemon", "node3").outcome().id()).isEqualTo("ok");
    }

    @Test
    void aSkewOverCritIsCritical() {
        clocks.off("node3", -1.5);

        RunResult r = h.run(RUNBOOK, Map.of("crit", "1s"));

        assertThat(r.exitCode()).isEqualTo(ExitCode.CRITICAL);
        assertThat(on(r, "find-time-daemon", "node3").message())
                .isEqualTo("node3's clock is -1500 ms off the other hosts' (± 2 ms; limit 1s)");
        assertThat(on(r, "check-ntpd", "node3").outcome().id()).as("the daemon is still checked").isEqualTo("ok");
    }

    @Test
    void noSyncSourceIsAWarning() {
        h.transport.on("node1", "^ntpq -pn$", Reply.ok(NTPQ_NO_PEER));

        RunResult r = h.run(RUNBOOK, Map.of());

        assertThat(r.exitCode()).isEqualTo(ExitCode.WARNING);
        assertThat(on(r, "check-ntpd", "node1").message()).isEqualTo("ntpd on node1 has no sync source (no '*' peer in ntpq -pn)");
    }

    @Test
    void chronyAndTimesyncdAreReadTheirWay() {
        h.transport.on("node2", "^ps -e -o comm=$", Reply.ok("init\nchronyd\n"));
        h.transport.on("node2", "^chronyc tracking$", Reply.ok(TRACKING));
        h.transport.on("node2", "^chronyc -n sources$", Reply.ok(SOURCES));
        h.transport.on("node3", "^ps -e -o comm=$", Reply.ok("init\nsystemd-timesyn\n"));
        h.transport.on("node3", "^timedatectl show$", Reply.ok("NTP=yes\nNTPSynchronized=no\n"));

        RunResult r = h.run(RUNBOOK, Map.of());

        assertThat(r.exitCode()).isEqualTo(ExitCode.WARNING);
        assertThat(on(r, "check-chrony", "node2").outcome().id()).isEqualTo("ok");
        assertThat(on(r, "check-chrony-sources", "node2").outcome().id()).isEqualTo("ok");
        assertThat(on(r, "check-ntpd", "node2").outcome().id()).isEqualTo("skipped");
        assertThat(on(r, "check-timesyncd", "node3").message())
                .isEqualTo("systemd-timesyncd on node3 is not synchronised (NTPSynchronized=no)");
    }

    @Test
    void noDaemonIsAWarning() {
        h.transport.on("node1", "^ps -e -o comm=$", Reply.ok("init\nsshd\n"));

        RunResult r = h.run(RUNBOOK, Map.of());

        assertThat(r.exitCode()).isEqualTo(ExitCode.WARNING);
        assertThat(on(r, "find-time-daemon", "node1").message())
                .isEqualTo("no time daemon (ntpd, chronyd, systemd-timesyncd) runs on node1");
    }

    @Test
    void anUnreachableHostIsUnknown() {
        h.transport.on("node3", ".*", Reply.fail(TransportException.Kind.UNREACHABLE));

        RunResult r = h.run(RUNBOOK, Map.of());

        assertThat(r.exitCode()).isEqualTo(ExitCode.UNKNOWN);
        assertThat(on(r, "find-time-daemon", "node1").outcome().id()).isEqualTo("ok");
    }
}
