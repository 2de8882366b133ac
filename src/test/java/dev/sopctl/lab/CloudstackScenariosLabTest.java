package dev.sopctl.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.ExitCode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * cloudstack check on the CloudStack lab (two management servers, a database host, two KVM hosts,
 * real OpenSSH, simulated systemctl/ss/cmk): healthy, then each named scenario booted with
 * {@code lab up --scenario}, with its state and its line.
 */
@Lab("cloudstack")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CloudstackScenariosLabTest {
    @TempDir
    Path state;

    @Test
    @Order(1)
    void aHealthyCloudIsOk(LabEstate lab) {
        LabCli.Result r = new LabCli(lab, state).run("cloudstack", "check", "cloud1", "--no-color");

        assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).contains("[ms1] $ cmk -p '' -o json list managementservers")
                .doesNotContain("VMs that keep the memory cap").doesNotContain("warning");
    }

    @ParameterizedTest(name = "{0}")
    @Order(2)
    @CsvSource(delimiter = '|', value = {
        "ms-down            | 2 | cloudstack-management is inactive on ms2",
        "ms-down            | 2 | ms2 is Down in the cluster's own view (listManagementServers on ms1)",
        "host-not-vip       | 1 | the global setting host is LAB.51, not the load balancer's VIP LAB.50: when that management server fails",
        "db-ha-inconsistent | 1 | db.properties' HA keys differ between the management servers: ms1 db.ha.enabled=true replicas=LAB.54; ms2 db.ha.enabled=false replicas=(none)",
        "agent-down         | 2 | cloudstack-agent is inactive on kvm1",
        "agent-down         | 2 | kvm1 is Disconnected in CloudStack (listHosts on ms1)",
        "memory-cap         | 1 | memory cap in cluster c1 (mem.overprovisioning.factor 1.33: a 4096 MB offering runs with 3080 MB)",
        "memory-cap         | 1 | VMs that keep the memory cap until they are stopped and started (a reboot inside the guest is not enough): web01 (3080 of 4096 MB), web02 (3080 of 4096 MB), db01 (6159 of 8192 MB)"})
    void eachScenarioHasItsStateAndLine(String scenario, int exit, String line, LabEstate lab) throws Exception {
        up(lab, scenario);

        LabCli.Result r = new LabCli(lab, state).run("cloudstack", "check", "cloud1", "--no-color");

        assertThat(r.exit()).as(r.all()).isEqualTo(exit);
        assertThat(r.out()).contains(line.replace("LAB.", net(lab) + "."));
    }

    @Test
    @Order(3)
    void anInventoryWithoutTheVipCannotJudgeTheHostSetting(LabEstate lab) throws Exception {
        up(lab, "cloudstack");
        Path inventory = state.resolve("no-vip.yaml");
        java.nio.file.Files.writeString(inventory, java.nio.file.Files.readString(lab.inventory())
                .replaceAll(", vip: [0-9.]+\\}", "}"));

        LabCli.Result r = new LabCli(lab, state).runWith(inventory, "cloudstack", "check", "cloud1", "--no-color");

        assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.WARNING);
        assertThat(r.out()).contains("cannot judge the global setting host=" + net(lab) + ".50: the inventory gives cloud1 no vip");
    }

    @Test
    @Order(4)
    void checkAllRunsTheCloudstackCheckWithTheOthers(LabEstate lab) throws Exception {
        up(lab, "memory-cap");

        LabCli.Result r = new LabCli(lab, state).run("check", "--all", "--format", "nagios");

        assertThat(r.exit()).as(r.all()).isEqualTo(ExitCode.WARNING);
        assertThat(r.out().lines().findFirst().orElse("")).startsWith("SOPCTL WARNING - ");
        assertThat(r.out()).contains("memory cap in cluster c1");
    }

    private static void up(LabEstate lab, String scenario) throws Exception {
        LabExtension.Result r = LabExtension.run(List.of(Path.of("src/lab/lab").toAbsolutePath().toString(), "up",
                "--scenario", scenario, "--dir", lab.dir().toString()), 300, true);
        assertThat(r.code()).as(r.output()).isZero();
    }

    /** The lab's /24 (LAB_NET), as its inventory says. */
    private static String net(LabEstate lab) throws Exception {
        String inv = java.nio.file.Files.readString(lab.inventory());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("ms1: \\{address: (\\d+\\.\\d+\\.\\d+)\\.51").matcher(inv);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
