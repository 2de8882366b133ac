package dev.sopctl.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LcdstatusParserTest {
    private final OutputParser parser = Parsers.named("lcdstatus-q").orElseThrow();

    @Test
    @SuppressWarnings("unchecked")
    void theOperatorNotesTwoHierarchiesAndCommPaths() {
        Map<String, Object> result = parser.parse(Samples.read("lcdstatus-q-notes.txt"));

        List<Map<String, Object>> r = list(result, "resources");
        assertThat(r).hasSize(8);
        assertThat(r.get(0)).containsEntry("machine", "node1").containsEntry("tag", "app1").containsEntry("id", "application1")
                .containsEntry("state", "ISP").containsEntry("prio", 1L).containsEntry("primary", "node1")
                .containsEntry("indent", 0L).containsEntry("top", "app1");
        assertThat(r.get(3)).containsEntry("tag", "datarep1").containsEntry("id", "/dev/sda").containsEntry("indent", 4L)
                .containsEntry("top", "app1");
        assertThat(r.get(4)).containsEntry("tag", "app2").containsEntry("state", "OSU").containsEntry("prio", 10L)
                .containsEntry("primary", "node2").containsEntry("top", "app2");
        assertThat(r.get(7)).containsEntry("top", "app2");
        assertThat((Map<String, Object>) result.get("states")).containsEntry("ip1", "ISP").containsEntry("fs2", "OSU");
        assertThat(list(result, "comm_paths").get(1)).containsEntry("machine", "node2").containsEntry("network", "TCP")
                .containsEntry("addresses", "192.168.2.1/192.168.2.2").containsEntry("state", "ALIVE").containsEntry("prio", 2L);
        assertThat(result).containsEntry("alive", true);
    }

    @Test
    void theVendorSamplesOfDashQAndDashE() {
        Map<String, Object> q = parser.parse(Samples.read("lcdstatus-q.txt"));
        Map<String, Object> e = parser.parse(Samples.read("lcdstatus-e.txt"));

        assertThat(list(q, "resources")).extracting(m -> m.get("indent")).containsExactly(0L, 0L, 1L, 2L);
        assertThat(list(q, "resources")).extracting(m -> m.get("top"))
                .containsExactly("ip-10.0.0.100", "mysql-mydb", "mysql-mydb", "mysql-mydb");
        assertThat(q).containsEntry("comm_paths", List.of()).containsEntry("alive", false);
        assertThat(list(e, "resources").get(1)).containsEntry("machine", "svr1").containsEntry("tag", "filesys4083")
                .containsEntry("primary", "svr2");
        assertThat(list(e, "comm_paths").get(1)).containsEntry("network", "TTY").containsEntry("prio", null);
        assertThat(e).containsEntry("alive", true);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDeadCommPathAndAFailedResource() {
        String out = Samples.read("lcdstatus-q-notes.txt").replace("ALIVE      2", "DEAD       2")
                .replace("/fs2           OSU", "/fs2           OSF");

        Map<String, Object> result = parser.parse(out);

        assertThat(result).containsEntry("alive", false);
        assertThat((Map<String, Object>) result.get("states")).containsEntry("fs2", "OSF");
    }

    @Test
    void garbageIsAnError() {
        assertThatThrownBy(() -> parser.parse("")).isInstanceOf(ParseException.class).hasMessageContaining("lcdstatus-q: empty");
        assertThatThrownBy(() -> parser.parse("lcdstatus: LifeKeeper is not running\n"))
                .isInstanceOf(ParseException.class).hasMessageContaining("lcdstatus-q: line 1:");
        assertThatThrownBy(() -> parser.parse("LOCAL TAG ID STATE PRIO PRIMARY\nnode1 app1 application1 1 node1\n"))
                .isInstanceOf(ParseException.class).hasMessageContaining("line 2");
        assertThatThrownBy(() -> parser.parse("MACHINE NETWORK ADDRESSES/DEVICE STATE PRIO\nnode2 TCP ALIVE 1\n"))
                .isInstanceOf(ParseException.class).hasMessageContaining("line 2");
    }

    @Test
    void dashEOnlyReadsTheBackupTableAndNamesTheBackupServer() {
        OutputParser dashE = Parsers.named("lcdstatus-e").orElseThrow();
        String lowest = Samples.read("lcdstatus-e.txt").replace("svr1      filesys4083", "------    filesys4083");

        Map<String, Object> e = dashE.parse(lowest);

        assertThat(list(e, "resources").get(0)).containsEntry("backup", "svr1").containsEntry("state", "ISP");
        assertThat(list(e, "resources").get(1)).containsEntry("backup", null).containsEntry("machine", "------")
                .containsEntry("tag", "filesys4083");
        assertThat(list(parser.parse(Samples.read("lcdstatus-q.txt")), "resources").get(0)).containsEntry("backup", null);
        assertThatThrownBy(() -> dashE.parse(Samples.read("lcdstatus-q.txt"))).isInstanceOf(ParseException.class)
                .hasMessageContaining("lcdstatus-e: line 1:").hasMessageContaining("BACKUP");
        assertThatThrownBy(() -> dashE.parse("")).isInstanceOf(ParseException.class).hasMessageContaining("lcdstatus-e: empty");
        assertThatThrownBy(() -> dashE.parse(lowest.replace("ALIVE        1", "ALIVE"))).isInstanceOf(ParseException.class)
                .hasMessageContaining("lcdstatus-e: line 8:");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> result, String key) {
        return (List<Map<String, Object>>) result.get(key);
    }
}
