package dev.sopctl.transport.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.transport.OutputListener;
import dev.sopctl.transport.OutputListener.Stream;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputPumpTest {
    private final List<String> lines = new ArrayList<>();
    private final OutputListener listener = (stream, line) -> lines.add(line);

    private OutputPump pump(byte[] input, long cap, boolean marker) {
        OutputPump p = new OutputPump(new ByteArrayInputStream(input), Stream.STDERR, listener, cap, marker, new Completion(2));
        p.run();
        return p;
    }

    @Test
    void takesTheMarkerOutAndKeepsTheRest() {
        OutputPump p = pump("sopctl-pgid=4242\nreal\r\nlast".getBytes(StandardCharsets.UTF_8), 100, true);

        assertThat(p.processGroup()).isEqualTo(4242);
        assertThat(lines).containsExactly("real", "last");
        assertThat(p.text()).isEqualTo("real\r\nlast");
        assertThat(p.truncated()).isFalse();
    }

    @Test
    void aMarkerLikeLineLaterOnIsOrdinaryOutput() {
        OutputPump p = pump("first\nsopctl-pgid=1\n".getBytes(StandardCharsets.UTF_8), 100, true);

        assertThat(p.processGroup()).isEqualTo(-1);
        assertThat(lines).containsExactly("first", "sopctl-pgid=1");
    }

    @Test
    void keepsOnlyTheCapButStreamsEverything() {
        OutputPump p = pump("aaaa\nbbbb\ncccc\n".getBytes(StandardCharsets.UTF_8), 7, false);

        assertThat(lines).containsExactly("aaaa", "bbbb", "cccc");
        assertThat(p.text()).isEqualTo("aaaa\nbb");
        assertThat(p.truncated()).isTrue();
    }

    @Test
    void decodesMalformedUtf8Leniently() {
        byte[] input = {'o', 'k', (byte) 0xC3, (byte) 0xA9, ' ', (byte) 0xFF, '\n'};
        pump(input, 100, false);

        assertThat(lines).containsExactly("ok\u00e9 \uFFFD");
    }

    @Test
    void splitsAnEndlessLineIntoBoundedPieces() {
        byte[] input = new byte[OutputPump.MAX_LINE * 2 + 10];
        java.util.Arrays.fill(input, (byte) 'x');
        OutputPump p = pump(input, 16, false);

        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).hasSize(OutputPump.MAX_LINE);
        assertThat(lines.get(2)).hasSize(10);
        assertThat(p.text()).hasSize(16);
    }
}
