package dev.sopctl.engine;

import static dev.sopctl.engine.RunResults.on;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.ExitCode;
import dev.sopctl.inventory.Inventory;
import dev.sopctl.inventory.InventoryLoader;
import dev.sopctl.runbook.Runbook;
import dev.sopctl.testing.ScriptedTransport.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** net/check: bonds, the bridges the inventory expects (brctl or ip/bridge link), the zone's gateway. */
class NetCheckRunbookTest {
    private static final Runbook RUNBOOK = EngineHarness.packaged("net/check");
    private static final String BOND = """
            ==> /proc/net/bonding/bond0 <==
            Ethernet Channel Bonding Driver: v3.7.1 (April 27, 2011)

            Bonding Mode: fault-tolerance (active-backup)
            Primary Slave: None
            Currently Active Slave: eth0
            MII Status: up
            MII Polling Interval (ms): 100

            Slave Interface: eth0
            MII Status: up
            Speed: 1000 Mbps
            Duplex: full
            Link Failure Count: 0

            Slave Interface: eth1
            MII Status: up
            Speed: 1000 Mbps
            Duplex: full
            Link Failure Count: 2
            """;
    private static final String BRCTL = "bridge name\tbridge id\t\tSTP enabled\tinterfaces\n"
            + "xenbr0\t\t8000.001e67166064\tno\t\tbond0\n\t\t\t\t\t\t\tvif1.0\n"
            + "xenbr1\t\t8000.001e67166066\tno\t\teth2\n";
    private static final String PING = """
            PING 10.0.0.254 (10.0.0.254) 56(84) bytes of data.

            --- 10.0.0.254 ping statistics ---
            3 packets transmitted, 3 received, 0% packet loss, time 2003ms
            rtt min/avg/max/mdev = 0.041/0.052/0.063/0.009 ms
            """;
    private static final String BONDS = "^\\[ -d /proc/net/bonding \\]";

    @TempDir
    Path dir;
    private final EngineHarness h = new EngineHarness();

    @BeforeEach
    void oneNodeWithBridgesExpected() throws Exception {
        Path inv = dir.resolve("inventory.yaml");
        Files.writeString(inv, """
                zones:
                  zone-a: {gateway: 10.0.0.254, vars: {bridges: {xenbr0: [bond0], xenbr1: [eth2]}}}
                hosts:
                  node1: {address: 10.0.0.11, role: node, zone: zone-a}
                  node2: {address: 10.0.0.12, role: node}
                """);
        h.inventory = InventoryLoader.load(inv, Map.of());
        for (String node : new String[] {"node1", "node2"}) {
            h.transport.on(node, BONDS, Reply.ok(BOND));
            h.transport.on(node, "^command -v brctl", Reply.ok("/usr/sbin/brctl\n"));
            h.transport.on(node, "^brctl show$", Reply.ok(BRCTL));
            h.transport.on(node, "^ping ", Reply.ok(PING));
        }
    }

    @Test
    void aHealthyNodePassesAndTheCommandsAreTheSops() {
        RunResult r = h.run(RUNBOOK, Map.of());

        assertThat(r.exitCode()).as(r.message()).isEqualTo(ExitCode.OK);
        assertThat(h.commands("node1")).containsExactly("[ -d /proc/net/bonding ] || exit 0; tail -v -n +1 /proc/net/bonding/*",
                "command -v brctl || true", "brctl show", "ping -n -c 3 -w 5 10.0.0.254");
        assertThat(h.commands("node2")).as("no zone: no expected bridges judged, no gateway").doesNotContain("ping -n -c 3 -w 5 10.0.0.254");
        assertThat(r.captured().get("node1")).as("values a monitor can graph").containsEntry("link_failures", 2L)
                .containsEntry("loss", 0.0).containsEntry("rtt_avg", 0.052).containsEntry("bonds", java.util.List.of("bond0"));
    }

    @Test
    void aSlaveDownIsAWarningNamingIt() {
        h.transport.on("node1", BONDS, Reply.ok(BOND.replace("Link Failure Count: 2", "Link Failure Count: 3")
                .replace("Slave Interface: eth1\nMII Status: up", "Slave Interface: eth1\nMII Status: down")));

        RunResult r = h.run(RUNBOOK, Map.of());

        assertThat(r.exitCode()).isEqualTo(ExitCode.WARNING);
        assertThat(on(r, "check-bonds", "node1").message()).isEqualTo("bond0/eth1 down on node1: serving without redundancy");
    }

    @Test
    void aBondDownIsCritical() {
        h.transport.on("node1", BONDS, Reply.ok(BOND.replace("Currently Active Slave: eth0\nMII Status: up",
                "Currently Active Slave: None\nMII Status: down")));

        RunResult r = h.run(RUNBOOK, Map.of("targets", "node1"));

        assertThat(r.exitCode()).isEqualTo(ExitCode.CRITICAL);
        assertThat(on(r, "check-bonds", "node1").message()).isEqualTo("bond bond0 is down on node1");
    }

    @Test
    void aMissingBridgeAndAMissingPortAreCritical() {
        h.transport.on("node1", "^brctl show$", Reply.ok("bridge name\tbridge id\t\tSTP enabled\tinterfaces\n"
                + "xenbr0\t\t8000.001e67166064\tno\t\teth9\n"));

        RunResult r = h.run(RUNBOOK, Map.of("targets", "node1"));

        assertThat(r.exitCode()).isEqualTo(ExitCode.CRITICAL);
        assertThat(on(r, "check-bridges", "node1").message()).isEqualTo("bridge xenbr1 is missing on node1");
        assertThat(on(r, "ping-gateway", "node1").outcome().id()).as("the other checks still run").isEqualTo("ok");
    }

    @Test
    void withoutBridgeUtilsIpAndBridgeLinkAreRead() {
        h.transport.on("node1", "^command -v brctl", Reply.ok(""));
        h.transport.on("node1", "^ip -br link show type bridge$", Reply.ok(
                "xenbr0           UP             00:1e:67:16:0b:60 <BROADCAST,MULTICAST,UP,LOWER_UP> \n"
                        + "xenbr1           UP             00:1e:67:16:0b:62 <BROADCAST,MULTICAST,UP,LOWER_UP> \n"));
        h.transport.on("node1", "^bridge link$", Reply.ok(
                "5: bond0: <BROADCAST,MULTICAST,MASTER,UP,LOWER_UP> mtu 1500 master xenbr0 state forwarding priority 32 cost 4 \n"));

        RunResult r = h.run(RUNBOOK, Map.of("targets", "node1"));

        assertThat(r.exitCode()).isEqualTo(ExitCode.CRITICAL);
        assertThat(on(r, "list-bridges", "node1").outcome().id()).isEqualTo("ok");
        assertThat(on(r, "check-bridge-ports", "node1").message()).isEqualTo("xenbr1/eth2 not attached on node1 (BRIDGE/PORT)");
        assertThat(h.commands("node1")).doesNotContain("brctl show");
    }

    @Test
    void aGatewayThatDoesNotAnswerIsCriticalAndLossAWarning() {
        h.transport.on("node1", "^ping ", Reply.exit(1, PING.replace("3 received, 0% packet loss", "0 received, 100% packet loss")
                .replace("rtt min/avg/max/mdev = 0.041/0.052/0.063/0.009 ms\n", ""), ""));
        RunResult r = h.run(RUNBOOK, Map.of("targets", "node1"));
        assertThat(r.exitCode()).isEqualTo(ExitCode.CRITICAL);
        assertThat(on(r, "ping-gateway", "node1").message()).isEqualTo("gateway 10.0.0.254 does not answer node1 (100% loss of 3)");

        h.transport.on("node1", "^ping ", Reply.exit(0, PING.replace("3 received, 0% packet loss", "2 received, 33% packet loss"), ""));
        RunResult lossy = h.run(RUNBOOK, Map.of("targets", "node1", "count", "10", "deadline", "12"));
        assertThat(lossy.exitCode()).isEqualTo(ExitCode.WARNING);
        assertThat(on(lossy, "ping-gateway", "node1").message()).isEqualTo("gateway 10.0.0.254: 33% loss from node1 (rtt 0.052 ms)");
        assertThat(h.commands("node1")).contains("ping -n -c 10 -w 12 10.0.0.254");
    }
}
