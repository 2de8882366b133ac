package dev.sopctl.parse;

import static dev.sopctl.parse.TimeSyncParsersTest.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ip -br, bridge link, ping and every bond at once, on the formats of formats/README.md §4-5. */
@SuppressWarnings("unchecked")
class NetParsersTest {
    private final OutputParser ipBrief = Parsers.named("ip-brief").orElseThrow();
    private final OutputParser bridgeLink = Parsers.named("bridge-link").orElseThrow();
    private final OutputParser ping = Parsers.named("ping").orElseThrow();
    private final OutputParser bonds = Parsers.named("proc-bonding-all").orElseThrow();

    @Test
    void ipBriefLinkOfBridges() {
        Map<String, Object> r = ipBrief.parse(Samples.read("ip-br-link-bridge.txt"));

        assertThat(r.get("names")).isEqualTo(List.of("xenbr0", "virbr0"));
        assertThat(rows(r, "interfaces").get(0)).containsEntry("state", "UP").containsEntry("mac", "00:1b:21:aa:bb:cc")
                .containsEntry("up", true).containsEntry("lower_up", true).containsEntry("addresses", List.of());
        assertThat(rows(r, "interfaces").get(1)).containsEntry("state", "DOWN").containsEntry("up", true)
                .containsEntry("lower_up", false);
        assertThat((List<Object>) rows(r, "interfaces").get(1).get("flags")).contains("NO-CARRIER");
    }

    @Test
    void ipBriefAddr() {
        Map<String, Object> r = ipBrief.parse(Samples.read("ip-br-addr.txt"));

        Map<?, ?> byName = (Map<?, ?>) r.get("by_name");
        assertThat((Map<String, Object>) byName.get("xenbr0")).containsEntry("ipv4", "192.168.0.20/24")
                .containsEntry("addresses", List.of("192.168.0.20/24", "fe80::21b:21ff:feaa:bbcc/64"));
        assertThat((Map<String, Object>) byName.get("lo")).containsEntry("state", "UNKNOWN").containsEntry("ipv4", "127.0.0.1/8");
        assertThat((Map<String, Object>) byName.get("eth0")).containsEntry("ipv4", null).containsEntry("addresses", List.of());
        assertThat((Map<String, Object>) byName.get("vif3.0")).containsEntry("peer", "if2");
    }

    @Test
    void ipBriefEmptyIsNoInterfacesAndGarbageIsAnError() {
        assertThat(ipBrief.parse("").get("interfaces")).isEqualTo(List.of());
        assertThatThrownBy(() -> ipBrief.parse("xenbr0 UP\nDevice \"xenbr9\" does not exist.\n"))
                .isInstanceOf(ParseException.class).hasMessageContaining("line 2");
        assertThatThrownBy(() -> ipBrief.parse("xenbr0  UP  what?\n")).hasMessageContaining("line 1");
    }

    @Test
    void bridgeLinkCurrentAndRhel7() {
        Map<String, Object> r = bridgeLink.parse(Samples.read("bridge-link.txt"));
        assertThat(r.get("by_bridge")).isEqualTo(Map.of("xenbr0", List.of("eth0", "vif3.0"), "xenbr1", List.of("eth2")));
        assertThat(rows(r, "ports").get(2)).containsEntry("state", "disabled").containsEntry("cost", 100L)
                .containsEntry("mtu", 1500L).containsEntry("index", 8L);

        Map<String, Object> old = bridgeLink.parse(Samples.read("bridge-link-rhel7.txt"));
        assertThat(old.get("names")).isEqualTo(List.of("eth0", "veth1"));
        assertThat(old.get("bridge_of")).isEqualTo(Map.of("eth0", "xenbr0", "veth1", "xenbr1"));
        assertThat(old.get("attached")).isEqualTo(List.of("xenbr0/eth0", "xenbr1/veth1"));
    }

    @Test
    void bridgeLinkEmptyAndGarbage() {
        assertThat(bridgeLink.parse("").get("ports")).isEqualTo(List.of());
        assertThatThrownBy(() -> bridgeLink.parse("Object \"link\" is unknown\n")).hasMessageContaining("line 1");
        assertThatThrownBy(() -> bridgeLink.parse("3: eth0: <UP> mtu lots\n")).hasMessageContaining("lots");
    }

    @Test
    void pingAnswered() {
        Map<String, Object> r = ping.parse(Samples.read("ping-ok.txt"));
        assertThat(r).containsEntry("target", "192.168.0.254").containsEntry("transmitted", 3L).containsEntry("received", 3L)
                .containsEntry("loss", 0.0).containsEntry("reachable", true).containsEntry("rtt_avg", 0.052)
                .containsEntry("rtt_mdev", 0.009);
    }

    @Test
    void pingLostAndBusybox() {
        assertThat(ping.parse(Samples.read("ping-lost.txt"))).containsEntry("received", 0L).containsEntry("errors", 2L)
                .containsEntry("loss", 100.0).containsEntry("reachable", false).containsEntry("rtt_avg", null);
        assertThat(ping.parse(Samples.read("ping-busybox.txt"))).containsEntry("received", 2L).containsEntry("loss", 33.0)
                .containsEntry("rtt_max", 0.139).containsEntry("rtt_mdev", null);
    }

    @Test
    void pingWithoutStatistics() {
        assertThatThrownBy(() -> ping.parse("")).hasMessageContaining("empty output");
        assertThatThrownBy(() -> ping.parse("PING 10.0.0.1 (10.0.0.1) 56(84) bytes of data.\n"))
                .hasMessageContaining("line 1").hasMessageContaining("packets transmitted");
    }

    @Test
    void everyBondAtOnce() {
        Map<String, Object> r = bonds.parse(Samples.read("bonding-all.txt"));

        assertThat(r.get("names")).isEqualTo(List.of("bond0", "bond1"));
        assertThat(r.get("down")).isEqualTo(List.of());
        assertThat(r.get("degraded")).isEqualTo(List.of("bond1"));
        assertThat(r.get("slaves_down")).isEqualTo(List.of("bond1/eth0"));
        assertThat(r.get("link_failures")).isEqualTo(5L);
        assertThat(rows(r, "bonds").get(0)).containsEntry("name", "bond0").containsEntry("active_slave", "eth0");
    }

    @Test
    void aSingleSlaveBondIsDegradedAndABondDownIsDown() {
        String single = "==> /proc/net/bonding/bond0 <==\nBonding Mode: fault-tolerance (active-backup)\nMII Status: up\n\n"
                + "Slave Interface: eth0\nMII Status: up\nLink Failure Count: 0\n"
                + "==> /proc/net/bonding/bond2 <==\nBonding Mode: load balancing (round-robin)\nMII Status: down\n";
        Map<String, Object> r = bonds.parse(single);
        assertThat(r.get("degraded")).isEqualTo(List.of("bond0"));
        assertThat(r.get("single_slave")).isEqualTo(List.of("bond0"));
        assertThat(r.get("down")).isEqualTo(List.of("bond2"));
    }

    @Test
    void bondsEmptyAndGarbage() {
        assertThat(bonds.parse("").get("bonds")).isEqualTo(List.of());
        assertThatThrownBy(() -> bonds.parse("Bonding Mode: x\n")).hasMessageContaining("line 1").hasMessageContaining("==>");
        assertThatThrownBy(() -> bonds.parse("==> /proc/net/bonding/bond0 <==\nnonsense\n")).hasMessageContaining("bond0");
    }
}
