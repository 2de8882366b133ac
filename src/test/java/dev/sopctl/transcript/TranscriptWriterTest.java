package dev.sopctl.transcript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sopctl.ExitCode;
import dev.sopctl.SopctlException;
import dev.sopctl.testing.TinyTmpfs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranscriptWriterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void eachLineCarriesTheEnvelopeAndTheHashOfTheLineBefore() throws Exception {
        // given
        Path file = Fixtures.run(dir.resolve("a/b/run1.jsonl"), "run1", Redactor.NONE, true);

        // when
        List<String> lines = Fixtures.lines(file);

        // then
        assertThat(lines).hasSize(11);
        String expectedPrev = "0".repeat(64);
        for (int i = 0; i < lines.size(); i++) {
            JsonNode event = JSON.readTree(lines.get(i));
            assertThat(event.get("time").asText()).isEqualTo("2026-11-23T14:25:01.250Z");
            assertThat(event.get("run").asText()).isEqualTo("run1");
            assertThat(event.get("seq").asLong()).isEqualTo(i + 1);
            assertThat(event.get("prev").asText()).isEqualTo(expectedPrev);
            expectedPrev = Chain.hash(lines.get(i).getBytes(StandardCharsets.UTF_8));
        }
        assertThat(lines.get(0)).startsWith("{\"time\":\"2026-11-23T14:25:01.250Z\",\"run\":\"run1\",\"seq\":1,"
                + "\"type\":\"run-start\",\"operator\":\"alice@ops1\"");
        assertThat(JSON.readTree(lines.get(8)).get("exit").isNull()).isTrue();
        assertThat(Files.readString(file)).endsWith("}\n");
    }

    @Test
    void newFilesAreOwnerOnly() throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));

        Path file = Fixtures.run(dir.resolve("new/run.jsonl"), "run", Redactor.NONE, false);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
    }

    @Test
    void secretsAreRedactedInCommandsOutputAndNestedParams() throws Exception {
        // given
        Redactor redactor = new Redactor(List.of("Pa55w0rd!"));
        Path file = dir.resolve("secret.jsonl");

        // when
        try (TranscriptWriter w = TranscriptWriter.open(file, "r", redactor, Fixtures.clock())) {
            w.write("run-start", Map.of("command_line", "sopctl run db/backup -p password=Pa55w0rd!",
                    "params", Map.of("db", Map.of("password", "Pa55w0rd!", "hosts", List.of("x", "Pa55w0rd!")))));
            w.write("command", Map.of("host", "mastervm01", "command", "mysqldump -u root -p'Pa55w0rd!' pvdi"));
            w.write("output", Map.of("host", "mastervm01", "stream", "stderr", "line",
                    "mysqldump: [Warning] Using a password Pa55w0rd! on the command line"));
        }

        // then
        String text = Files.readString(file);
        assertThat(text).doesNotContain("Pa55w0rd!");
        List<String> lines = Fixtures.lines(file);
        assertThat(JSON.readTree(lines.get(0)).at("/params/db/password").asText()).isEqualTo("***");
        assertThat(JSON.readTree(lines.get(0)).at("/params/db/hosts/1").asText()).isEqualTo("***");
        assertThat(JSON.readTree(lines.get(0)).get("command_line").asText()).endsWith("password=***");
        assertThat(JSON.readTree(lines.get(1)).get("command").asText()).isEqualTo("mysqldump -u root -p'***' pvdi");
        assertThat(JSON.readTree(lines.get(2)).get("line").asText()).contains("password *** on");
        assertThat(new TranscriptVerifier().verify(file).ok()).isTrue();
    }

    @Test
    void appendingAnotherRunContinuesTheChain() {
        // given a file with a complete run
        Path file = Fixtures.run(dir.resolve("shared.jsonl"), "run1", Redactor.NONE, true);

        // when a second run appends to it
        Fixtures.run(file, "run2", Redactor.NONE, true);

        // then
        List<String> lines = Fixtures.lines(file);
        assertThat(lines).hasSize(22);
        assertThat(lines.get(11)).contains("\"run\":\"run2\",\"seq\":1,")
                .endsWith("\"prev\":\"" + Chain.hash(lines.get(10).getBytes(StandardCharsets.UTF_8)) + "\"}");
        assertThat(new TranscriptVerifier().verify(file)).isEqualTo(new VerifyResult(true, 22, true, false, null, 0));
    }

    @Test
    void plainValuesOnlyOtherObjectsAreWrittenAsText() throws Exception {
        Path file = dir.resolve("values.jsonl");
        try (TranscriptWriter w = TranscriptWriter.open(file, "r", Redactor.NONE, Fixtures.clock())) {
            w.write("notice", Map.of("path", Path.of("/tmp/x"), "n", 1.5, "flag", true, "arr", new String[] {"a"}));
            w.write("notice", null);
            assertThat(w.events()).isEqualTo(2);
            assertThat(w.file()).isEqualTo(file);
            assertThat(w.runId()).isEqualTo("r");
        }

        JsonNode event = JSON.readTree(Fixtures.lines(file).get(0));
        assertThat(event.get("path").asText()).isEqualTo("/tmp/x");
        assertThat(event.get("n").asDouble()).isEqualTo(1.5);
        assertThat(event.get("arr").get(0).asText()).isEqualTo("a");
    }

    @Test
    void envelopeNamesAreReservedAndAClosedWriterRefusesEvents() {
        TranscriptWriter w = TranscriptWriter.open(dir.resolve("r.jsonl"), "r", Redactor.NONE, Fixtures.clock());

        assertThatThrownBy(() -> w.write("notice", Map.of("seq", 5))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'seq' is reserved");
        w.close();
        w.close();
        assertThatThrownBy(() -> w.write("notice", Map.of())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void concurrentWritersProduceWholeLinesInOneChain() throws Exception {
        Path file = dir.resolve("fanout.jsonl");
        try (TranscriptWriter w = TranscriptWriter.open(file, "r", Redactor.NONE, Fixtures.clock())) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            for (int t = 0; t < 4; t++) {
                String host = "node" + t;
                pool.submit(() -> {
                    for (int i = 0; i < 250; i++) {
                        w.write("output", Map.of("host", host, "stream", "stdout", "line", "line " + i));
                    }
                });
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(new TranscriptVerifier().verify(file)).isEqualTo(new VerifyResult(true, 1000, false, false, null, 0));
    }

    @Test
    void aFailedWriteIsExitThreeNamingTheFile() throws Exception {
        // given a file system that is full
        try (TinyTmpfs small = TinyTmpfs.mount(dir.resolve("small"), 8)) {
            assumeTrue(small != null, "needs root to mount a tmpfs");
            TranscriptWriter w = TranscriptWriter.open(small.dir().resolve("r.jsonl"), "r", Redactor.NONE, Fixtures.clock());
            small.fill("filler");

            // when / then
            assertThatThrownBy(() -> w.write("run-start", Map.of()))
                    .isInstanceOf(SopctlException.class)
                    .hasMessageContaining("cannot write transcript " + small.dir().resolve("r.jsonl"))
                    .satisfies(e -> assertThat(((SopctlException) e).exitCode()).isEqualTo(ExitCode.UNKNOWN));
            assertThatThrownBy(() -> w.write("notice", Map.of())).isInstanceOf(SopctlException.class);
            w.close();
        }
    }

    @Test
    void aFileThatCannotBeCreatedIsExitThree() throws Exception {
        Path blocker = Files.writeString(dir.resolve("blocker"), "not a folder");

        assertThatThrownBy(() -> TranscriptWriter.open(blocker.resolve("run.jsonl"), "r", Redactor.NONE, Fixtures.clock()))
                .isInstanceOf(SopctlException.class)
                .hasMessageContaining("cannot open transcript " + blocker.resolve("run.jsonl"))
                .satisfies(e -> assertThat(((SopctlException) e).exitCode()).isEqualTo(ExitCode.UNKNOWN));
    }

    @Test
    void theNoneSinkDropsEvents() {
        TranscriptSink.NONE.write("run-start", Map.of("a", 1));
        RecordingSink sink = new RecordingSink();
        sink.write("command", Map.of("command", "xl list"));

        assertThat(sink.types()).containsExactly("command");
        assertThat(sink.ofType("command").get(0).get("command")).isEqualTo("xl list");
    }
}
