package dev.sopctl.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClStatusParserTest {
    private final OutputParser hbstatus = Parsers.named("cl-status-hbstatus").orElseThrow();
    private final OutputParser nodestatus = Parsers.named("cl-status-nodestatus").orElseThrow();
    private final OutputParser rscstatus = Parsers.named("cl-status-rscstatus").orElseThrow();
    private final OutputParser listnodes = Parsers.named("cl-status-listnodes").orElseThrow();

    @Test
    void hbstatusRunningAndStopped() {
        assertThat(hbstatus.parse("Heartbeat is running on this machine.\n")).containsEntry("running", true);
        assertThat(hbstatus.parse("Heartbeat is stopped on this machine.\n")).containsEntry("running", false)
                .containsEntry("text", "Heartbeat is stopped on this machine.");
    }

    @Test
    void nodestatusOfAnActivePeerADeadOneAndAPingNode() {
        assertThat(nodestatus.parse("active\n")).containsEntry("status", "active").containsEntry("alive", true);
        assertThat(nodestatus.parse("dead\n")).containsEntry("alive", false);
        assertThat(nodestatus.parse("up")).containsEntry("alive", true);
    }

    @Test
    void rscstatusAllNoneAndTransition() {
        assertThat(rscstatus.parse("all\n")).containsEntry("holds", "all").containsEntry("holds_all", true)
                .containsEntry("holds_none", false);
        assertThat(rscstatus.parse("none\n")).containsEntry("holds_none", true);
        assertThat(rscstatus.parse("transition\r\n")).containsEntry("holds", "transition").containsEntry("holds_all", false);
    }

    @Test
    void listnodesOneAndTwoNodes() {
        assertThat(listnodes.parse("nas1\nnas2\n")).containsEntry("nodes", List.of("nas1", "nas2")).containsEntry("count", 2L);
        assertThat(listnodes.parse("nas1.example.com\n")).containsEntry("count", 1L);
    }

    @Test
    void malformedOutputNamesTheLine() {
        assertThatThrownBy(() -> hbstatus.parse("")).isInstanceOf(ParseException.class)
                .hasMessageContaining("cl-status-hbstatus: empty");
        assertThatThrownBy(() -> hbstatus.parse("bash: cl_status: command not found\n"))
                .isInstanceOf(ParseException.class).hasMessageContaining("cl-status-hbstatus: line 1:");
        assertThatThrownBy(() -> nodestatus.parse("Usage: cl_status hbstatus|listnodes|nodestatus <node>|rscstatus\n"))
                .isInstanceOf(ParseException.class).hasMessageContaining("cl-status-nodestatus: line 1:");
        assertThatThrownBy(() -> rscstatus.parse("all\nall\n")).isInstanceOf(ParseException.class)
                .hasMessageContaining("line 2").hasMessageContaining("a single line");
        assertThatThrownBy(() -> rscstatus.parse("active\n")).isInstanceOf(ParseException.class)
                .hasMessageContaining("resource status");
        assertThatThrownBy(() -> listnodes.parse("nas1\nError: cannot connect\n")).isInstanceOf(ParseException.class)
                .hasMessageContaining("cl-status-listnodes: line 2:");
        assertThatThrownBy(() -> listnodes.parse("\n\n")).isInstanceOf(ParseException.class)
                .hasMessageContaining("cl-status-listnodes: empty");
    }
}
