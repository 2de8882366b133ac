package dev.sopctl.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sopctl.ExitCode;
import dev.sopctl.SopctlException;
import dev.sopctl.runbook.Runbook;
import dev.sopctl.testing.ScriptedTransport.Reply;
import dev.sopctl.transcript.RecordingSink;
import dev.sopctl.transport.ByteStreams;
import dev.sopctl.transport.ExecResult;
import dev.sopctl.transport.TransportException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Piped steps (a command's output relayed through sopctl into another host's command) and transfer progress. */
class PipedStepTest {
    private final EngineHarness h = new EngineHarness();

    private static final String RELAY = """
            name: t
            title: t
            steps:
              - id: relay
                title: relay the disk
                on: node1
                kind: change
                run: cat /data/gvm/src
                pipe:
                  to: node3
                  run: cat > /data/gvm/dst.partial
                progress:
                  total: 3145728
                capture:
                  got: pipe.bytes
                  receiver: pipe.host
                on_failure: recover
                recover: [remove-partial]
              - {id: after, title: after, on: node3, run: 'ls /data/gvm'}
            recovery:
              - {id: remove-partial, title: remove the partial copy, on: node3, kind: change, run: 'rm -f /data/gvm/dst.partial'}
            """;

    private static byte[] random(int size) {
        byte[] b = new byte[size];
        new Random(42).nextBytes(b);
        return b;
    }

    /** A sender that writes {@code data} in chunks, failing like the SSH transport when the receiver is gone. */
    private static ExecResult send(String host, byte[] data, int upTo, int exit, String stderr, ByteStreams streams,
            long pauseMs) throws TransportException, InterruptedException {
        OutputStream out = streams.stdout();
        try {
            for (int off = 0; off < upTo; off += 64 * 1024) {
                out.write(data, off, Math.min(64 * 1024, upTo - off));
                if (pauseMs > 0) {
                    Thread.sleep(pauseMs);
                }
            }
        } catch (IOException e) {
            throw new TransportException(host, TransportException.Kind.RECEIVER_GONE, host + ": output could not be delivered");
        }
        return new ExecResult(exit, "", stderr, false, Duration.ofMillis(5));
    }

    private static void read(ByteStreams streams, int n) throws TransportException {
        try {
            streams.stdin().readNBytes(n);
        } catch (IOException e) {
            throw new TransportException("node3", TransportException.Kind.DISCONNECTED, "node3: stdin: " + e.getMessage());
        }
    }

    private static ExecResult receiveAll(ByteStreams streams, ByteArrayOutputStream into) throws TransportException {
        try {
            streams.stdin().transferTo(into);
        } catch (IOException e) {
            // stopped: the pipe was closed by an interrupt
            return new ExecResult(143, "", "", false, Duration.ZERO);
        }
        return new ExecResult(0, "", "", false, Duration.ofMillis(5));
    }

    @Test
    void theSendersBytesReachTheReceiverExactlyAndTheStepSaysHowMuchMoved() {
        byte[] disk = random(3 * 1024 * 1024 + 17);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        h.transport.onStream("node1", "^cat /data/gvm/src$", (host, c, s) -> send("node1", disk, disk.length, 0, "", s, 0));
        h.transport.onStream("node3", "^cat > /data/gvm/dst.partial$", (host, c, s) -> receiveAll(s, received));
        h.transport.on("node3", "^ls", Reply.ok("dst\n"));

        RunResult r = h.run(EngineHarness.yaml(RELAY), Map.of());

        assertThat(r.exitCode()).as(r.message()).isEqualTo(ExitCode.OK);
        assertThat(Arrays.equals(received.toByteArray(), disk)).isTrue();
        HostResult relay = r.steps().get(0).hosts().get(0);
        assertThat(relay.host()).isEqualTo("node1");
        assertThat(relay.message()).startsWith("relayed 3.0 MiB in ").endsWith(" to node3");
        List<RecordingSink.Event> commands = h.events.ofType("command");
        assertThat(commands.get(0).fields()).containsEntry("host", "node1").containsEntry("pipe_to", "node3");
        assertThat(commands.get(1).fields()).containsEntry("host", "node3").containsEntry("piped_from", "node1")
                .containsEntry("command", "cat > /data/gvm/dst.partial");
        RecordingSink.Event transfer = h.events.ofType("transfer").get(0);
        assertThat(transfer.fields()).containsEntry("bytes", (long) disk.length).containsEntry("total", 3145728L)
                .containsEntry("complete", true).containsEntry("via", "pipe").containsEntry("to", "node3");
        assertThat(h.commands("node3")).containsExactly("cat > /data/gvm/dst.partial", "ls /data/gvm");
    }

    private static final String MAYBE_RELAY = """
            name: t
            title: t
            params:
              relay: {type: bool, default: "false"}
            steps:
              - {id: look, title: look, on: node1, run: 'ls /data/gvm'}
              - id: relay
                title: relay
                on: node1
                when: relay
                kind: change
                run: cat /data/gvm/src
                pipe: {to: node3, run: 'cat > /data/gvm/dst'}
            """;

    /** The transport may get ready for a relay (the SSH transport warms its cipher up) while the first steps run. */
    @ParameterizedTest
    @CsvSource({
        "true,  RUN,   1",   // before the first command
        "false, RUN,   0",   // the plan knows the piped step is skipped
        "true,  CHECK, 0"})  // --check never relays
    void aRunThatMayRelayLetsTheTransportPrepareBeforeItsFirstCommand(boolean relay, RunMode mode, int hints) {
        h.mode = mode;
        h.transport.on("node1", "^ls", Reply.ok("src\n"));
        h.transport.onStream("node1", "^cat /data/gvm/src$", (host, c, s) -> send("node1", random(1000), 1000, 0, "", s, 0));
        h.transport.onStream("node3", "^cat > ", (host, c, s) -> receiveAll(s, new ByteArrayOutputStream()));

        RunResult r = h.run(EngineHarness.yaml(MAYBE_RELAY), Map.of("relay", String.valueOf(relay)));

        assertThat(r.exitCode()).as(r.message()).isEqualTo(ExitCode.OK);
        assertThat(h.transport.bulkDataHints()).hasSize(hints).allMatch(commandsBefore -> commandsBefore == 0);
        assertThat(h.commands("node3")).hasSize(relay && mode == RunMode.RUN ? 1 : 0);
    }

    @Test
    void capturesSeeTheReceiversSideAsPipe() {
        Runbook rb = EngineHarness.yaml("""
                name: t
                title: t
                steps:
                  - id: relay
                    title: relay
                    on: node1
                    kind: change
                    run: cat /src
                    pipe: {to: node3, run: 'sha256sum > /dst.sha'}
                    capture: {moved: pipe.bytes, where: pipe.host}
                    assert:
                      - that: pipe.bytes == 5 and pipe.exit == 0
                        message: "moved {{ pipe.bytes }}"
                  - {id: later, title: later, on: node1, run: 'echo {{ moved }} {{ where }}'}
                """);
        h.transport.onStream("node1", "^cat /src$", (host, c, s) -> send("node1", "hello".getBytes(), 5, 0, "", s, 0));
        h.transport.onStream("node3", "^sha256sum", (host, c, s) -> receiveAll(s, new ByteArrayOutputStream()));
        h.transport.on("node1", "^echo", Reply.ok(""));

        RunResult r = h.run(rb, Map.of());

        assertThat(r.exitCode()).as(r.message()).isEqualTo(ExitCode.OK);
        assertThat(h.commands("node1")).contains("echo 5 node3");
    }

    @Test
    void aSenderThatFailsMidwayStopsTheReceiverAndTheRecoveryRuns() {
        byte[] disk = random(2 * 1024 * 1024);
        AtomicBoolean receiverStopped = new AtomicBoolean();
        h.transport.onStream("node1", "^cat /data/gvm/src$",
                (host, c, s) -> send("node1", disk, 1024 * 1024, 1, "cat: /data/gvm/src: Input/output error\n", s, 0));
        h.transport.onStream("node3", "^cat > ", (host, c, s) -> {
            // a receiver that never sees end of file unless the sender finished well
            ExecResult r = receiveAll(s, new ByteArrayOutputStream());
            receiverStopped.set(r.exitStatus() == 143 || Thread.currentThread().isInterrupted());
            if (receiverStopped.get()) {
                throw new InterruptedException("stopped");
            }
            return r;
        });
        h.transport.on("node3", "^rm -f", Reply.ok(""));

        RunResult r = h.run(EngineHarness.yaml(RELAY), Map.of());

        assertThat(r.exitCode()).isEqualTo(ExitCode.CRITICAL);
        assertThat(r.message()).contains("step 'relay' failed on node1")
                .contains("'cat /data/gvm/src' exited with status 1: cat: /data/gvm/src: Input/output error")
                .contains("the receiving command on node3 was stopped");
        assertThat(receiverStopped).isTrue();
        assertThat(h.commands("node3")).containsExactly("cat > /data/gvm/dst.partial", "rm -f /data/gvm/dst.partial");
        assertThat(h.events.ofType("transfer").get(0).fields()).containsEntry("complete", false);
    }

    /** The receiver ends early, failing or not: the step fails with the receiver's side of the story. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "100000 | 1 | cat: write error: No space left on device | 'cat > /data/gvm/dst.partial' on node3 exited with status 1: "
            + "cat: write error: No space left on device after ",
        "10     | 0 |                                           | the receiving command on node3 ended before node1 had sent everything"})
    void aReceiverThatEndsEarlyFailsTheStepAndTheSenderIsStoppedByItsBrokenPipe(int reads, int exit, String stderr,
            String expected) {
        byte[] disk = random(4 * 1024 * 1024);
        h.transport.onStream("node1", "^cat /data/gvm/src$", (host, c, s) -> send("node1", disk, disk.length, 0, "", s, 0));
        h.transport.onStream("node3", "^cat > ", (host, c, s) -> {
            read(s, reads);
            return new ExecResult(exit, "", stderr == null ? "" : stderr + "\n", false, Duration.ZERO);
        });
        h.transport.on("node3", "^rm -f", Reply.ok(""));

        RunResult r = h.run(EngineHarness.yaml(RELAY), Map.of());

        assertThat(r.exitCode()).isEqualTo(ExitCode.CRITICAL);
        assertThat(r.message()).contains(expected);
        assertThat(h.commands("node3")).endsWith("rm -f /data/gvm/dst.partial");
    }

    @Test
    void anUnreachableSenderIsUnknownAndTheReceiverIsStopped() {
        AtomicReference<Thread> receiver = new AtomicReference<>();
        h.transport.onStream("node1", "^cat /data/gvm/src$", (host, c, s) -> {
            throw new TransportException("node1", TransportException.Kind.UNREACHABLE, "node1 (192.168.0.20:22): connection refused");
        });
        h.transport.onStream("node3", "^cat > ", (host, c, s) -> {
            receiver.set(Thread.currentThread());
            return receiveAll(s, new ByteArrayOutputStream());
        });
        h.transport.on("node3", "^rm -f", Reply.ok(""));

        RunResult r = h.run(EngineHarness.yaml(RELAY), Map.of());

        assertThat(r.exitCode()).isEqualTo(ExitCode.UNKNOWN);
        assertThat(r.steps().get(0).hosts().get(0).outcome().id()).isEqualTo("unreachable");
        assertThat(r.message()).contains("connection refused");
        assertThat(receiver.get() == null || !receiver.get().isAlive()).isTrue();
    }

    @Test
    void progressIsShownLiveWhileTheBytesMoveButNotRecorded() {
        byte[] disk = random(640 * 1024);
        h.transport.onStream("node1", "^cat /data/gvm/src$", (host, c, s) -> send("node1", disk, disk.length, 0, "", s, 150));
        h.transport.onStream("node3", "^cat > ", (host, c, s) -> receiveAll(s, new ByteArrayOutputStream()));
        h.transport.on("node3", "^ls", Reply.ok(""));

        h.run(EngineHarness.yaml(RELAY), Map.of());

        // ten chunks 150 ms apart: the reporter (every 500 ms) sees the transfer at least twice
        List<RecordingSink.Event> live = h.events.live();
        assertThat(live).hasSizeGreaterThanOrEqualTo(2).allMatch(e -> e.type().equals("progress"));
        assertThat(live.get(0).fields()).containsEntry("step", "relay").containsEntry("host", "node1")
                .containsEntry("to", "node3").containsEntry("total", 3145728L);
        assertThat(live).extracting(e -> (Long) e.get("bytes")).isSorted();
        assertThat(h.events.types()).doesNotContain("progress");
    }

    @Test
    void aWatchedFilesSizeIsTheProgressOfACommandThatCopiesOnItsOwn() {
        Runbook rb = EngineHarness.yaml("""
                name: t
                title: t
                steps:
                  - id: copy
                    title: copy
                    on: node1
                    kind: change
                    run: scp /src node3:/dst
                    progress:
                      total: 3000
                      on: node3
                      file: /data/gvm/my disk
                """);
        h.transport.on("node1", "^scp", (host, c) -> {
            try {
                Thread.sleep(1600);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new ExecResult(0, "", "", false, Duration.ofMillis(1600));
        });
        h.transport.on("node3", "^stat", Reply.sequence(Reply.ok("1000\n"), Reply.ok("2000\n"), Reply.ok("3000\n")));

        RunResult r = h.run(rb, Map.of());

        assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(h.commands("node3")).isNotEmpty().allMatch(c -> c.equals("stat -c %s -- '/data/gvm/my disk' 2>/dev/null || echo 0"));
        assertThat(h.events.ofType("notice").get(0).get("message").toString())
                .contains("progress: the size of /data/gvm/my disk on node3").contains("$ stat -c %s -- '/data/gvm/my disk'");
        assertThat(h.events.live()).isNotEmpty();
        assertThat(h.events.ofType("transfer").get(0).fields()).containsEntry("via", "watch").containsEntry("complete", true)
                .containsEntry("total", 3000L);
    }

    @Test
    void checkModeShowsBothCommandsAsWouldRun() {
        h.mode = RunMode.CHECK;
        h.transport.on("node3", "^ls", Reply.ok(""));

        h.run(EngineHarness.yaml(RELAY), Map.of());

        assertThat(h.transport.log()).containsExactly("node3: ls /data/gvm");
        assertThat(h.events.ofType("command")).extracting(e -> e.get("host") + ": " + e.get("command") + " " + e.get("would_run"))
                .startsWith("node1: cat /data/gvm/src true", "node3: cat > /data/gvm/dst.partial true");
    }

    @Test
    void aDestructivePipedStepAsksOnceShowingBothEnds() {
        h.answer(ConfirmAnswer.NO);
        Runbook rb = EngineHarness.yaml("""
                name: t
                title: t
                steps:
                  - id: relay
                    title: relay
                    on: node1
                    run: cat /src
                    pipe: {to: node3, run: 'cat > /dst'}
                    destructive: {confirm: overwrite /dst on node3}
                """);

        RunResult r = h.run(rb, Map.of());

        assertThat(r.exitCode()).isEqualTo(ExitCode.NOT_DONE);
        assertThat(h.asked).hasSize(1);
        assertThat(h.asked.get(0).commands()).extracting(c -> c.host() + ": " + c.command())
                .containsExactly("node1: cat /src", "node3: cat > /dst   (reads node1's output, through sopctl)");
        assertThat(h.transport.log()).isEmpty();
    }

    @Test
    void aPipeToMustNameOneHostAndAPipedStepSendsFromOne() {
        Runbook toMany = EngineHarness.yaml("""
                name: t
                title: t
                steps:
                  - {id: relay, title: relay, on: node1, kind: change, run: cat /src, pipe: {to: 'role:node', run: 'cat > /dst'}}
                """);
        assertThatThrownBy(() -> h.plan(toMany, Map.of())).isInstanceOf(SopctlException.class)
                .hasMessageContaining("'to' must name one host, but 'role:node' is 3 hosts");
        Runbook fromMany = EngineHarness.yaml("""
                name: t
                title: t
                steps:
                  - {id: relay, title: relay, on: 'role:node', kind: change, run: cat /src, pipe: {to: node3, run: 'cat > /dst'}}
                """);
        assertThatThrownBy(() -> h.plan(fromMany, Map.of())).isInstanceOf(SopctlException.class)
                .hasMessageContaining("a piped step sends from one host, but 'on' is 3 hosts");
    }

    @Test
    void anInterruptStopsBothEnds() throws Exception {
        AtomicBoolean receiverEnded = new AtomicBoolean();
        h.transport.onStream("node1", "^cat /data/gvm/src$", (host, c, s) -> {
            Thread.sleep(60_000); // interrupted
            return new ExecResult(0, "", "", false, Duration.ZERO);
        });
        h.transport.onStream("node3", "^cat > ", (host, c, s) -> {
            try {
                return receiveAll(s, new ByteArrayOutputStream());
            } finally {
                receiverEnded.set(true);
            }
        });
        h.transport.on("node3", "^rm -f", Reply.ok(""));
        AtomicReference<RunResult> result = new AtomicReference<>();
        Thread run = new Thread(() -> result.set(h.run(EngineHarness.yaml(RELAY), Map.of())));
        run.start();
        while (h.events.ofType("command").size() < 2) {
            Thread.sleep(10);
        }
        Thread.sleep(100);
        run.interrupt();
        run.join(10_000);

        assertThat(result.get().exitCode()).isEqualTo(ExitCode.NOT_DONE);
        assertThat(result.get().outcome().id()).isEqualTo("interrupted");
        assertThat(receiverEnded).isTrue();
    }
}
