package dev.sopctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.ExitCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * completions/sopctl.bash and completions/sopctl.zsh must be what 'sopctl completion [bash|zsh]'
 * prints now, and each must complete in its shell. After changing commands or options:
 * {@code mvn test -Dtest=CompletionScriptTest -Dcompletion.update=true}.
 */
class CompletionScriptTest {
    @TempDir
    Path state;

    @ParameterizedTest
    @ValueSource(strings = {"bash", "zsh"})
    void theCheckedInCompletionScriptIsCurrent(String shell) throws IOException {
        Cli.Result r = new Cli(state).run("completion", shell);
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("complete -F").contains("shutdown").contains("--dry-run");
        Path file = Path.of("completions/sopctl." + shell);
        if (Boolean.getBoolean("completion.update")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, r.out(), StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(file, StandardCharsets.UTF_8))
                .as(file + " is stale: regenerate it (see this test's Javadoc)")
                .isEqualTo(r.out());
    }

    @Test
    void bashIsTheDefaultAndOtherShellsAreAUsageError() {
        Cli cli = new Cli(state);
        assertThat(cli.run("completion").out()).isEqualTo(cli.run("completion", "bash").out());

        Cli.Result fish = cli.run("completion", "fish");
        assertThat(fish.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(fish.err()).contains("fish").contains("bash, zsh");
    }

    /** The script, sourced in the real shell, completes 'sopctl no' to 'node'. */
    @ParameterizedTest
    @ValueSource(strings = {"bash", "zsh"})
    void theScriptCompletesInItsShell(String shell) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/" + shell)) || Files.isExecutable(Path.of("/bin/" + shell)),
                shell + " is not installed here");
        String script = "source completions/sopctl." + shell + "\n"
                + "COMP_WORDS=(sopctl no); COMP_CWORD=1; COMP_LINE='sopctl no'; COMP_POINT=9\n"
                + "_complete_sopctl sopctl no sopctl\n"
                + "echo \"completed: ${COMPREPLY[*]}\"\n";
        Process p = new ProcessBuilder(shell.equals("zsh") ? new String[] {"zsh", "-f", "-c", script}
                : new String[] {"bash", "--norc", "-c", script}).redirectErrorStream(true).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(out).as(out).contains("completed: node").doesNotContain("command not found");
    }
}
