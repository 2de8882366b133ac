package dev.sopctl.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KernelLogParserTest {
    private final OutputParser parser = Parsers.named("kernel-log").orElseThrow();

    @Test
    void everySignatureOfTheFormatsReadme() {
        // given the README's §10 and §6.3 excerpts under syslog prefixes, old and new kernels
        Map<String, Object> result = parser.parse(Samples.read("kernel-messages.txt"));

        // then
        assertThat(result).containsEntry("lines", 28L).containsEntry("found",
                List.of("xen-balloon", "o2net-disconnect", "soft-lockup", "hung-task", "oom-kill"));
        Map<String, Map<String, Object>> f = bySignature(result);
        assertThat(f.get("xen-balloon")).containsEntry("count", 1L).containsEntry("first", "Jan 15 10:00:01")
                .containsEntry("vfs_ioctl", true)
                .containsEntry("sample", "Jan 15 10:00:01 node1 kernel:  [<ffffffff813f1a2e>] alloc_xenballooned_pages+0x6e/0x170");
        assertThat(f.get("o2net-disconnect")).containsEntry("count", 2L).containsEntry("first", "Jan 15 10:03:00")
                .containsEntry("last", "Jan 15 10:04:00").containsEntry("subjects", List.of("node2"));
        assertThat(f.get("soft-lockup")).containsEntry("count", 2L)
                .containsEntry("subjects", List.of("kworker/3:1", "qemu-dm")).containsEntry("last", "Jan 15 10:05:30");
        assertThat(f.get("hung-task")).containsEntry("count", 2L)
                .containsEntry("subjects", List.of("qemu-dm", "jbd2/dm-0-8"));
        // the old kernel's "Kill process" + "Killed process" pair is one kill; the new single line another
        assertThat(f.get("oom-kill")).containsEntry("count", 2L).containsEntry("subjects", List.of("mysqld"))
                .containsEntry("first", "Jan 15 10:06:00").containsEntry("last", "Jan 15 10:07:00");
    }

    @Test
    void theSopPagesSpellingAndTheOldO2netPrefix() {
        Map<String, Map<String, Object>> f = bySignature(parser.parse(Samples.read("kernel-sop-spelling.txt")));

        assertThat(f.get("xen-balloon")).containsEntry("count", 1L).containsEntry("first", "Feb  3 04:10:11")
                .containsEntry("vfs_ioctl", true);
        assertThat(f.get("o2net-disconnect")).containsEntry("count", 2L)
                .containsEntry("subjects", List.of("pvdi-node1", "pvdi-node3"));
    }

    @Test
    void vfsIoctlElsewhereDoesNotMarkTheBalloonTrace() {
        String out = "Jan 15 10:00:00 h kernel: Call Trace:\nJan 15 10:00:00 h kernel:  vfs_ioctl+0x2d/0x50\n"
                + "Jan 15 10:01:00 h kernel: Call Trace:\nJan 15 10:01:00 h kernel:  alloc_xenballooned_pages+0x6e/0x170\n";

        assertThat(bySignature(parser.parse(out)).get("xen-balloon")).containsEntry("vfs_ioctl", false);
        assertThat(parser.parse("Jan 15 10:00:00 h kernel:  vfs_ioctl+0x2d/0x50\n").get("findings")).isEqualTo(List.of());
    }

    @Test
    void dmesgIsoAndBareKernelLines() {
        Map<String, Object> dmesg = parser.parse("[ 1290.000001] watchdog: BUG: soft lockup - CPU#1 stuck for 23s! [x:1]\n");
        Map<String, Object> iso = parser.parse(
                "2024-01-15T10:00:00.123456+09:00 node1 kernel: Out of memory: Killed process 9 (java) total-vm:1kB\n");
        Map<String, Object> bare = parser.parse("kernel: INFO: task qemu-dm:4242 blocked for more than 120 seconds.\r\n");

        assertThat(bySignature(dmesg).get("soft-lockup")).containsEntry("first", "1290.000001");
        assertThat(bySignature(iso).get("oom-kill")).containsEntry("first", "2024-01-15T10:00:00.123456+09:00")
                .containsEntry("subjects", List.of("java"));
        assertThat(bySignature(bare).get("hung-task")).containsEntry("first", null).containsEntry("count", 1L);
    }

    @Test
    void aQuietLogHasNoFindings() {
        assertThat(parser.parse("Jan 15 09:59:58 node1 systemd[1]: Started Session 12 of user root.\n"))
                .containsEntry("findings", List.of()).containsEntry("lines", 1L);
        assertThat(parser.parse("")).containsEntry("findings", List.of()).containsEntry("lines", 0L);
    }

    @Test
    void tensOfMegabytesInOnePass() {
        // given ~40 MB of ordinary lines with a few signatures and one very long line
        String noise = "Jan 15 10:00:00 node1 kernel: eth0: link up, 1000Mbps, full-duplex, lpa 0x45E1 INFO: task \n";
        StringBuilder sb = new StringBuilder(41_000_000);
        for (int i = 0; i < 420_000; i++) {
            sb.append(noise);
            if (i % 100_000 == 0) {
                sb.append("Jan 15 10:00:01 node1 kernel: o2net: No longer connected to node node2 (num 1) at 10.0.0.2:7777\n");
            }
        }
        sb.append("Jan 15 10:00:02 node1 kernel: ").append("INFO: task ".repeat(50_000)).append(" blocked for more than\n");
        String out = sb.toString();

        // when / then
        Map<String, Object> result = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> parser.parse(out));
        assertThat(bySignature(result).get("o2net-disconnect")).containsEntry("count", 5L);
        assertThat(result).containsEntry("lines", 420_006L);
    }

    @Test
    void binaryOrForeignTextIsAnError() {
        assertThatThrownBy(() -> parser.parse("\u001F\u008B\u0008\u0000\u0000\u0000"))
                .isInstanceOf(ParseException.class).hasMessageContaining("kernel-log: line 1:").hasMessageContaining("zcat");
        assertThatThrownBy(() -> parser.parse("\n<html>\n<body>Not Found</body>\n"))
                .isInstanceOf(ParseException.class).hasMessageContaining("kernel-log: line 2:").hasMessageContaining("<html>");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> bySignature(Map<String, Object> result) {
        Map<String, Map<String, Object>> by = new java.util.LinkedHashMap<>();
        for (Object o : (List<Object>) result.get("findings")) {
            Map<String, Object> f = (Map<String, Object>) o;
            by.put((String) f.get("signature"), f);
        }
        return by;
    }
}
