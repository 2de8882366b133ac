package dev.sopctl.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NtpqPeersParserTest {
    private final OutputParser parser = Parsers.named("ntpq-peers").orElseThrow();

    @Test
    void theDocumentedSampleWithEveryCommonTally() {
        Map<String, Object> result = parser.parse(Samples.read("ntpq-p.txt"));

        List<Map<String, Object>> peers = peers(result);
        assertThat(peers).extracting(p -> p.get("tally")).containsExactly("*", "+", "-", "x", " ", " ");
        assertThat(peers.get(0)).containsEntry("remote", "ntp1.example.co").containsEntry("refid", "192.168.10.5")
                .containsEntry("st", 2L).containsEntry("t", "u").containsEntry("when", 33L).containsEntry("poll", 64L)
                .containsEntry("reach", "377").containsEntry("reachable", true).containsEntry("delay", 0.412)
                .containsEntry("offset", -0.118).containsEntry("jitter", 0.051);
        assertThat(peers.get(3)).containsEntry("offset", 812.334);
        assertThat(peers.get(4)).containsEntry("refid", ".INIT.").containsEntry("when", null)
                .containsEntry("reachable", false).containsEntry("st", 16L);
        assertThat(peers.get(5)).containsEntry("remote", "LOCAL(0)").containsEntry("when", 7L * 86400);
        assertThat(result).containsEntry("synchronized", true).containsEntry("selected", peers.get(0))
                .containsEntry("offset", -0.118);
    }

    @Test
    void aLongRemoteWrapsOntoTheNextLine() {
        Map<String, Object> result = parser.parse(Samples.read("ntpq-wide.txt"));

        List<Map<String, Object>> peers = peers(result);
        assertThat(peers).hasSize(5);
        assertThat(peers.get(0)).containsEntry("tally", "*").containsEntry("remote", "ntp-primary.zone-a.pvdi.example.com")
                .containsEntry("refid", "192.168.10.5").containsEntry("offset", -0.118);
        assertThat(peers.get(1)).containsEntry("when", 17L * 60).containsEntry("poll", 1024L);
        assertThat(peers.get(2)).containsEntry("tally", "#").containsEntry("when", 3L * 3600).containsEntry("offset", 0.402);
        assertThat(peers.get(3)).containsEntry("tally", ".").containsEntry("reach", "17");
        assertThat(peers.get(4)).containsEntry("tally", "o");
        assertThat(result).containsEntry("selected", peers.get(0));
    }

    @Test
    void ppsPeerIsTheSystemPeerWhenThereIsNoStar() {
        String out = Samples.read("ntpq-wide.txt").replace("*ntp-primary", "+ntp-primary");

        assertThat(((Map<?, ?>) parser.parse(out).get("selected")).get("tally")).isEqualTo("o");
    }

    @Test
    void ntpsecUnitsAreConvertedToMilliseconds() {
        Map<String, Object> peer = peers(parser.parse(Samples.read("ntpq-ntpsec-units.txt"))).get(0);

        assertThat(peer).containsEntry("delay", 27.405).containsEntry("offset", -1.267).containsEntry("reach", "3");
        assertThat((Double) peer.get("jitter")).isCloseTo(0.57939, within(1e-9));
    }

    @Test
    void unsynchronised() {
        Map<String, Object> result = parser.parse(Samples.read("ntpq-unsynced.txt"));

        assertThat(result).containsEntry("synchronized", false).containsEntry("selected", null).containsEntry("offset", null);
        assertThat(parser.parse("No association ID's returned\n")).containsEntry("peers", List.of())
                .containsEntry("synchronized", false);
    }

    @Test
    void garbageIsAnError() {
        assertThatThrownBy(() -> parser.parse("")).isInstanceOf(ParseException.class).hasMessageContaining("ntpq-peers: empty");
        assertThatThrownBy(() -> parser.parse("ntpq: read: Connection refused\n"))
                .isInstanceOf(ParseException.class).hasMessageContaining("ntpq-peers: line 1:");
        String head = Samples.read("ntpq-unsynced.txt").lines().limit(2).reduce("", (a, b) -> a + b + "\n");
        assertThatThrownBy(() -> parser.parse(head + "!10.0.0.1 .INIT. 16 u - 64 0 0.000 0.000 0.000\n"))
                .isInstanceOf(ParseException.class).hasMessageContaining("line 3").hasMessageContaining("tally");
        assertThatThrownBy(() -> parser.parse(head + "*10.0.0.1 .INIT. 16 u - 64 0 0.000 0.000\n"))
                .isInstanceOf(ParseException.class).hasMessageContaining("line 3");
        assertThatThrownBy(() -> parser.parse(head + "*10.0.0.1 .INIT. 16 u - 64 999 0.000 0.000 0.1\n"))
                .isInstanceOf(ParseException.class).hasMessageContaining("octal");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> peers(Map<String, Object> result) {
        return (List<Map<String, Object>>) result.get("peers");
    }
}
