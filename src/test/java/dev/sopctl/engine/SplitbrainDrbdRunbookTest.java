package dev.sopctl.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.ExitCode;
import dev.sopctl.runbook.Runbook;
import dev.sopctl.testing.ScriptedTransport.Reply;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * ha/splitbrain-drbd against scripted members: a pair that is not split is refused after the probes
 * only; the victim is typed, and typed again only when it holds the newest file; the survivor's
 * connect follows the DRBD version.
 */
class SplitbrainDrbdRunbookTest {
    private static final Runbook RUNBOOK = EngineHarness.packaged("ha/splitbrain-drbd");
    private static final String SPLIT_LOG = """
            Jan 15 10:01:02 nas2 kernel: block drbd0: drbd_sync_handshake:
            Jan 15 10:01:02 nas2 kernel: block drbd0: self 8C2A39C3A8E36C05:5B4D0A8E6BB0B7B5:0000000000000000:0000000000000000 bits:%d flags:0
            Jan 15 10:01:02 nas2 kernel: block drbd0: Split-Brain detected but unresolved, dropping connection!
            """;

    private final EngineHarness h = new EngineHarness();

    private void member(String host, String cstate, String version, String log, long newest) {
        h.transport.on(host, "^drbdadm cstate data; drbdadm role data; head -n 1 /proc/drbd; cl_status hbstatus",
                Reply.ok(cstate + "\nPrimary" + (version.startsWith("9") ? "" : "/Unknown") + "\nversion: " + version
                        + " (api:1/proto:86-101)\n" + (host.equals("nas2") && version.startsWith("9") ? "hb-stopped" : "hb-running") + "\n"));
        h.transport.on(host, "^grep -h -e 'drbd'", Reply.ok(log));
        h.transport.on(host, "^mountpoint -q /data && echo mounted;", Reply.ok("mounted\nfile " + newest
                + ".0 2026-01-15_10:00 /data/export/" + host + ".txt\nclient 10.0.0.5:/data/export:0x00000001\n"));
        h.transport.on(host, "^(if test |/etc/init.d/|umount|mount |drbdadm (secondary|primary|disconnect|connect)|find /data)", Reply.ok(""));
        h.transport.on(host, "^drbdadm status data$", Reply.ok("data role:Primary\n  disk:UpToDate\n  peer role:Secondary\n"
                + "    replication:Established peer-disk:UpToDate\n"));
        h.transport.on(host, "^drbdadm role data; mountpoint", Reply.ok("Primary/Secondary\nmounted\nnfs-running\n"));
    }

    @Test
    void aPairThatIsNotSplitIsRefusedWithNothingChanged() {
        member("nas1", "Connected", "8.4.11-1", "", 100);
        member("nas2", "Connected", "8.4.11-1", "", 200);

        RunResult r = h.run(RUNBOOK, Map.of("cluster", "nfs-ha", "victim", "nas2"));

        assertThat(r.exitCode()).isEqualTo(ExitCode.CRITICAL);
        assertThat(r.message()).contains("nfs-ha is not in a split brain (nas1: Connected Primary, no Split-Brain line in the kernel log)");
        assertThat(h.commands("nas2")).hasSize(3).noneMatch(c -> c.contains("heartbeat") || c.contains("connect"));
    }

    @Test
    void aVictimWithOlderDataIsTypedOnceAndDrbd84ConnectsTheSurvivor() {
        member("nas1", "StandAlone", "8.4.11-1", SPLIT_LOG.formatted(450535), 300);
        member("nas2", "StandAlone", "8.4.11-1", SPLIT_LOG.formatted(1028), 200);
        h.answer(ConfirmAnswer.TYPED_OK);

        RunResult r = h.run(RUNBOOK, Map.of("cluster", "nfs-ha", "victim", "nas2"));

        assertThat(r.exitCode()).as(r.message()).isEqualTo(ExitCode.OK);
        assertThat(h.asked).extracting(ConfirmRequest::stepId).containsExactly("freeze-heartbeat", "stop-victim-nfs",
                "discard-victim-data");
        assertThat(h.asked.get(0).typed()).isEqualTo("nas2");
        assertThat(RunResults.notice(r, "show-evidence")).contains("changed blocks  450535 x 4 KiB  |  1028 x 4 KiB")
                .contains("NFS clients     10.0.0.5  |  10.0.0.5").doesNotContain("WARNING");
        assertThat(h.commands("nas2")).contains("drbdadm disconnect data && drbdadm connect --discard-my-data data",
                "if test running = running; then /etc/init.d/heartbeat stop; fi", "/etc/init.d/heartbeat start");
        assertThat(h.commands("nas1")).contains("drbdadm connect data").doesNotContain("drbdadm disconnect data && drbdadm connect data");
    }

    @Test
    void aVictimWithTheNewestDataIsTypedAgainAndItsNewerFilesSavedAndDrbd9ReconnectsTheSurvivor() {
        member("nas1", "StandAlone", "9.2.8", SPLIT_LOG.formatted(450535), 300);
        member("nas2", "StandAlone", "9.2.8", SPLIT_LOG.formatted(1028), 400);
        h.answer(ConfirmAnswer.TYPED_OK);

        RunResult r = h.run(RUNBOOK, Map.of("cluster", "nfs-ha", "victim", "nas2"));

        assertThat(r.exitCode()).as(r.message()).isEqualTo(ExitCode.OK);
        assertThat(h.asked).extracting(ConfirmRequest::stepId).containsExactly("freeze-heartbeat",
                "save-victim-newest-files", "stop-victim-nfs", "discard-victim-data");
        assertThat(h.asked.get(1).typed()).isEqualTo("nas2");
        assertThat(h.asked.get(1).prompt()).contains("nas2 holds the NEWEST data");
        assertThat(h.commands("nas2")).contains(
                "find /data -xdev -type f -newermt @300 -print0 | tar --null -T - -czf /root/splitbrain-nas2-newest.tar.gz");
        assertThat(h.commands("nas1")).contains("drbdadm disconnect data && drbdadm connect data");
        // Heartbeat was stopped on the victim: asked all the same, left stopped
        assertThat(h.commands("nas2")).contains("if test stopped = running; then /etc/init.d/heartbeat stop; fi")
                .noneMatch(c -> c.contains("heartbeat start"));
    }
}
