package dev.sopctl.engine;

import static dev.sopctl.engine.RunResults.notice;
import static dev.sopctl.engine.RunResults.on;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.ExitCode;
import dev.sopctl.inventory.InventoryLoader;
import dev.sopctl.runbook.Runbook;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** cloudstack/check against a scripted CloudStack estate: each finding with its state and line. */
class CloudstackCheckRunbookTest {
    private static final Runbook RUNBOOK = EngineHarness.packaged("cloudstack/check");
    private final EngineHarness h = new EngineHarness();
    private final CloudstackEstateModel estate = new CloudstackEstateModel();

    @BeforeEach
    void theEstate() {
        h.inventory = InventoryLoader.parse(CloudstackEstateModel.INVENTORY, "inventory.yaml", Map.of());
    }

    private RunResult check() {
        estate.script(h.transport);
        return h.run(RUNBOOK, Map.of("cluster", "cloud1"));
    }

    @Test
    void aHealthyEstateIsOk() {
        RunResult r = check();

        assertThat(r.exitCode()).as(r.toString()).isEqualTo(ExitCode.OK);
        assertThat(notice(r, "restart-list")).isNull();
        assertThat(h.commands("ms2")).noneMatch(c -> c.startsWith("cmk")); // the API is asked once, on ms1
        assertThat(h.commands("ms1")).contains("cmk -p '' -o json list managementservers");
    }

    @Test
    void aManagementServerDownIsCriticalOnItAndInTheClustersView() {
        estate.units.put("ms1/cloudstack-management", "inactive");

        RunResult r = check();

        assertThat(r.exitCode()).isEqualTo(ExitCode.CRITICAL);
        assertThat(on(r, "management-service", "ms1").message()).isEqualTo("cloudstack-management is inactive on ms1");
        assertThat(on(r, "servers-up-in-cluster", "ms2").message())
                .isEqualTo("ms1 is Down in the cluster's own view (listManagementServers on ms2)");
        assertThat(on(r, "management-ports", "ms1").outcome()).isEqualTo(Outcome.SKIPPED);
    }

    @Test
    void theUnauthenticatedIntegrationPortOpenIsAWarning() {
        estate.extraPorts = " 8096";

        RunResult r = check();

        assertThat(r.exitCode()).isEqualTo(ExitCode.WARNING);
        assertThat(on(r, "management-ports", "ms2").message())
                .isEqualTo("ms2 listens on 8096, the integration API port that answers without authentication");
    }

    @Test
    void aManagementServerNotListeningOnItsPortsIsCritical() {
        estate.script(h.transport);
        // the later rule wins: ms1's management server answers on 8080 only
        h.transport.on("ms1", "^ss -ltn$", dev.sopctl.testing.ScriptedTransport.Reply.ok(
                "State Recv-Q Send-Q Local Address:Port Peer Address:Port\nLISTEN 0 50 *:8080 *:*\n"));

        RunResult r = h.run(RUNBOOK, Map.of("cluster", "cloud1"));

        assertThat(r.exitCode()).isEqualTo(ExitCode.CRITICAL);
        assertThat(on(r, "management-ports", "ms1").message())
                .isEqualTo("ms1 does not listen on 8250, 9090 (8080 UI/API, 8250 agents, 9090 cluster peers)");
    }

    @Test
    void aHostSettingThatIsOneServerIsAWarning() {
        estate.hostSetting = "10.0.0.51";

        RunResult r = check();

        assertThat(r.exitCode()).isEqualTo(ExitCode.WARNING);
        assertThat(on(r, "host-setting-is-vip", "ms1").message()).startsWith(
                "the global setting host is 10.0.0.51, not the load balancer's VIP 10.0.0.50: when that management server fails");
    }

    @Test
    void theServerListIsAsGoodAsTheVip() {
        estate.hostSetting = "10.0.0.51,10.0.0.52";
        estate.agentHost = "10.0.0.51,10.0.0.52@roundrobin";

        assertThat(check().exitCode()).isEqualTo(ExitCode.OK);
    }

    @Test
    void withoutAVipTheHostSettingCannotBeJudged() {
        h.inventory = InventoryLoader.parse(CloudstackEstateModel.INVENTORY.replace("    vip: 10.0.0.50\n", ""), "inventory.yaml", Map.of());

        RunResult r = check();

        assertThat(r.exitCode()).isEqualTo(ExitCode.WARNING);
        assertThat(on(r, "host-setting-is-vip", "ms1").message())
                .isEqualTo("cannot judge the global setting host=10.0.0.50: the inventory gives cloud1 no vip");
        assertThat(on(r, "agent-management-address", "kvm1").message())
                .startsWith("cannot judge agent.properties host=10.0.0.50 on kvm1");
    }

    @Test
    void theReplicasUnderTheirOldNameOnANewerVersionAreAWarning() {
        estate.dbProperties.put("ms1", "db.ha.enabled=true\ndb.cloud.replicas=10.0.0.54\n");
        estate.dbProperties.put("ms2", "db.ha.enabled=true\ndb.cloud.slaves=10.0.0.54\n");

        RunResult r = check();

        assertThat(r.exitCode()).as("the same replicas under either name: alike").isEqualTo(ExitCode.WARNING);
        assertThat(on(r, "servers-up-in-cluster", "ms1").message()).startsWith("ms2 name the database replicas db.cloud.slaves,"
                + " the name before CloudStack 4.16; this version reads db.cloud.replicas");
    }

    @Test
    void theOldNameIsFineBefore416() {
        estate.dbProperties.put("ms1", "db.ha.enabled=true\ndb.cloud.slaves=10.0.0.54\n");
        estate.dbProperties.put("ms2", "db.ha.enabled=true\ndb.cloud.slaves=10.0.0.54\n");
        estate.version = "4.15.2.0";

        assertThat(check().exitCode()).isEqualTo(ExitCode.OK);
    }

    @Test
    void withNoManagementServerActiveTheApiIsAskedOnTheFirstAndSaysItDoesNotAnswer() {
        estate.units.put("ms1/cloudstack-management", "inactive");
        estate.units.put("ms2/cloudstack-management", "failed");
        estate.managementServersJson = "🙈 Error: Post \"http://localhost:8080/client/api\": dial tcp 127.0.0.1:8080: connect: connection refused\n";

        RunResult r = check();

        assertThat(on(r, "management-service", "ms2").message()).isEqualTo("cloudstack-management is failed on ms2");
        assertThat(on(r, "kvm-services", "kvm1").outcome()).isEqualTo(Outcome.OK);
        assertThat(on(r, "servers-up-in-cluster", "ms1").outcome()).isEqualTo(Outcome.UNPARSABLE);
        assertThat(on(r, "servers-up-in-cluster", "ms1").message()).endsWith(
                "the CloudStack API did not answer at http://localhost:8080/client/api (connection refused)");
    }

    @Test
    void dbHaKeysThatDifferAreAWarningNamingBoth() {
        estate.dbProperties.put("ms1", "db.ha.enabled=true\ndb.cloud.replicas=10.0.0.54\n");
        estate.dbProperties.put("ms2", "");
        RunResult r = check();

        assertThat(r.exitCode()).isEqualTo(ExitCode.WARNING);
        assertThat(on(r, "servers-up-in-cluster", "ms1").message()).isEqualTo("db.properties' HA keys differ between the"
                + " management servers: ms1 db.ha.enabled=true replicas=10.0.0.54; ms2 db.ha.enabled=false replicas=(none)");
    }

    @Test
    void anAgentDownIsCriticalOnTheHostAndInCloudStacksView() {
        estate.units.put("kvm2/cloudstack-agent", "inactive");

        RunResult r = check();

        assertThat(r.exitCode()).isEqualTo(ExitCode.CRITICAL);
        assertThat(on(r, "kvm-services", "kvm2").message()).isEqualTo("cloudstack-agent is inactive on kvm2");
        assertThat(on(r, "kvm-hosts-ha-ready", "ms1").message()).isEqualTo("kvm2 is Disconnected in CloudStack (listHosts on ms1)");
    }

    @Test
    void anHaTagNoHostCarriesIsAWarning() {
        estate.haTag = "ha_host";
        assertThat(check().exitCode()).isEqualTo(ExitCode.OK);

        EngineHarness again = new EngineHarness();
        again.inventory = h.inventory;
        estate.haTag = "dedicated_ha";
        estate.script(again.transport);
        RunResult r = again.run(RUNBOOK, Map.of("cluster", "cloud1"));

        assertThat(r.exitCode()).isEqualTo(ExitCode.WARNING);
        assertThat(on(r, "kvm-hosts-ha-ready", "ms1").message()).isEqualTo(
                "ha.tag is 'dedicated_ha' but no host carries it: HA-enabled VMs are not restarted after a host fails");
    }

    @Test
    void theMemoryCapIsAWarningNamingTheClusterFactorAndWhatAnOfferingGets() {
        estate.factor = "1.33";
        estate.vms.put("web01", new long[] {4096, 3153920});

        RunResult r = check();

        assertThat(r.exitCode()).isEqualTo(ExitCode.WARNING);
        assertThat(on(r, "memory-cap", "ms1").message()).isEqualTo("memory cap in cluster c1 (mem.overprovisioning.factor 1.33:"
                + " a 4096 MB offering runs with 3080 MB): vm.min.memory.equals.memory.divided.by.mem.overprovisioning.factor is"
                + " true, so running VMs get their offering divided by the factor; after a change the VMs must be stopped and started");
        assertThat(notice(r, "restart-list")).endsWith(": web01 (3080 of 4096 MB)");
    }

    @Test
    void aFactorOfOneOrTheSettingOffIsNoCap() {
        estate.factor = "1.33";
        estate.capSetting = false;
        assertThat(check().exitCode()).isEqualTo(ExitCode.OK);
    }

    @Test
    void anApiThatDoesNotAnswerIsUnknownNamingTheEndpoint() {
        estate.managementServersJson = "🙈 Error: Post \"http://localhost:8080/client/api\": dial tcp 127.0.0.1:8080: connect: connection refused\n";

        RunResult r = check();

        assertThat(r.exitCode()).isEqualTo(ExitCode.UNKNOWN);
        assertThat(on(r, "servers-up-in-cluster", "ms1").message()).isEqualTo("cmk-json could not read the output of"
                + " 'cmk -p '' -o json list managementservers': the CloudStack API did not answer at"
                + " http://localhost:8080/client/api (connection refused)");
    }

    @Test
    void malformedJsonIsUnknownNamingTheCommand() {
        estate.managementServersJson = "{\"count\": 2, \"managementserver\": [{\"name\": \"ms1\"\n";

        RunResult r = check();

        assertThat(r.exitCode()).isEqualTo(ExitCode.UNKNOWN);
        assertThat(on(r, "servers-up-in-cluster", "ms1").message())
                .startsWith("cmk-json could not read the output of 'cmk -p '' -o json list managementservers': cmk-json: malformed JSON");
    }
}
