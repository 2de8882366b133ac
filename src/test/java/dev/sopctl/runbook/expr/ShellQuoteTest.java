package dev.sopctl.runbook.expr;

import static dev.sopctl.runbook.expr.Exprs.AT;
import static dev.sopctl.runbook.expr.Exprs.scope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ShellQuoteTest {
    /** Values an operator could type, each meant to change a command's shape. */
    static final List<String> HOSTILE = List.of(
            "x; rm -rf /", "$(reboot)", "`reboot`", "a'b", "a\"b", "line1\nline2", "*", "-rf", "$HOME",
            "'; halt; '", "héllo wörld ☃ 日本", "", " ", "a b", "\ttab", "~", "~root", "{a,b}", "!", "!!",
            "#comment", "&& reboot", "| reboot", "> out", "<in", "(", ")", "a\rb", "FOO=bar", "if", "done",
            "''", "'", "\"", "\\", "$'x'", "${IFS}", "[ab]", "?", "%1", "\n", "a\n\nb\n");

    /** Values echo itself would mangle (options, backslash escapes): checked with printf. */
    static final List<String> ECHO_UNSAFE = List.of("-n", "-e", "-E", "a\\nb", "\\c", "%s%d", "--", "-");

    static final List<String> SHELLS = Stream.of("/bin/sh", "/bin/bash", "/bin/dash", "/bin/busybox")
            .filter(s -> Files.isExecutable(Path.of(s)))
            .toList();

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "node1 | node1",
        "/data/mastervm01.cfg | /data/mastervm01.cfg",
        "192.168.0.20/24 | 192.168.0.20/24",
        "user@host:22,a+b%c | user@host:22,a+b%c",
        "--opt=value | --opt=value",
        "-rf | -rf",
        "a b | 'a b'",
        "a'b | 'a'\\''b'",
        "$(reboot) | '$(reboot)'",
        "~ | '~'",
        "FOO=bar | 'FOO=bar'",
        "if | 'if'",
        "é | 'é'",
    })
    void quoting(String value, String expected) {
        assertThat(ShellQuote.quote(value)).isEqualTo(expected);
    }

    @Test
    void emptyStringIsTwoQuotes() {
        assertThat(ShellQuote.quote("")).isEqualTo("''");
    }

    @Test
    void nulIsRefused() {
        assertThatThrownBy(() -> ShellQuote.quote("a\0b"))
                .isInstanceOf(EvaluationException.class)
                .hasMessageContaining("NUL character");
    }

    static Stream<Arguments> hostileInEveryShell() {
        List<Arguments> out = new ArrayList<>();
        for (String shell : SHELLS) {
            for (String value : HOSTILE) {
                out.add(Arguments.of(shell, value));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}: echo {1}")
    @MethodSource("hostileInEveryShell")
    void echoPrintsHostileValuesExactly(String shell, String value) throws Exception {
        assumeTrue(canPassArgument(value), "the JVM can't pass non-ASCII arguments in this locale");
        String command = Template.parse("echo {{ v }}", AT).render(scope("v", value), Quoting.SHELL);

        String output = runWithC(shell, command);

        assertThat(output).isEqualTo(value + "\n");
        assertThat(dir).isEmptyDirectory();
    }

    @ParameterizedTest(name = "{0}: stdin echo {1}")
    @MethodSource("hostileInEveryShell")
    void scriptOnStdinPrintsHostileValuesExactly(String shell, String value) throws Exception {
        String command = Template.parse("echo {{ v }}", AT).render(scope("v", value), Quoting.SHELL);

        String output = run(List.of(shell, "-s"), command + "\n");

        assertThat(output).isEqualTo(value + "\n");
        assertThat(dir).isEmptyDirectory();
    }

    @ParameterizedTest(name = "{0}: one word for {1}")
    @MethodSource("hostileInEveryShell")
    void everyValueIsExactlyOneWord(String shell, String value) throws Exception {
        assumeTrue(canPassArgument(value), "the JVM can't pass non-ASCII arguments in this locale");
        String command = Template.parse("set -- {{ v }}; echo $#", AT).render(scope("v", value), Quoting.SHELL);

        assertThat(runWithC(shell, command)).isEqualTo("1\n");
    }

    @Test
    void aListIsOneWordPerItem() throws Exception {
        String command = Template.parse("printf '<%s>' {{ v }}", AT).render(scope("v", HOSTILE), Quoting.SHELL);

        String output = run(List.of(SHELLS.get(0), "-s"), command);

        StringBuilder expected = new StringBuilder();
        HOSTILE.forEach(v -> expected.append('<').append(v).append('>'));
        assertThat(output).isEqualTo(expected.toString());
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void valuesEchoWouldMangleArriveIntactAsArguments() throws Exception {
        for (String shell : SHELLS) {
            for (String value : ECHO_UNSAFE) {
                String command = Template.parse("printf '%s|' {{ v }}", AT).render(scope("v", value), Quoting.SHELL);
                assertThat(run(List.of(shell, "-s"), command)).as(shell + " " + value).isEqualTo(value + "|");
            }
        }
    }

    @Test
    void aLeadingDashIsStillAnOptionToTheCommand() throws Exception {
        // quoting keeps the shape of the shell command; it cannot stop a program reading "-n" as
        // an option, which is why runbooks write "--" or validate such parameters by type
        String command = Template.parse("echo {{ v }} x", AT).render(scope("v", "-n"), Quoting.SHELL);

        assertThat(run(List.of("/bin/sh", "-s"), command)).isEqualTo("x");
    }

    private String runWithC(String shell, String command) throws Exception {
        return run(List.of(shell, "-c", command), null);
    }

    private String run(List<String> argv, String stdin) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(argv);
        if (cmd.get(0).endsWith("busybox")) {
            cmd.add(1, "sh");
        }
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] out;
        try (InputStream o = p.getInputStream()) {
            out = o.readAllBytes();
        }
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return new String(out, StandardCharsets.UTF_8);
    }

    private static boolean canPassArgument(String value) {
        String jnu = System.getProperty("sun.jnu.encoding", "");
        return value.chars().allMatch(c -> c < 128) || jnu.equalsIgnoreCase("UTF-8");
    }
}
