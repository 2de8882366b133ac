package dev.sopctl.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.transcript.RecordingSink;
import dev.sopctl.transcript.Redactor;
import dev.sopctl.transport.OutputListener.Stream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputCapTest {
    private final RecordingSink sink = new RecordingSink();
    private final OutputCap cap = new OutputCap(new Emitter(List.of(sink), new Redactor(List.of("hunter2hunter2"))),
            "look", "node1");

    private List<String> lines(String stream) {
        return sink.ofType("output").stream().filter(e -> stream.equals(e.get("stream")))
                .map(e -> (String) e.get("line")).toList();
    }

    @Test
    void anOutputWithinTheHeadIsPassedOnAsItArrivesAndNothingIsSaid() {
        cap.line(Stream.STDOUT, "one");
        cap.line(Stream.STDERR, "warn hunter2hunter2");
        assertThat(lines("stdout")).containsExactly("one");

        cap.finish();

        assertThat(lines("stderr")).containsExactly("warn ***");
        assertThat(sink.ofType("notice")).isEmpty();
    }

    @Test
    void eachStreamKeepsItsHeadAndTailAndSaysWhatWasLeftOutWithTheHashOfTheWhole() throws Exception {
        String line = "y".repeat(1023); // 1 KiB with its newline
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        int n = 3000; // 3 MiB: head 512, tail 512, 2 MiB left out
        for (int i = 0; i < n; i++) {
            String text = i + ":" + line.substring(String.valueOf(i).length() + 1);
            cap.line(Stream.STDOUT, text);
            sha.update((text + "\n").getBytes(StandardCharsets.UTF_8));
        }
        cap.line(Stream.STDERR, "only one stderr line");
        assertThat(lines("stdout")).as("the head, live").hasSize(512);

        cap.finish();

        List<String> out = lines("stdout");
        assertThat(out).hasSize(1024);
        assertThat(out.get(511)).startsWith("511:");
        assertThat(out.get(512)).startsWith("2488:");
        assertThat(out.get(1023)).startsWith("2999:");
        assertThat(lines("stderr")).containsExactly("only one stderr line");
        assertThat(sink.ofType("notice")).singleElement().satisfies(e -> {
            assertThat(e.get("stream")).isEqualTo("stdout");
            assertThat(e.get("cut")).isEqualTo(true);
            assertThat(e.get("omitted_lines")).isEqualTo(1976L);
            assertThat(e.get("omitted_bytes")).isEqualTo(1976L * 1024);
            assertThat(e.get("total_bytes")).isEqualTo(3000L * 1024);
            assertThat(e.get("sha256")).isEqualTo(HexFormat.of().formatHex(sha.digest()));
        });
        assertThat(sink.types()).containsSubsequence("output", "notice", "output");
    }
}
