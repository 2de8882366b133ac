package dev.sopctl.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.ExitCode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * net check and net readdress-bridge on the bond-degraded lab (bond0's eth1 down on node1): the
 * slave named; a missing bridge; a re-address that is confirmed and persisted; one whose gateway
 * does not answer, undone by the node itself; bad input refused before anything runs; the management
 * bridge re-addressed with sopctl going on at the new address, or rolled back by the node when sopctl
 * cannot reach the new one.
 */
@Lab("bond-degraded")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NetLabTest {
    @TempDir
    Path state;

    @Test
    @Order(1)
    void aSlaveDownIsAWarningNamingIt(LabEstate lab) {
        LabCli.Result r = new LabCli(lab, state).run("net", "check", "--no-color");

        assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.WARNING);
        assertThat(r.out()).contains("bond0/eth1 down on node1: serving without redundancy")
                .doesNotContain("on node2: serving").doesNotContain("is missing");
    }

    @Test
    @Order(2)
    void aMissingBridgeIsCritical(LabEstate lab) throws Exception {
        lab.fault("node2", "bridge-missing");

        LabCli.Result r = new LabCli(lab, state).run("net", "check", "node2", "--no-color");

        assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.CRITICAL);
        assertThat(r.out()).contains("bridge xenbr1 is missing on node2");
    }

    @Test
    @Order(3)
    void aReaddressWithAnAnsweringGatewayIsKeptAndPersisted(LabEstate lab) throws Exception {
        lab.exec("node3", "ip addr replace 10.8.0.13/24 dev xenbr1");

        LabCli.Result r = new LabCli(lab, state).run("net", "readdress-bridge", "node3", "--bridge", "xenbr1",
                "--address", "10.9.0.13/24", "--gateway", "10.9.0.1", "--confirm-timeout", "4s", "--yes", "--no-color");

        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(lab.exec("node3", "ip -br addr show dev xenbr1")).contains("10.9.0.13/24").doesNotContain("10.8.0.13");
        assertThat(lab.exec("node3", "ip route show default")).startsWith("default via 10.9.0.1 dev xenbr1");
        assertThat(lab.exec("node3", "test -e /run/sopctl-readdress.pid && echo armed || echo disarmed")).isEqualTo("disarmed\n");
        assertThat(lab.exec("node3", "sed -n '/^iface xenbr1/,/^$/p' /etc/network/interfaces"))
                .contains("iface xenbr1 inet static").contains("address 10.9.0.13/24").contains("gateway 10.9.0.1");
        assertThat(lab.exec("node3", "ls /etc/network/")).containsPattern("interfaces\\.sopctl-\\d{14}");
        Thread.sleep(6000); // longer than the disarmed rollback would have waited
        assertThat(lab.exec("node3", "ip -br addr show dev xenbr1")).contains("10.9.0.13/24");
    }

    @Test
    @Order(4)
    void aGatewayThatDoesNotAnswerIsRolledBackByTheNode(LabEstate lab) throws Exception {
        lab.exec("node1", "ip addr replace 10.8.0.11/24 dev xenbr1");
        lab.fault("node1", "gateway-unreachable", Map.of("LAB_GATEWAY", "10.9.1.1"));
        String interfaces = lab.exec("node1", "cat /etc/network/interfaces");

        LabCli.Result r = new LabCli(lab, state).run("net", "readdress-bridge", "node1", "--bridge", "xenbr1",
                "--address", "10.9.1.11/24", "--gateway", "10.9.1.1", "--confirm-timeout", "5s", "--yes", "--no-color");

        assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.CRITICAL);
        assertThat(r.out()).contains("gateway 10.9.1.1 does not answer node1 after the change (100% loss)")
                .contains("node1 put xenbr1 back to 10.8.0.11/24 by itself");
        assertThat(lab.exec("node1", "ip -br addr show dev xenbr1")).contains("10.8.0.11/24").doesNotContain("10.9.1.11");
        assertThat(lab.exec("node1", "ip route show default")).doesNotContain("10.9.1.1");
        assertThat(lab.exec("node1", "cat /etc/network/interfaces")).isEqualTo(interfaces);
    }

    @Test
    @Order(5)
    void badInputIsRefusedBeforeAnythingRuns(LabEstate lab) throws Exception {
        String before = lab.exec("node2", "ip -br addr; ip route");
        LabCli cli = new LabCli(lab, state);

        LabCli.Result outside = cli.run("net", "readdress-bridge", "node2", "--bridge", "xenbr0", "--address", "10.9.0.12/24",
                "--gateway", "10.9.9.1", "--yes");
        LabCli.Result badCidr = cli.run("net", "readdress-bridge", "node2", "--bridge", "xenbr0", "--address", "10.9.0.12/40", "--yes");
        LabCli.Result badBridge = cli.run("net", "readdress-bridge", "node2", "--bridge", "xenbr0;reboot", "--address", "10.9.0.12/24",
                "--yes");
        LabCli.Result noSuchBridge = cli.run("net", "readdress-bridge", "node2", "--bridge", "xenbr9", "--address", "10.9.0.12/24",
                "--yes", "--no-color");

        assertThat(outside.exit()).as(outside.all()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(outside.err()).contains("10.9.9.1 is outside the subnet 10.9.0.0/24");
        assertThat(badCidr.exit()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(badBridge.exit()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(noSuchBridge.exit()).as(noSuchBridge.all()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(noSuchBridge.all()).contains("xenbr9 is not a bridge on node2 (bridges: xenbr0)"); // xenbr1 went in test 2
        assertThat(lab.exec("node2", "ip -br addr; ip route")).isEqualTo(before);
    }

    @Test
    @Order(6)
    void theManagementBridgeIsReaddressedAndSopctlGoesOnAtTheNewAddress(LabEstate lab) throws Exception {
        String net = lab.exec("node1", "cat /var/lib/lab/lab_net").strip();
        try {
            LabCli.Result r = new LabCli(lab, state).run("net", "readdress-bridge", "node1", "--bridge", "xenbr0",
                    "--address", net + ".111/24", "--gateway", net + ".254", "--confirm-timeout", "30s", "--yes", "--no-color");

            assertThat(r.exit()).as(r.all()).isZero();
            assertThat(r.all()).contains("reaching node1 at " + net + ".111 (its inventory address is " + net + ".11)");
            assertThat(lab.exec("node1", "ip -br addr show dev xenbr0")).contains(net + ".111/24").doesNotContain(net + ".11/");
            assertThat(lab.exec("node1", "test -e /run/sopctl-readdress.pid && echo armed || echo disarmed")).isEqualTo("disarmed\n");
            assertThat(lab.exec("node1", "sed -n '/^iface xenbr0/,/^$/p' /etc/network/interfaces"))
                    .contains("address " + net + ".111/24").contains("gateway " + net + ".254");
            assertThat(lab.exec("node1", "grep -c 'address " + net + ".11 left the node' /var/log/messages"))
                    .as("the old address stopped answering SSH").isNotEqualTo("0\n");
        } finally {
            lab.exec("node1", "ip addr replace " + net + ".11/24 dev xenbr0; ip addr del " + net + ".111/24 dev xenbr0;"
                    + " ip route replace default via " + net + ".254 dev xenbr0");
        }
        assertThat(new LabCli(lab, state).run("exec", "--on", "node1", "--", "hostname").exit()).as("back at its own address").isZero();
    }

    @Test
    @Order(7)
    void aNewManagementAddressSopctlCannotReachIsRolledBackAndTheNodeReachedAtItsOldOne(LabEstate lab) throws Exception {
        String net = lab.exec("node2", "cat /var/lib/lab/lab_net").strip();
        lab.fault("node2", "address-unreachable", Map.of("LAB_ADDRESS", net + ".112"));
        String interfaces = lab.exec("node2", "cat /etc/network/interfaces");
        try {
            LabCli.Result r = new LabCli(lab, state).run("net", "readdress-bridge", "node2", "--bridge", "xenbr0",
                    "--address", net + ".112/24", "--gateway", net + ".254", "--confirm-timeout", "10s", "--yes", "--no-color");

            assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.CRITICAL);
            assertThat(r.all()).contains("step 'reconnect' failed on node2")
                    .contains("node2 put xenbr0 back to " + net + ".12/24 by itself");
            assertThat(lab.exec("node2", "ip -br addr show dev xenbr0")).contains(net + ".12/24").doesNotContain(net + ".112");
            assertThat(lab.exec("node2", "ip route show default")).startsWith("default via " + net + ".254 dev xenbr0");
            assertThat(lab.exec("node2", "cat /etc/network/interfaces")).isEqualTo(interfaces);
            assertThat(new LabCli(lab, state).run("exec", "--on", "node2", "--", "hostname").exit()).isZero();
        } finally {
            lab.fault("node2", "address-reachable");
        }
    }
}
