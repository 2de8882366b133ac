package dev.sopctl.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DfParserTest {
    private final OutputParser parser = Parsers.named("df").orElseThrow();

    @Test
    void posixOutputIsIn1024ByteBlocks() {
        Map<String, Object> result = parser.parse(Samples.read("df-P.txt"));

        assertThat(result).containsEntry("block_size", 1024L).containsEntry("mounts", List.of("/dev", "/", "/data"));
        assertThat(fs(result).get(2)).containsEntry("filesystem", "/dev/sdb1").containsEntry("type", null)
                .containsEntry("size", 524288000L).containsEntry("used", 12345678L)
                .containsEntry("available", 511942322L).containsEntry("capacity", 3L).containsEntry("mount", "/data")
                .containsEntry("size_bytes", 524288000L * 1024).containsEntry("available_bytes", 511942322L * 1024);
    }

    @Test
    void bytesWithB1() {
        Map<String, Object> result = parser.parse(Samples.read("df-B1.txt"));

        assertThat(result).containsEntry("block_size", 1L);
        assertThat(fs(result).get(1)).containsEntry("size", 536870912000L).containsEntry("size_bytes", 536870912000L)
                .containsEntry("capacity", 3L);
    }

    @Test
    void humanReadableAndAWrappedName() {
        Map<String, Object> result = parser.parse(Samples.read("df-h-wrapped.txt"));

        assertThat(result).containsEntry("block_size", 1L).containsEntry("mounts", List.of("/", "/dev/shm", "/data"));
        assertThat(fs(result).get(0)).containsEntry("filesystem", "/dev/mapper/VolGroup-lv_root")
                .containsEntry("size_bytes", 50L << 30).containsEntry("capacity", 7L)
                .containsEntry("used_bytes", Math.round(3.1 * (1L << 30)));
        assertThat(fs(result).get(1)).containsEntry("used", 0L);
    }

    @Test
    void typeColumnAndDashes() {
        Map<String, Object> result = parser.parse(Samples.read("df-PT.txt"));

        assertThat(fs(result).get(2)).containsEntry("type", "ocfs2").containsEntry("size", 524288000L)
                .containsEntry("mount", "/data");
        assertThat(fs(result).get(1)).containsEntry("size", null).containsEntry("size_bytes", null)
                .containsEntry("capacity", null);
    }

    @Test
    void withoutHeaderAssumes1024AndKeepsSpacesInTheMountPoint() {
        Map<String, Object> result = parser.parse("/dev/sdc1   1000   10   990   1% /mnt/usb disk\n");

        assertThat(fs(result).get(0)).containsEntry("size_bytes", 1024000L).containsEntry("mount", "/mnt/usb disk");
        assertThat(parser.parse("").get("filesystems")).isEqualTo(List.of());
    }

    @Test
    void siBlockSizes() {
        String out = "Filesystem     1kB-blocks  Used Available Use% Mounted on\n/dev/sda1  1000 10 990 1% /\n";

        assertThat(parser.parse(out)).containsEntry("block_size", 1000L);
        assertThat(parser.parse(out.replace("1kB-blocks", "1M-blocks"))).containsEntry("block_size", 1048576L);
    }

    @Test
    void garbageNamesTheLine() {
        assertThatThrownBy(() -> parser.parse(Samples.read("df-P.txt") + "df: /mnt/x: Transport endpoint is not connected\n"))
                .isInstanceOf(ParseException.class).hasMessageContaining("df: line 5:");
        assertThatThrownBy(() -> parser.parse("Filesystem 1024-blocks Used Available Capacity Mounted on\n/dev/sda1 1k 2 3 4% /\n"))
                .isInstanceOf(ParseException.class).hasMessageContaining("df: line 2:");
        assertThatThrownBy(() -> parser.parse("/dev/sda1 100 2 98 full /\n"))
                .isInstanceOf(ParseException.class).hasMessageContaining("df: line 1:");
        assertThatThrownBy(() -> parser.parse("/dev/mapper/lonely\n"))
                .isInstanceOf(ParseException.class).hasMessageContaining("df: line 1:");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> fs(Map<String, Object> result) {
        return (List<Map<String, Object>>) result.get("filesystems");
    }
}
