package dev.sopctl.engine;

import static dev.sopctl.engine.RunResults.notice;
import static dev.sopctl.engine.RunResults.on;
import static dev.sopctl.engine.RunResults.stepsWith;
import static dev.sopctl.testing.PvdiSamples.KERNEL_MESSAGES;
import static dev.sopctl.testing.PvdiSamples.O2CB_ONLINE;
import static dev.sopctl.testing.PvdiSamples.grep;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.ExitCode;
import dev.sopctl.runbook.Runbook;
import dev.sopctl.testing.ScriptedTransport.Reply;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * pvdi/node-diagnose on a scripted node1: each kernel signature's WARNING (exactly one message per
 * finding, with its count, times and remedy), the log archive when nothing is recognised, and the
 * --fix remedies (drop_caches cron, o2cb heartbeat threshold): run only where missing, checked after.
 */
class PvdiNodeDiagnoseRunbookTest {
    private static final Runbook RUNBOOK = EngineHarness.packaged("pvdi/node-diagnose");

    private static final String READ_LOG = "cat /var/log/messages.1 /var/log/messages 2>/dev/null";
    private static final String CRON_LINE = "0 * * * * sync && echo 1 > /proc/sys/vm/drop_caches";
    private static final String INSTALL_CRON = "crontab -l 2>/dev/null | grep -qF 'echo 1 > /proc/sys/vm/drop_caches' ||"
            + " { crontab -l 2>/dev/null; echo '0 * * * * sync && echo 1 > /proc/sys/vm/drop_caches'; } | crontab -";
    /** The threshold set in /etc/default/o2cb, and the one o2cb runs with. */
    private static final String GREP_THRESHOLD = "grep '^O2CB_HEARTBEAT_THRESHOLD=' /etc/default/o2cb; /etc/init.d/o2cb status";
    private static final String SET_THRESHOLD = "sed -i 's/^O2CB_HEARTBEAT_THRESHOLD=.*/O2CB_HEARTBEAT_THRESHOLD=91/'"
            + " /etc/default/o2cb && { grep -q '^O2CB_HEARTBEAT_THRESHOLD=91$' /etc/default/o2cb ||"
            + " echo O2CB_HEARTBEAT_THRESHOLD=91 >> /etc/default/o2cb; } && /etc/init.d/o2cb reload";
    private static final String RUNNING_91 = O2CB_ONLINE.replace("Heartbeat dead threshold: 31", "Heartbeat dead threshold: 91");
    private static final String HUNG_TIMEOUT = "cat /proc/sys/kernel/hung_task_timeout_secs";
    private static final String CRONTAB_DEBIAN = "# Edit this file to introduce tasks to be run by cron.\n"
            + "# m h  dom mon dow   command\n";

    /** The sample's hung-task report whose call trace holds alloc_xenballooned_pages and vfs_ioctl. */
    private static final String BALLOON_LOG = grep(KERNEL_MESSAGES, "^Jan 15 10:00:01 ");
    private static final String O2NET_LOG = grep(KERNEL_MESSAGES, "o2net");
    private static final String QUIET_LOG = grep(KERNEL_MESSAGES, "systemd|ntpd");

    private static final String BALLOON_FINDING = "Xen balloon call trace (alloc_xenballooned_pages, with vfs_ioctl: true)"
            + " 1x, first Jan 15 10:00:01, last Jan 15 10:00:01: dom0 ran short of memory for its page cache; ";
    private static final String NO_CRON = BALLOON_FINDING + "root's crontab has no drop_caches line";
    private static final String NO_CRON_HINT = "add the hourly root cron '0 * * * * sync && echo 1 > /proc/sys/vm/drop_caches'"
            + " ('sopctl node diagnose node1 --fix' does it)";
    private static final String CRON_THERE = BALLOON_FINDING + "the hourly drop_caches cron is already in root's crontab";
    private static final String CRON_THERE_HINT = "if the traces are newer than the cron line, dom0 needs more memory (dom0_mem)"
            + " — ask the 인프라솔루션개발팀";
    private static final String HUNG_QEMU = "hung task 1x, first Jan 15 10:00:01, last Jan 15 10:00:01 (qemu-dm): blocked for"
            + " more than 120 s, usually on I/O (/data, the SAN path) or on memory";
    private static final String O2NET_FINDING = "o2net: no longer connected to node node2 2x, first Jan 15 10:03:00,"
            + " last Jan 15 10:04:00: the OCFS2 cluster interconnect dropped; ";
    private static final String THRESHOLD_HINT = "check the interconnect (cables, switch, bond) between the OCFS2 nodes;"
            + " every node of the cluster needs O2CB_HEARTBEAT_THRESHOLD=91 in /etc/default/o2cb, applied with"
            + " '/etc/init.d/o2cb reload' ('sopctl node diagnose node1 --fix' does it on this node)";
    private static final String THRESHOLD_91 = O2NET_FINDING + "O2CB_HEARTBEAT_THRESHOLD is already 91";

    private final EngineHarness h = new EngineHarness();

    @BeforeEach
    void node1() {
        h.answer(ConfirmAnswer.YES);
        h.transport.on("node1", "^cat /proc/sys/kernel/watchdog_thresh$", Reply.ok("10\n"));
        h.transport.on("node1", "^cat /proc/sys/kernel/hung_task_timeout_secs$", Reply.ok("120\n"));
        h.transport.on("node1", "^free -m$", Reply.ok("""
                               total        used        free      shared  buff/cache   available
                Mem:            3939        3612          95           1         231         118
                Swap:           4095        4095           0
                """));
        h.transport.on("node1", "^f=/var/tmp/sopctl-diagnose-node1-",
                Reply.ok("/var/tmp/sopctl-diagnose-node1-20261123-101500.tgz\n"));
    }

    // ---- nothing recognised ----

    @Test
    void aQuietLogIsPackedIntoAnArchiveForTheDevelopersAndNothingElseRuns() {
        log(QUIET_LOG);

        RunResult r = h.run(RUNBOOK, Map.of("node", "node1"));

        assertThat(r.exitCode()).as(r.message()).isEqualTo(ExitCode.OK);
        assertThat(h.commands("node1")).containsExactly(READ_LOG, "f=/var/tmp/sopctl-diagnose-node1-$(date +%Y%m%d-%H%M%S).tgz"
                + " && tar czf \"$f\" /var/log/messages* 2>/dev/null && echo \"$f\"");
        assertThat(notice(r, "nothing-recognised")).isEqualTo("""
                No known signature (Xen balloon, o2net, soft lockup, hung task, OOM killer) in
                /var/log/messages.1 and /var/log/messages on node1.
                Logs archive on node1: /var/tmp/sopctl-diagnose-node1-20261123-101500.tgz
                Send it, with photos of the console messages if there are any (SOP step 1), to the
                인프라솔루션개발팀 (SOP step 3).
                """);
        assertThat(stepsWith(r, "node1", "warning")).isEmpty();
        // the findings were captured as null, and a null capture is a value the conditions can test
        assertThat(on(r, "report-xen-balloon", "node1").message()).isEqualTo("condition is false: balloon != null");
        assertThat(on(r, "report-oom-kill", "node1").message()).isEqualTo("condition is false: oom != null");
    }

    @Test
    void aMissingRotatedFileIsNotAnError() {
        h.transport.on("node1", "^cat /var/log/messages", Reply.exit(1, QUIET_LOG,
                "cat: /var/log/messages.1: No such file or directory\n"));

        RunResult r = h.run(RUNBOOK, Map.of("node", "node1"));

        assertThat(r.exitCode()).as(r.message()).isEqualTo(ExitCode.OK);
        assertThat(notice(r, "nothing-recognised")).contains("Logs archive on node1: /var/tmp/sopctl-diagnose-node1-");
    }

    // ---- Xen balloon: exactly one of "cron missing" / "cron already there" ----

    @Test
    void balloonTracesWithoutTheCronSayOnlyThatTheCronIsMissing() {
        log(BALLOON_LOG);
        h.transport.on("node1", "^crontab -l$", Reply.exit(1, "", "no crontab for root\n"));

        RunResult r = h.run(RUNBOOK, Map.of("node", "node1"));

        assertThat(r.exitCode()).isEqualTo(ExitCode.WARNING);
        assertThat(on(r, "report-xen-balloon", "node1")).satisfies(x -> {
            assertThat(x.outcome().id()).isEqualTo("warning");
            assertThat(x.message()).isEqualTo(NO_CRON);
            assertThat(x.hint()).isEqualTo(NO_CRON_HINT);
        });
        assertThat(on(r, "report-hung-task", "node1").message()).isEqualTo(HUNG_QEMU);
        assertThat(r.message()).isEqualTo("step 'report-xen-balloon' on node1: " + NO_CRON);
        assertThat(stepsWith(r, "node1", "warning")).containsExactly("report-xen-balloon", "report-hung-task");
        assertThat(h.commands("node1")).containsExactly(READ_LOG, "crontab -l", HUNG_TIMEOUT);
        assertThat(notice(r, "nothing-recognised")).isNull();
        assertThat(h.asked).isEmpty();
    }

    @Test
    void aCommentedOutCronLineCountsAsMissing() {
        log(BALLOON_LOG);
        h.transport.on("node1", "^crontab -l$", Reply.ok(CRONTAB_DEBIAN + "#" + CRON_LINE + "\n"));

        RunResult r = h.run(RUNBOOK, Map.of("node", "node1"));

        assertThat(on(r, "report-xen-balloon", "node1").message()).isEqualTo(NO_CRON);
    }

    @Test
    void balloonTracesWithTheCronInPlaceSayOnlyThatItIsThere() {
        log(BALLOON_LOG);
        h.transport.on("node1", "^crontab -l$", Reply.ok(CRONTAB_DEBIAN + CRON_LINE + "\n"));

        RunResult r = h.run(RUNBOOK, Map.of("node", "node1"));

        assertThat(r.exitCode()).isEqualTo(ExitCode.WARNING);
        assertThat(on(r, "report-xen-balloon", "node1")).satisfies(x -> {
            assertThat(x.message()).isEqualTo(CRON_THERE);
            assertThat(x.hint()).isEqualTo(CRON_THERE_HINT);
        });
    }

    @Test
    void fixAddsTheCronOnceConfirmedAndChecksItIsThere() {
        log(BALLOON_LOG);
        h.transport.on("node1", "^crontab -l$", Reply.exit(1, "", "no crontab for root\n"));
        h.transport.on("node1", "^crontab -l 2>/dev/null \\| grep -qF", (host, c) -> {
            h.transport.on("node1", "^crontab -l$", Reply.ok(CRON_LINE + "\n"));
            return Reply.ok("").answer(host, c);
        });

        RunResult r = h.run(RUNBOOK, Map.of("node", "node1", "fix", "true"));

        assertThat(r.exitCode()).as(r.message()).isEqualTo(ExitCode.WARNING);
        assertThat(h.commands("node1")).containsExactly(READ_LOG, "crontab -l", INSTALL_CRON, "crontab -l", HUNG_TIMEOUT);
        assertThat(h.asked).singleElement().satisfies(q -> {
            assertThat(q.prompt()).isEqualTo("add '" + CRON_LINE + "' to root's crontab on node1");
            assertThat(q.commands()).containsExactly(new ConfirmRequest.HostCommand("node1", INSTALL_CRON));
        });
        // the finding stays a warning (it is in the log); the re-check says the cron is there now
        assertThat(on(r, "report-xen-balloon", "node1")).satisfies(x -> {
            assertThat(x.outcome().id()).isEqualTo("warning");
            assertThat(x.message()).isEqualTo(CRON_THERE + " (after the repair: add '" + CRON_LINE
                    + "' to root's crontab on node1)");
        });
        assertThat(stepsWith(r, "node1", "skipped")).contains("report-o2net-disconnect", "pack-logs");
    }

    @Test
    void fixWithTheCronAlreadyThereChangesNothing() {
        log(BALLOON_LOG);
        h.transport.on("node1", "^crontab -l$", Reply.ok(CRONTAB_DEBIAN + CRON_LINE + "\n"));

        RunResult r = h.run(RUNBOOK, Map.of("node", "node1", "fix", "true"));

        assertThat(r.exitCode()).isEqualTo(ExitCode.WARNING);
        assertThat(h.commands("node1")).containsExactly(READ_LOG, "crontab -l", HUNG_TIMEOUT);
        assertThat(h.asked).isEmpty();
    }

    @ParameterizedTest(name = "crontab -l after the fix: {0}")
    @ValueSource(strings = {"no crontab", "a crontab without the line"})
    void aCronThatDidNotTakeFailsTheRecheckWithItsGuard(String after) {
        log(BALLOON_LOG);
        h.transport.on("node1", "^crontab -l$", Reply.exit(1, "", "no crontab for root\n"));
        h.transport.on("node1", "^crontab -l 2>/dev/null \\| grep -qF", (host, c) -> {
            if (after.equals("a crontab without the line")) {
                h.transport.on("node1", "^crontab -l$", Reply.ok(CRONTAB_DEBIAN));
            }
            return Reply.ok("").answer(host, c);
        });

        RunResult r = h.run(RUNBOOK, Map.of("node", "node1", "fix", "true"));

        // the condition the repair was for still holds: the repair failed, the finding's level notwithstanding
        assertThat(r.exitCode()).isEqualTo(ExitCode.CRITICAL);
        assertThat(r.message()).isEqualTo("step 'report-xen-balloon' failed on node1: " + NO_CRON
                + " (the repair did not take: add '" + CRON_LINE + "' to root's crontab on node1);"
                + " still changed: node1: report-xen-balloon");
        assertThat(r.hint()).isEqualTo(NO_CRON_HINT);
        assertThat(on(r, "report-xen-balloon", "node1").outcome().id()).isEqualTo("guard-failed");
    }

    // ---- o2net: exactly one of "threshold is N" / "already 91" ----

    @Test
    void o2netDisconnectsWithTheDefaultThresholdSayOnlyWhatItIs() {
        log(O2NET_LOG);
        o2cb("O2CB_HEARTBEAT_THRESHOLD=31\n", O2CB_ONLINE);

        RunResult r = h.run(RUNBOOK, Map.of("node", "node1"));

        assertThat(r.exitCode()).isEqualTo(ExitCode.WARNING);
        assertThat(on(r, "report-o2net-disconnect", "node1")).satisfies(x -> {
            assertThat(x.message()).isEqualTo(O2NET_FINDING + "O2CB_HEARTBEAT_THRESHOLD is 31 (unset: the default 31, 60 s)");
            assertThat(x.hint()).isEqualTo(THRESHOLD_HINT);
        });
        assertThat(stepsWith(r, "node1", "warning")).containsExactly("report-o2net-disconnect");
        assertThat(h.commands("node1")).containsExactly(READ_LOG, GREP_THRESHOLD);
    }

    @Test
    void anUnsetThresholdIsNamedUnset() {
        log(O2NET_LOG);
        o2cb("", O2CB_ONLINE);

        RunResult r = h.run(RUNBOOK, Map.of("node", "node1"));

        assertThat(on(r, "report-o2net-disconnect", "node1").message())
                .isEqualTo(O2NET_FINDING + "O2CB_HEARTBEAT_THRESHOLD is unset (unset: the default 31, 60 s)");
    }

    @Test
    void o2netDisconnectsWithThreshold91SayOnlyThatItIsAlready91() {
        log(O2NET_LOG);
        o2cb("O2CB_HEARTBEAT_THRESHOLD=\"91\"\n", RUNNING_91);

        RunResult r = h.run(RUNBOOK, Map.of("node", "node1"));

        assertThat(on(r, "report-o2net-disconnect", "node1")).satisfies(x -> {
            assertThat(x.message()).isEqualTo(THRESHOLD_91);
            assertThat(x.hint()).isEqualTo(THRESHOLD_HINT);
        });
    }

    @Test
    void fixSetsTheThresholdReloadsO2cbAndChecksTheRunningValue() {
        log(O2NET_LOG);
        o2cb("O2CB_HEARTBEAT_THRESHOLD=31\n", O2CB_ONLINE);
        h.transport.on("node1", "^sed -i ", (host, c) -> {
            o2cb("O2CB_HEARTBEAT_THRESHOLD=91\n", RUNNING_91);
            return Reply.ok("Setting O2CB cluster timeouts : OK\n").answer(host, c);
        });

        RunResult r = h.run(RUNBOOK, Map.of("node", "node1", "fix", "true"));

        assertThat(r.exitCode()).as(r.message()).isEqualTo(ExitCode.WARNING);
        assertThat(h.commands("node1")).containsExactly(READ_LOG, GREP_THRESHOLD, SET_THRESHOLD, GREP_THRESHOLD);
        assertThat(h.asked).singleElement().satisfies(q -> {
            assertThat(q.prompt()).isEqualTo("set O2CB_HEARTBEAT_THRESHOLD=91 (was 31) in /etc/default/o2cb on node1"
                    + " and apply it with '/etc/init.d/o2cb reload'; the other OCFS2 nodes need the same value");
            assertThat(q.commands()).containsExactly(new ConfirmRequest.HostCommand("node1", SET_THRESHOLD));
        });
        assertThat(on(r, "report-o2net-disconnect", "node1").message()).isEqualTo(THRESHOLD_91 + " (after the repair:"
                + " set O2CB_HEARTBEAT_THRESHOLD=91 (was 31) in /etc/default/o2cb on node1 and apply it with"
                + " '/etc/init.d/o2cb reload'; the other OCFS2 nodes need the same value)");
    }

    @Test
    void fixWithThreshold91AlreadyChangesNothing() {
        log(O2NET_LOG);
        o2cb("O2CB_HEARTBEAT_THRESHOLD=91\n", RUNNING_91);

        RunResult r = h.run(RUNBOOK, Map.of("node", "node1", "fix", "true"));

        assertThat(r.exitCode()).isEqualTo(ExitCode.WARNING);
        assertThat(h.commands("node1")).containsExactly(READ_LOG, GREP_THRESHOLD);
        assertThat(h.asked).isEmpty();
    }

    @Test
    void aReloadThatKeepsTheOldThresholdFailsTheRecheck() {
        log(O2NET_LOG);
        o2cb("O2CB_HEARTBEAT_THRESHOLD=31\n", O2CB_ONLINE);
        h.transport.on("node1", "^sed -i ", (host, c) -> {
            o2cb("O2CB_HEARTBEAT_THRESHOLD=91\n", O2CB_ONLINE);
            return Reply.ok("Setting O2CB cluster timeouts : OK\n").answer(host, c);
        });

        RunResult r = h.run(RUNBOOK, Map.of("node", "node1", "fix", "true"));

        assertThat(r.exitCode()).isEqualTo(ExitCode.CRITICAL);
        assertThat(r.message()).startsWith("step 'report-o2net-disconnect' failed on node1: "
                + "o2cb on node1 runs with a heartbeat dead threshold of 31, though 91 is set (after the repair: ");
        assertThat(r.hint()).isEqualTo("apply it with '/etc/init.d/o2cb reload'");
    }

    // ---- every signature at once ----

    @Test
    void everySignatureIsReportedOnceWithItsCountTimesAndSubjects() {
        log(KERNEL_MESSAGES);
        h.transport.on("node1", "^crontab -l$", Reply.exit(1, "", "no crontab for root\n"));
        o2cb("O2CB_HEARTBEAT_THRESHOLD=31\n", O2CB_ONLINE);

        RunResult r = h.run(RUNBOOK, Map.of("node", "node1"));

        assertThat(r.exitCode()).isEqualTo(ExitCode.WARNING);
        assertThat(stepsWith(r, "node1", "warning")).containsExactly("report-xen-balloon", "report-o2net-disconnect",
                "report-soft-lockup", "report-hung-task", "report-oom-kill");
        assertThat(on(r, "report-xen-balloon", "node1").message()).isEqualTo(NO_CRON);
        assertThat(on(r, "report-o2net-disconnect", "node1").message())
                .isEqualTo(O2NET_FINDING + "O2CB_HEARTBEAT_THRESHOLD is 31 (unset: the default 31, 60 s)");
        assertThat(on(r, "report-soft-lockup", "node1")).satisfies(x -> {
            assertThat(x.message()).isEqualTo("soft lockup 2x, first Jan 15 10:05:00, last Jan 15 10:05:30"
                    + " (kworker/3:1, qemu-dm): a CPU stayed in the kernel for more than 2 x watchdog_thresh (10) s");
            assertThat(x.hint()).isEqualTo("under Xen often a dom0 starved of vCPU time or memory; keep the console"
                    + " messages and ask the 인프라솔루션개발팀 (SOP step 3)");
        });
        assertThat(on(r, "report-hung-task", "node1")).satisfies(x -> {
            assertThat(x.message()).isEqualTo("hung task 2x, first Jan 15 10:00:01, last Jan 15 10:08:00"
                    + " (qemu-dm, jbd2/dm-0-8): blocked for more than 120 s, usually on I/O (/data, the SAN path) or on memory");
            assertThat(x.hint()).isEqualTo("look at the call traces in /var/log/messages around Jan 15 10:00:01;"
                    + " with o2net or Xen balloon findings, fix those first");
        });
        assertThat(on(r, "report-oom-kill", "node1")).satisfies(x -> {
            assertThat(x.message()).isEqualTo("OOM killer 2x, first Jan 15 10:06:00, last Jan 15 10:07:00, killed mysqld:"
                    + " dom0 ran out of memory");
            assertThat(x.hint()).isEqualTo("check dom0's memory (free -m, dom0_mem on the Xen command line) and what grew;"
                    + " the drop_caches cron helps only with page cache");
        });
        assertThat(h.commands("node1")).containsExactly(READ_LOG, "crontab -l", GREP_THRESHOLD,
                "cat /proc/sys/kernel/watchdog_thresh", HUNG_TIMEOUT, "free -m");
        assertThat(notice(r, "nothing-recognised")).isNull();
    }

    @Test
    void checkModeReadsTheFindingsAndShowsTheFixWithoutMakingIt() {
        log(BALLOON_LOG);
        h.transport.on("node1", "^crontab -l$", Reply.exit(1, "", "no crontab for root\n"));
        h.mode = RunMode.CHECK;

        RunResult r = h.run(RUNBOOK, Map.of("node", "node1", "fix", "true"));

        // a repair is a change: in --check it is a would-run, and the probes after it are reported, not judged
        assertThat(r.exitCode()).as(r.message()).isEqualTo(ExitCode.OK);
        assertThat(on(r, "report-hung-task", "node1").message()).isEqualTo("--check: checked again after the changes"
                + " above; as things are now: " + HUNG_QEMU);
        assertThat(h.commands("node1")).containsExactly(READ_LOG, "crontab -l", HUNG_TIMEOUT);
        assertThat(on(r, "report-xen-balloon", "node1")).satisfies(x -> {
            assertThat(x.outcome().id()).isEqualTo("would-run");
            assertThat(x.message()).isEqualTo("--check: " + NO_CRON + "; with the fix switch on, the repair would run:"
                    + " add '" + CRON_LINE + "' to root's crontab on node1");
        });
        assertThat(h.events.ofType("command")).filteredOn(e -> Boolean.TRUE.equals(e.get("would_run"))
                || "true".equals(String.valueOf(e.get("would_run")))).isNotEmpty();
        assertThat(h.asked).isEmpty();
    }

    private void o2cb(String thresholdLine, String status) {
        h.transport.on("node1", "^grep '\\^O2CB_HEARTBEAT_THRESHOLD=' ", Reply.ok(thresholdLine + status));
    }

    private void log(String messages) {
        h.transport.on("node1", "^cat /var/log/messages\\.1 /var/log/messages ", Reply.ok(messages));
    }
}
