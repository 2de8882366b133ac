package dev.sopctl.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcBondingParserTest {
    private final OutputParser parser = Parsers.named("proc-bonding").orElseThrow();

    @Test
    void modernKernelActiveBackup() {
        Map<String, Object> bond = parser.parse(Samples.read("bonding-modern.txt"));

        assertThat(bond).containsEntry("version", "v5.14.0-427.13.1.el9_4.x86_64")
                .containsEntry("mode", "fault-tolerance (active-backup)").containsEntry("mii_status", "up")
                .containsEntry("active_slave", "eth0").containsEntry("primary_slave", "eth0")
                .containsEntry("mii_polling_interval", 100L).containsEntry("slaves_up", 2L).containsEntry("slaves_down", 0L);
        assertThat(slaves(bond).get(1)).containsEntry("name", "eth1").containsEntry("mii_status", "up")
                .containsEntry("link_failure_count", 2L).containsEntry("speed", "1000 Mbps").containsEntry("duplex", "full")
                .containsEntry("hw_addr", "52:54:00:12:34:57");
    }

    @Test
    void oldKernelWithOneSlaveDown() {
        Map<String, Object> bond = parser.parse(Samples.read("bonding-old.txt"));

        assertThat(bond).containsEntry("version", "v3.7.1 (April 27, 2011)").containsEntry("primary_slave", null)
                .containsEntry("active_slave", "eth1").containsEntry("slaves_up", 1L).containsEntry("slaves_down", 1L);
        assertThat(slaves(bond).get(0)).containsEntry("mii_status", "down").containsEntry("link_failure_count", 3L)
                .containsEntry("speed", "Unknown");
    }

    @Test
    void lacpDetailsAreSkippedAndGoingDownIsNotUp() {
        Map<String, Object> bond = parser.parse(Samples.read("bonding-802.3ad.txt"));

        assertThat(bond).containsEntry("mode", "IEEE 802.3ad Dynamic link aggregation").containsEntry("mii_status", "down")
                .containsEntry("active_slave", null).containsEntry("slaves_up", 0L).containsEntry("slaves_down", 1L);
        assertThat(slaves(bond)).hasSize(1);
        assertThat(slaves(bond).get(0)).containsEntry("mii_status", "going down").containsEntry("link_failure_count", 1L);
    }

    @Test
    void theSopPagesAnnotatedExcerpt() {
        Map<String, Object> bond = parser.parse(Samples.read("bonding-sop-page.txt"));

        assertThat(bond).containsEntry("active_slave", "eth0").containsEntry("mii_status", "up")
                .containsEntry("version", null).containsEntry("slaves_up", 2L);
        assertThat(slaves(bond)).extracting(s -> s.get("name")).containsExactly("eth2", "eth1");
        assertThat(slaves(bond).get(0)).containsEntry("link_failure_count", null);
    }

    @Test
    void activeSlaveNoneIsNull() {
        String out = Samples.read("bonding-modern.txt").replace("Currently Active Slave: eth0", "Currently Active Slave: None");

        assertThat(parser.parse(out)).containsEntry("active_slave", null);
    }

    @Test
    void garbageIsAnError() {
        assertThatThrownBy(() -> parser.parse("")).isInstanceOf(ParseException.class)
                .hasMessageContaining("proc-bonding: empty output");
        assertThatThrownBy(() -> parser.parse("cat: /proc/net/bonding/bond0: No such file or directory\n"))
                .isInstanceOf(ParseException.class).hasMessageContaining("proc-bonding: line 1:");
        assertThatThrownBy(() -> parser.parse("Bonding Mode: x\nsomething odd\n"))
                .isInstanceOf(ParseException.class).hasMessageContaining("proc-bonding: line 2:");
        assertThatThrownBy(() -> parser.parse("Bonding Mode: x\nSlave Interface: eth0\nLink Failure Count: many\n"))
                .isInstanceOf(ParseException.class).hasMessageContaining("line 3");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> slaves(Map<String, Object> result) {
        return (List<Map<String, Object>>) result.get("slaves");
    }
}
