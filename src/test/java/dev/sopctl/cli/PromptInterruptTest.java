package dev.sopctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.ExitCode;
import dev.sopctl.Main;
import dev.sopctl.engine.ConfirmAnswer;
import dev.sopctl.engine.ConfirmRequest;
import dev.sopctl.testing.FakeTicker;
import dev.sopctl.testing.ScriptedTransport;
import dev.sopctl.transcript.TranscriptReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C at a confirmation prompt is an interrupt of the run, and the transcript says so. */
class PromptInterruptTest {
    @TempDir
    Path state;

    /** Like System.console(): prints the prompt, then a read that an interrupt does not end. */
    private static final class StuckTerminal implements TerminalIo {
        final StringWriter screen = new StringWriter();
        final CountDownLatch asked = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public PrintWriter writer() {
            return new PrintWriter(screen, true);
        }

        @Override
        public String readLine(String prompt) {
            screen.write(prompt);
            asked.countDown();
            while (true) {
                try {
                    release.await();
                    return null;
                } catch (InterruptedException e) {
                    // a native terminal read does not notice
                }
            }
        }
    }

    @Test
    void ctrlCAtTheConfirmationRecordsTheAnswerTheInterruptAndTheRunEnd() throws Exception {
        StuckTerminal terminal = new StuckTerminal();
        ScriptedTransport transport = new ScriptedTransport();
        CliContext context = new CliContext(Map.of("XDG_STATE_HOME", state.toString()), Path.of(""), "t@t", terminal,
                (inventory, options) -> transport, new FakeTicker(), Clock.systemUTC());
        Path transcript = state.resolve("run.jsonl");
        AtomicInteger exit = new AtomicInteger(-1);
        Thread run = new Thread(() -> exit.set(Main.run(context, new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()), "-i", "examples/inventory.yaml", "--transcript", transcript.toString(),
                "exec", "--on", "node1", "--", "reboot")));
        run.start();
        try {
            assertThat(terminal.asked.await(20, TimeUnit.SECONDS)).isTrue();
            run.interrupt();
            run.join(10_000);

            assertThat(run.isAlive()).as("the run returned although the terminal read is stuck").isFalse();
            assertThat(exit.get()).isEqualTo(ExitCode.NOT_DONE);
            List<Map<String, Object>> events = TranscriptReader.read(transcript);
            assertThat(events).extracting(e -> e.get("type")).endsWith("confirm", "interrupted", "run-end");
            assertThat(events.get(events.size() - 3)).containsEntry("answer", "interrupted");
            assertThat(events.get(events.size() - 1)).containsEntry("outcome", "interrupted");
            assertThat(transport.log()).isEmpty();
        } finally {
            terminal.release.countDown();
        }
    }

    @Test
    void ctrlCInTheShellsLineReaderIsAnInterruptToo() {
        TerminalIo shellPrompt = new TerminalIo() {
            @Override
            public PrintWriter writer() {
                return new PrintWriter(new StringWriter());
            }

            @Override
            public String readLine(String prompt) {
                throw new PromptInterruptedException();
            }
        };
        ConfirmRequest request = new ConfirmRequest("exec", "ad-hoc command", "why",
                List.of(new ConfirmRequest.HostCommand("node1", "reboot")), null);

        ConfirmAnswer answer = new TerminalConfirmer(shellPrompt).confirm(request);

        assertThat(answer).isEqualTo(ConfirmAnswer.INTERRUPTED);
        assertThat(Thread.interrupted()).isTrue();
    }
}
