package dev.sopctl.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sopctl.SopctlException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranscriptVerifierTest {
    private final TranscriptVerifier verifier = new TranscriptVerifier();

    @TempDir
    Path dir;

    @Test
    void anIntactCompleteRunIsOk() {
        Path file = Fixtures.run(dir.resolve("ok.jsonl"), "r", Redactor.NONE, true);

        assertThat(verifier.verify(file)).isEqualTo(new VerifyResult(true, 11, true, false, null, 0));
    }

    @Test
    void aRunWithoutRunEndIsIncompleteButOk() {
        Path file = Fixtures.run(dir.resolve("killed.jsonl"), "r", Redactor.NONE, false);

        assertThat(verifier.verify(file)).isEqualTo(new VerifyResult(true, 9, false, false, null, 0));
    }

    @Test
    void anEditedMiddleLineIsFoundAtTheLineAfterIt() {
        // given line 5, a step-end, changed from exit 0 to exit 1
        Path file = Fixtures.run(dir.resolve("edited.jsonl"), "r", Redactor.NONE, true);
        List<String> lines = Fixtures.lines(file);
        lines.set(4, lines.get(4).replace("\"exit\":0", "\"exit\":1"));
        Fixtures.writeLines(file, lines);

        // when
        VerifyResult result = verifier.verify(file);

        // then
        assertThat(result.ok()).isFalse();
        assertThat(result.badLine()).isEqualTo(6);
        assertThat(result.problem()).isEqualTo("line 6: prev does not match line 5 — edited or lines removed");
        assertThat(result.events()).isEqualTo(5);
    }

    @Test
    void aRemovedLineIsFound() {
        Path file = Fixtures.run(dir.resolve("removed.jsonl"), "r", Redactor.NONE, true);
        List<String> lines = Fixtures.lines(file);
        lines.remove(6); // the confirm
        Fixtures.writeLines(file, lines);

        VerifyResult result = verifier.verify(file);

        assertThat(result.ok()).isFalse();
        assertThat(result.problem()).isEqualTo("line 7: prev does not match line 6 — edited or lines removed");
    }

    @Test
    void aRemovedLineWhoseSuccessorWasReHashedStillFailsOnSeq() {
        // given a forger who fixed the prev of the line after the removed one (but not its seq)
        Path file = Fixtures.run(dir.resolve("forged.jsonl"), "r", Redactor.NONE, true);
        List<String> lines = Fixtures.lines(file);
        String prevOfRemoved = lines.get(6).replaceAll(".*\"prev\":\"([0-9a-f]{64})\".*", "$1");
        lines.remove(6);
        lines.set(6, lines.get(6).replaceAll("\"prev\":\"[0-9a-f]{64}\"", "\"prev\":\"" + prevOfRemoved + "\""));
        Fixtures.writeLines(file, lines);

        VerifyResult result = verifier.verify(file);

        assertThat(result.problem()).isEqualTo("line 7: seq 8 follows seq 6 — lines removed or reordered");
    }

    @Test
    void aReorderedLineIsFound() {
        Path file = Fixtures.run(dir.resolve("reordered.jsonl"), "r", Redactor.NONE, true);
        List<String> lines = Fixtures.lines(file);
        String third = lines.get(2);
        lines.set(2, lines.get(3));
        lines.set(3, third);
        Fixtures.writeLines(file, lines);

        VerifyResult result = verifier.verify(file);

        assertThat(result.ok()).isFalse();
        assertThat(result.badLine()).isEqualTo(3);
    }

    @Test
    void removingTheFirstLineIsFound() {
        Path file = Fixtures.run(dir.resolve("head.jsonl"), "r", Redactor.NONE, true);
        List<String> lines = Fixtures.lines(file);
        lines.remove(0);
        Fixtures.writeLines(file, lines);

        assertThat(verifier.verify(file).problem())
                .isEqualTo("line 1: prev is not the start of a chain — lines removed from the start");
    }

    @Test
    void aTruncatedTailIsReportedAndThePrefixStaysValid() throws Exception {
        // given a write cut by a kill: half a line, no newline
        Path file = Fixtures.run(dir.resolve("cut.jsonl"), "r", Redactor.NONE, false);
        Files.writeString(file, "{\"time\":\"2026-11-23T14:25:02.000Z\",\"run\":\"r\",\"seq\":10,\"type\":\"out",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        // when
        VerifyResult result = verifier.verify(file);

        // then
        assertThat(result).isEqualTo(new VerifyResult(true, 9, false, true, null, 0));
    }

    @Test
    void aRunAppendedAfterACutTailShowsTheDamage() throws Exception {
        // given a cut tail, then another run appended to the same file
        Path file = Fixtures.run(dir.resolve("cut-then-append.jsonl"), "r1", Redactor.NONE, false);
        Files.writeString(file, "{\"time\":\"2026", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        Fixtures.run(file, "r2", Redactor.NONE, true);

        // when
        VerifyResult result = verifier.verify(file);

        // then the cut line is inside the file now: reported, not hidden
        assertThat(result.problem()).isEqualTo("line 10: not a JSON object — edited or damaged");
        assertThat(Fixtures.lines(file)).hasSize(10 + 11);
    }

    @Test
    void aLineWithoutTheEnvelopeIsReported() {
        Path file = dir.resolve("foreign.jsonl");
        Fixtures.writeLines(file, List.of("{\"hello\":\"world\"}"));

        assertThat(verifier.verify(file).problem())
                .isEqualTo("line 1: missing or invalid 'seq' — edited or not a sopctl transcript");
    }

    @Test
    void anEmptyFileIsAnEmptyValidPrefix() throws Exception {
        Path file = Files.createFile(dir.resolve("empty.jsonl"));

        assertThat(verifier.verify(file)).isEqualTo(new VerifyResult(true, 0, false, false, null, 0));
    }

    @Test
    void aMissingFileIsExitThree() {
        assertThatThrownBy(() -> verifier.verify(dir.resolve("nope.jsonl")))
                .isInstanceOf(SopctlException.class).hasMessageContaining("cannot read transcript");
    }
}
