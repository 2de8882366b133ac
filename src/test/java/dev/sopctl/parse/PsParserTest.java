package dev.sopctl.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PsParserTest {
    private final OutputParser parser = Parsers.named("ps").orElseThrow();

    @Test
    void psEfWithHeader() {
        List<Map<String, Object>> ps = processes(parser.parse(Samples.read("ps-ef.txt")));

        assertThat(ps).hasSize(8);
        assertThat(ps.get(0)).containsEntry("user", "root").containsEntry("pid", 1L).containsEntry("ppid", 0L)
                .containsEntry("stime", "Jan15").containsEntry("tty", "?").containsEntry("cmd", "/sbin/init");
        assertThat(ps.get(2)).containsEntry("cmd",
                "nginx: master process /usr/sbin/nginx -g daemon on; master_process on;");
        assertThat(ps.get(4)).containsEntry("user", "orchard").containsEntry("pid", 2345L).containsEntry("c", 2L)
                .containsEntry("time", "1-02:03:04")
                .containsEntry("cmd", "/usr/bin/uwsgi --ini /home/orchard/pvdi/conf/pvdi_uwsgi.ini");
        assertThat(ps.get(6)).containsEntry("user", "systemd+").containsEntry("stime", "2023");
        assertThat(ps.get(7)).containsEntry("tty", "pts/0").containsEntry("cmd", "grep  --color=auto   nginx");
    }

    @Test
    void grepOutputWithoutHeader() {
        List<Map<String, Object>> ps = processes(parser.parse(Samples.read("ps-grep.txt")));

        assertThat(ps).extracting(p -> p.get("pid")).containsExactly(2401L, 4243L);
        assertThat(ps.get(0)).containsEntry("cmd", "python /home/orchard/pvdi/scripts/pemon.py start");
    }

    @Test
    void nothingFoundIsNoProcesses() {
        assertThat(parser.parse("")).isEqualTo(Map.of("processes", List.of()));
        assertThat(parser.parse("UID          PID    PPID  C STIME TTY          TIME CMD\n"))
                .isEqualTo(Map.of("processes", List.of()));
    }

    @Test
    void garbageNamesTheLine() {
        assertThatThrownBy(() -> parser.parse(Samples.read("ps-grep.txt") + "Binary file (standard input) matches\n"))
                .isInstanceOf(ParseException.class).hasMessageContaining("ps: line 3:")
                .hasMessageContaining("Binary file");
        assertThatThrownBy(() -> parser.parse("  PID TTY          TIME CMD\n 4100 pts/0    00:00:00 bash\n"))
                .isInstanceOf(ParseException.class).hasMessageContaining("ps: line 1:");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> processes(Map<String, Object> result) {
        return (List<Map<String, Object>>) result.get("processes");
    }
}
