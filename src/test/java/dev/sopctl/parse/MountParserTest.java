package dev.sopctl.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MountParserTest {
    private final OutputParser parser = Parsers.named("mount").orElseThrow();

    @Test
    @SuppressWarnings("unchecked")
    void everyLineOfMount() {
        Map<String, Object> result = parser.parse(Samples.read("mount.txt"));

        assertThat(result.get("dirs")).isEqualTo(List.of("/sys", "/proc", "/", "/sys/kernel/config", "/dlm", "/data",
                "/mnt/usb disk", "/proc/xen"));
        List<Map<String, Object>> mounts = mounts(result);
        assertThat(mounts.get(5)).containsEntry("device", "/dev/sdb1").containsEntry("type", "ocfs2")
                .containsEntry("label", null);
        assertThat((List<Object>) mounts.get(5).get("options")).startsWith("rw", "relatime", "_netdev", "heartbeat=local")
                .hasSize(11);
        assertThat(mounts.get(6)).containsEntry("label", "BACKUP").containsEntry("type", "vfat");
    }

    @Test
    void grepForDataAndNothingMounted() {
        String data = Samples.read("mount.txt").lines().filter(l -> l.contains("/data")).findFirst().orElseThrow();

        assertThat(parser.parse(data + "\n").get("dirs")).isEqualTo(List.of("/data"));
        assertThat(parser.parse("")).isEqualTo(Map.of("mounts", List.of(), "dirs", List.of()));
    }

    @Test
    void oldOutputWithoutOptions() {
        assertThat(mounts(parser.parse("/dev/sda1 on / type ext3\n")).get(0)).containsEntry("options", List.of());
    }

    @Test
    void garbageNamesTheLine() {
        assertThatThrownBy(() -> parser.parse("/dev/sda1 on / type ext4 (rw)\nmount: only root can do that\n"))
                .isInstanceOf(ParseException.class).hasMessageContaining("mount: line 2:")
                .hasMessageContaining("only root");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> mounts(Map<String, Object> result) {
        return (List<Map<String, Object>>) result.get("mounts");
    }
}
