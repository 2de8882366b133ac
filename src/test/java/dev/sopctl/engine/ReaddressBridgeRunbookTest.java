package dev.sopctl.engine;

import static dev.sopctl.engine.RunResults.notice;
import static dev.sopctl.engine.RunResults.on;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sopctl.ExitCode;
import dev.sopctl.SopctlException;
import dev.sopctl.runbook.Runbook;
import dev.sopctl.testing.ScriptedTransport.Reply;
import dev.sopctl.transport.TransportException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * net/readdress-bridge on node1 of the example estate (management address 192.168.0.20 on xenbr0):
 * xenbr1 moves from 10.8.0.11/24 to 10.9.0.5/24 with gateway 10.9.0.1, behind a dead-man switch.
 */
class ReaddressBridgeRunbookTest {
    private static final Runbook RUNBOOK = EngineHarness.packaged("net/readdress-bridge");
    private static final Map<String, String> PARAMS = Map.of("node", "node1", "bridge", "xenbr1", "address", "10.9.0.5/24",
            "gateway", "10.9.0.1");
    private static final String BRIDGES = "xenbr0           UP             00:1e:67:16:0b:60 <BROADCAST,MULTICAST,UP,LOWER_UP> \n"
            + "xenbr1           UP             00:1e:67:16:0b:62 <BROADCAST,MULTICAST,UP,LOWER_UP> \n";
    private static final String OLD = "xenbr1           UP             10.8.0.11/24 \n";
    private static final String NEW = "xenbr1           UP             10.9.0.5/24 \n";
    private static final String PING_OK = "--- 10.9.0.1 ping statistics ---\n3 packets transmitted, 3 received, 0% packet loss, time 2003ms\n"
            + "rtt min/avg/max/mdev = 0.041/0.052/0.063/0.009 ms\n";
    private static final String PING_LOST = "--- 10.9.0.1 ping statistics ---\n"
            + "3 packets transmitted, 0 received, +3 errors, 100% packet loss, time 2041ms\n";

    private final EngineHarness h = new EngineHarness();

    @BeforeEach
    void node1WithTwoBridges() {
        h.answer(ConfirmAnswer.YES);
        h.transport.on("node1", "^ip -br link show type bridge$", Reply.ok(BRIDGES));
        h.transport.on("node1", "^ip -4 -br addr show dev xenbr1$", Reply.ok(OLD));
        h.transport.on("node1", "^ip route show default$", Reply.ok("default via 192.168.0.254 dev xenbr0 onlink\n"));
        h.transport.on("node1", "^ls -d ", Reply.ok("/etc/network/interfaces\n"));
        h.transport.on("node1", "^\\[ ! -e /run/sopctl-readdress.pid \\]", Reply.ok(""));
        h.transport.on("node1", "^ip (addr (replace|del)|route replace) ", Reply.ok(""));
        h.transport.on("node1", "^ping ", Reply.ok(PING_OK));
        h.transport.on("node1", "^kill ", Reply.ok(""));
        h.transport.on("node1", "^cp -p /etc/network/interfaces ", Reply.ok(""));
    }

    @Test
    void armChangeCheckDisarmThenPersist() {
        RunResult r = h.run(RUNBOOK, PARAMS);

        assertThat(r.exitCode()).as(r.message()).isEqualTo(ExitCode.OK);
        List<String> commands = h.commands("node1");
        assertThat(commands.get(4)).startsWith("[ ! -e /run/sopctl-readdress.pid ]")
                .endsWith("sopctl-rollback 120 xenbr1 10.9.0.5/24 10.8.0.11/24 192.168.0.254 xenbr0 10.9.0.1 < /dev/null > /dev/null 2>&1");
        assertThat(commands.subList(5, 10)).containsExactly("ip addr replace 10.9.0.5/24 dev xenbr1",
                "ip addr del 10.8.0.11/24 dev xenbr1", "ip route replace default via 10.9.0.1 dev xenbr1",
                "ping -n -c 3 -w 5 10.9.0.1",
                "kill -TERM -- -$(cat /run/sopctl-readdress.pid) && rm -f /run/sopctl-readdress.pid");
        assertThat(commands.get(10)).startsWith("cp -p /etc/network/interfaces /etc/network/interfaces.sopctl-");
        assertThat(h.asked).hasSize(1);
        assertThat(h.asked.get(0).toString()).contains("re-address xenbr1 on node1 from 10.8.0.11/24 to 10.9.0.5/24 "
                + "(default gateway: 10.9.0.1); node1 restores it by itself after 2m unless sopctl confirms");
    }

    @Test
    void aGatewayThatDoesNotAnswerLeavesTheRollbackArmedAndWaitsForIt() {
        h.transport.on("node1", "^ping ", Reply.exit(1, PING_LOST, ""));
        h.transport.on("node1", "^ip -4 -br addr show dev xenbr1$", Reply.sequence(Reply.ok(OLD), Reply.ok(NEW), Reply.ok(NEW),
                Reply.ok(OLD)));

        RunResult r = h.run(RUNBOOK, PARAMS);

        assertThat(r.exitCode()).isEqualTo(ExitCode.CRITICAL);
        assertThat(on(r, "check-gateway", "node1").message())
                .isEqualTo("gateway 10.9.0.1 does not answer node1 after the change (100% loss)");
        assertThat(on(r, "wait-for-rollback", "node1").outcome().id()).isEqualTo("ok");
        assertThat(notice(r, "rolled-back")).startsWith("node1 put xenbr1 back to 10.8.0.11/24 by itself");
        assertThat(h.commands("node1")).noneMatch(c -> c.startsWith("kill ") || c.startsWith("cp -p"));
    }

    @Test
    void aBridgeTheNodeDoesNotHaveIsInvalidInputBeforeAnythingChanges() {
        RunResult r = h.run(RUNBOOK, Map.of("node", "node1", "bridge", "xenbr7", "address", "10.9.0.5/24"));

        assertThat(r.exitCode()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(r.message()).endsWith("xenbr7 is not a bridge on node1 (bridges: xenbr0, xenbr1)");
        assertThat(h.commands("node1")).containsExactly("ip -br link show type bridge");
    }

    private static final String MGMT_OLD = "xenbr0           UP             192.168.0.20/24 \n";
    private static final String MGMT_NEW = "xenbr0           UP             192.168.0.120/24 \n";
    private static final Map<String, String> MGMT = Map.of("node", "node1", "bridge", "xenbr0", "address", "192.168.0.120/24",
            "gateway", "192.168.0.254");

    /** node1's xenbr0 carries its management address 192.168.0.20; it answers at 192.168.0.120 after the swap. */
    private void managementBridge(Reply atNewAddress) {
        h.transport.on("node1", "^ip -4 -br addr show dev xenbr0$", (host, c) -> host.address().equals("192.168.0.120")
                ? atNewAddress.answer(host, c) : Reply.ok(MGMT_OLD).answer(host, c));
        h.transport.on("node1", "^setsid -f sh -c 'sleep 1; ip addr replace", Reply.ok(""));
    }

    @Test
    void theManagementBridgeIsSwappedDetachedAndSopctlGoesOnAtTheNewAddress() {
        managementBridge(Reply.sequence(Reply.fail(TransportException.Kind.UNREACHABLE), Reply.ok(MGMT_NEW)));

        RunResult r = h.run(RUNBOOK, MGMT);

        assertThat(r.exitCode()).as(r.message()).isEqualTo(ExitCode.OK);
        List<String> commands = h.commands("node1");
        assertThat(commands).noneMatch(c -> c.startsWith("ip addr replace") || c.startsWith("ip addr del")
                || c.startsWith("ip route replace"));
        assertThat(commands.get(5)).isEqualTo("setsid -f sh -c 'sleep 1; ip addr replace \"$1\" dev \"$2\" && { [ -z \"$4\" ]"
                + " || ip route replace default via \"$4\" dev \"$2\"; } && ip addr del \"$3\" dev \"$2\"' sopctl-readdress"
                + " 192.168.0.120/24 xenbr0 192.168.0.20/24 192.168.0.254 < /dev/null > /dev/null 2>&1");
        assertThat(commands.subList(6, 11)).containsExactly("ip -4 -br addr show dev xenbr0", "ip -4 -br addr show dev xenbr0",
                "ping -n -c 3 -w 5 192.168.0.254",
                "kill -TERM -- -$(cat /run/sopctl-readdress.pid) && rm -f /run/sopctl-readdress.pid",
                commands.get(10));
        assertThat(commands.get(10)).startsWith("cp -p /etc/network/interfaces ");
        List<String> at = h.transport.addressesOn("node1");
        assertThat(at.subList(0, 6)).containsOnly("192.168.0.20");
        assertThat(at.subList(6, at.size())).containsOnly("192.168.0.120");
        assertThat(h.events.ofType("notice")).extracting(e -> e.get("message"))
                .contains("reaching node1 at 192.168.0.120 (its inventory address is 192.168.0.20)");
    }

    @Test
    void aNewManagementAddressSopctlCannotReachIsRolledBackByTheNodeAndReachedAtTheOldOne() {
        managementBridge(Reply.fail(TransportException.Kind.UNREACHABLE));
        h.transport.on("node1", "^ip -4 -br addr show dev xenbr0$", (host, c) -> {
            if (host.address().equals("192.168.0.120")) {
                throw new TransportException("node1", TransportException.Kind.UNREACHABLE, "node1 (root@192.168.0.120): connection refused");
            }
            return Reply.ok(MGMT_OLD).answer(host, c);
        });

        RunResult r = h.run(RUNBOOK, MGMT);

        assertThat(r.exitCode()).isEqualTo(ExitCode.CRITICAL);
        assertThat(r.message()).startsWith("step 'reconnect' failed on node1: waited 30s")
                .contains("connection refused");
        assertThat(on(r, "wait-for-rollback", "node1").outcome().id()).isEqualTo("ok");
        assertThat(notice(r, "rolled-back")).startsWith("node1 put xenbr0 back to 192.168.0.20/24 by itself (sopctl reached it at\n192.168.0.20)");
        assertThat(h.commands("node1")).noneMatch(c -> c.startsWith("kill ") || c.startsWith("cp -p") || c.startsWith("ping"));
        assertThat(h.transport.addressesOn("node1")).last().isEqualTo("192.168.0.20");
    }

    @Test
    void theManagementAddressAsASecondAddressIsRefused() {
        h.transport.on("node1", "^ip -4 -br addr show dev xenbr0$", Reply.ok("xenbr0           UP             10.1.0.20/24 192.168.0.20/24 \n"));

        RunResult r = h.run(RUNBOOK, MGMT);

        assertThat(r.exitCode()).isEqualTo(ExitCode.CRITICAL);
        assertThat(r.message()).contains("xenbr0 carries node1's management address 192.168.0.20 as a second address");
        assertThat(h.asked).isEmpty();
    }

    @Test
    void checkModeDoesNotConnectToTheNewAddress() {
        h.mode = RunMode.CHECK;
        managementBridge(Reply.ok(MGMT_NEW));

        RunResult r = h.run(RUNBOOK, MGMT);

        assertThat(h.transport.addressesOn("node1")).containsOnly("192.168.0.20");
        assertThat(on(r, "reconnect", "node1").message()).isEqualTo("cannot tell in --check: this step reaches node1 at"
                + " 192.168.0.120, an address a change gives it");
    }

    @Test
    void declinedNothingIsArmed() {
        h.answer(ConfirmAnswer.NO);

        RunResult r = h.run(RUNBOOK, PARAMS);

        assertThat(r.exitCode()).isEqualTo(ExitCode.NOT_DONE);
        assertThat(h.commands("node1")).noneMatch(c -> c.startsWith("[ ! -e") || c.startsWith("ip addr"));
    }

    @Test
    void aGatewayOutsideTheNewSubnetOrABadAddressIsInvalidInput() {
        assertThatThrownBy(() -> h.run(RUNBOOK, Map.of("node", "node1", "bridge", "xenbr1", "address", "10.9.0.5/24",
                "gateway", "10.9.1.1")))
                .isInstanceOfSatisfying(SopctlException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.INVALID_INPUT))
                .hasMessageContaining("parameter 'gateway': 10.9.1.1 is outside the subnet 10.9.0.0/24 of address 10.9.0.5/24");
        assertThatThrownBy(() -> h.run(RUNBOOK, Map.of("node", "node1", "bridge", "xenbr1", "address", "10.9.0.5/24",
                "gateway", "10.9.0.255"))).hasMessageContaining("is the broadcast address of the subnet 10.9.0.0/24");
        assertThatThrownBy(() -> h.run(RUNBOOK, Map.of("node", "node1", "bridge", "xenbr1; reboot", "address", "10.9.0.5")))
                .hasMessageContaining("parameter 'bridge'").hasMessageContaining("parameter 'address'");
        assertThat(h.transport.commandsOn("node1")).isEmpty();
    }

    @Test
    void theRunbookNeverRestartsNetworking() throws Exception {
        String text = Files.readString(Path.of("runbooks/net/readdress-bridge.yaml"));
        assertThat(text).doesNotContain("networking restart").doesNotContain("ifdown").doesNotContain("ifup")
                .doesNotContain("/etc/init.d/networking").doesNotContain("systemctl restart");
    }
}
