package dev.sopctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * At a terminal, picocli measures its width with an {@code stty} process and a 25 ms poll. Building
 * the command tree must not do that once per command (it did: a second per command line, at a
 * terminal and in every line of the shell); only printing a usage message may. A real sopctl runs
 * on a pseudo-terminal ({@code script}), with picocli's tracing counting the measurements.
 */
class TerminalWidthProbeTest {
    private static final Pattern PROBE = Pattern.compile("getTerminalWidth\\(\\) returning");

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void aCommandAtATerminalDoesNotMeasureIt() throws Exception {
        // given sopctl on a terminal, running a command that prints no usage message
        String trace = onATerminal("runbooks", "list");

        // then the terminal was never measured
        assertThat(trace).contains("Picocli version");   // tracing was on: the count below means something
        assertThat(PROBE.matcher(trace).results().count()).isZero();
    }

    @Test
    @Timeout(120)
    void helpAtATerminalStillFollowsItsWidth() throws Exception {
        // given sopctl on a terminal, printing a usage message: the only time the width is needed
        String trace = onATerminal("exec", "--help");

        // then it was measured (the probe this test counts is the one picocli really makes)
        assertThat(PROBE.matcher(trace).results().count()).isPositive();
    }

    /** sopctl's output and picocli's trace, from a child JVM on a pseudo-terminal made by {@code script}. */
    private String onATerminal(String... args) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path argsFile = dir.resolve("java.args");
        // the class path goes through an @argfile: script runs the command through sh -c
        Files.write(argsFile, List.of("-cp", quoteForArgFile(System.getProperty("java.class.path")),
                "-Dpicocli.trace=DEBUG", "dev.sopctl.Main"));
        Path log = dir.resolve("tty.log");
        String command = java + " @" + argsFile + " " + String.join(" ", args);
        Process p = new ProcessBuilder("script", "-qec", command, log.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("script.out").toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
        p.getOutputStream().close();
        assertThat(p.waitFor(100, TimeUnit.SECONDS)).as("sopctl on a terminal ended").isTrue();
        String text = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(text).as("what the terminal showed").contains("sopctl");
        return text;
    }

    private static String quoteForArgFile(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
