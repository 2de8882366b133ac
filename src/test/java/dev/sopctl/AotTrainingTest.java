package dev.sopctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AotTrainingTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int train(String... lines) throws Exception {
        Path file = dir.resolve("runs.tsv");
        Files.write(file, List.of(lines));
        return AotTraining.run(new PrintWriter(out, true), new PrintWriter(err, true), file.toString());
    }

    @Test
    void runsEveryCommandInThisJvmInOrder() throws Exception {
        int code = train("# comment", "", "0\t--version", "64\tno-such-command", "0\t-i\texamples/inventory.yaml\tinventory\tlist");

        assertThat(code).isZero();
        assertThat(out.toString()).startsWith("sopctl ").contains("node1");
        assertThat(err.toString()).contains("no-such-command").doesNotContain("aot-training");
    }

    @Test
    void aCommandEndingWithAnotherCodeStopsTheTrainingNamingItsLine() throws Exception {
        int code = train("0\t--version", "0\tno-such-command", "0\t--help");

        assertThat(code).isEqualTo(ExitCode.CRITICAL);
        assertThat(err.toString()).contains("runs.tsv:2: sopctl no-such-command exited 64, expected 0");
        assertThat(out.toString()).doesNotContain("Usage:");
    }

    @Test
    void malformedLinesAreAllNamedAndNothingRuns() throws Exception {
        int code = train("0\t--version", "x\t--help", "0", "0\t-i\t\tinventory");

        assertThat(code).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(err.toString())
                .contains("runs.tsv:2: 'x' is not an exit code")
                .contains("runs.tsv:3: no command after the exit code")
                .contains("runs.tsv:4: no command after the exit code, or an empty argument");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aFileWithoutCommandsIsRefused() {
        assertThatThrownBy(() -> AotTraining.parse(Path.of("runs.tsv"), List.of("# only a comment", " ")))
                .hasMessage("runs.tsv: no command to run");
    }

    @Test
    void aMissingFileOrNoArgumentIsAClearError() {
        PrintWriter o = new PrintWriter(out, true);
        PrintWriter e = new PrintWriter(err, true);

        assertThat(AotTraining.run(o, e, dir.resolve("absent.tsv").toString())).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(err.toString()).contains("cannot read " + dir.resolve("absent.tsv"));
        assertThat(AotTraining.run(o, e)).isEqualTo(ExitCode.USAGE);
        assertThat(err.toString()).contains("usage: java -cp sopctl.jar dev.sopctl.AotTraining FILE");
    }

    @Test
    void theDebianPackagesTrainingFileParses() throws Exception {
        List<AotTraining.Command> commands = AotTraining.parse(Path.of("src/deb/aot-training.tsv"),
                Files.readAllLines(Path.of("src/deb/aot-training.tsv")));

        assertThat(commands).extracting(AotTraining.Command::args)
                .contains(List.of("--version"), List.of("--help"))
                .anyMatch(args -> args.contains("--dry-run") && args.contains("/usr/share/sopctl/training/inventory.yaml"));
        assertThat(commands).allMatch(c -> c.expectedExit() == 0);
    }
}
