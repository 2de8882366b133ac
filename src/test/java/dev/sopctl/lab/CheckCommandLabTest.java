package dev.sopctl.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sopctl.ExitCode;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sopctl check --all} on real OpenSSH hosts, every format each time: the healthy lab, then
 * faults added one after the other (a degraded bond, a skewed clock, a stopped daemon, stale DB
 * backups, a host powered off), each with its exit code and its line.
 */
@Lab("healthy")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CheckCommandLabTest {
    @TempDir
    Path state;

    /** What one state of the estate gave in each format. */
    private record Formats(LabCli.Result text, LabCli.Result json, LabCli.Result nagios, String junit) {
        int exit() {
            assertThat(List.of(json.exit(), nagios.exit())).as("the exit code never depends on the format")
                    .containsOnly(text.exit());
            return text.exit();
        }

        List<String> nagiosLines() {
            return nagios.out().lines().toList();
        }
    }

    private Formats checkAll(LabEstate lab) throws Exception {
        LabCli cli = new LabCli(lab, state);
        Path junit = state.resolve("checks.xml");
        LabCli.Result text = cli.run("check", "--all", "--no-color", "--junit", junit.toString());
        LabCli.Result json = cli.run("check", "--all", "-o", "json");
        LabCli.Result nagios = cli.run("check", "--all", "--format", "nagios");
        String xml = Files.readString(junit);
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(getClass().getResource("/junit/jenkins-junit-10.xsd"))
                .newValidator().validate(new StreamSource(new StringReader(xml)));
        return new Formats(text, json, nagios, xml);
    }

    private static int acceptedConnections(LabEstate lab, String host) throws Exception {
        Path log = lab.dir().resolve("hosts/" + host + "/root/var/log/sshd.log");
        return (int) Files.readAllLines(log).stream().filter(l -> l.contains("Accepted publickey")).count();
    }

    @Test
    @Order(1)
    void aHealthyEstatePassesEveryCheckWithOneConnectionPerHost(LabEstate lab) throws Exception {
        int before = acceptedConnections(lab, "node1");

        Formats f = checkAll(lab);

        assertThat(f.exit()).as(f.text().all()).isEqualTo(ExitCode.OK);
        // four check runbooks reach node1; three commands ran them; sshd accepted one connection per command
        assertThat(acceptedConnections(lab, "node1") - before).isEqualTo(3);
        assertThat(f.text().out()).containsPattern("pvdi/node-check/check-daemons\\s+node1\\s+OK")
                .containsPattern("ha/drbd-status/judge-replication\\s+nas1\\s+OK")
                .containsPattern("ha/lk-status/check-hierarchies-and-mirrors\\s+lk2\\s+OK")
                .containsPattern("pvdi/mastervm-check/check-db-backup-age\\s+mastervm01\\s+OK")
                .containsPattern("time/ntp-check/find-time-daemon\\s+node3\\s+OK")
                .containsPattern("\nOK: \\d+ OK \\(\\d+ checks, 9 hosts\\)");
        assertThat(f.nagiosLines()).hasSize(1);
        assertThat(f.nagiosLines().get(0)).startsWith("SOPCTL OK - ").contains("'node1 skew'=")
                .contains("'node2 gateway loss'=0%;0;99;0;100");
        JsonNode json = new ObjectMapper().readTree(f.json().out());
        assertThat(json.get("status").asText()).isEqualTo("OK");
        // the seven check runbooks of the lab's inventory (no CloudStack cluster there)
        assertThat(json.get("runs")).hasSize(7);
        assertThat(f.junit()).contains("failures=\"0\" errors=\"0\"");
    }

    @Test
    @Order(2)
    void aDegradedBondAndASkewedClockAreWarnings(LabEstate lab) throws Exception {
        lab.fault("node1", "bond-degraded");
        lab.fault("node2", "clock-skew");

        Formats f = checkAll(lab);

        assertThat(f.exit()).as(f.text().all()).isEqualTo(ExitCode.WARNING);
        assertThat(f.text().out()).containsPattern("net/check/check-bonds\\s+node1\\s+WARNING\\s+bond0/eth1 down on node1");
        assertThat(f.nagiosLines().get(0)).startsWith("SOPCTL WARNING - ").contains("'node1 link failures'=1c");
        assertThat(f.nagiosLines()).contains("WARNING net/check/check-bonds on node1: bond0/eth1 down on node1: serving without redundancy")
                .anyMatch(l -> l.startsWith("WARNING time/ntp-check/check-ntpd on node2: ntpd on node2 is -"));
        assertThat(f.junit()).contains("type=\"WARNING\"");
    }

    @Test
    @Order(3)
    void aStoppedDaemonAndStaleBackupsAreCritical(LabEstate lab) throws Exception {
        lab.fault("node1", "daemon-down");
        lab.fault("mastervm01", "db-backup-stale");

        Formats f = checkAll(lab);

        assertThat(f.exit()).as(f.text().all()).isEqualTo(ExitCode.CRITICAL);
        assertThat(f.text().out()).containsPattern("pvdi/node-check/check-daemons\\s+node1\\s+CRITICAL\\s+pemon is not running on node1");
        assertThat(f.nagiosLines().get(0)).startsWith("SOPCTL CRITICAL - ");
        assertThat(f.nagiosLines()).contains("CRITICAL pvdi/node-check/check-daemons on node1: pemon is not running on node1")
                .anyMatch(l -> l.startsWith("CRITICAL pvdi/mastervm-check/check-db-backup-age on mastervm01: the newest DB dump on mastervm01"));
        JsonNode json = new ObjectMapper().readTree(f.json().out());
        assertThat(json.get("status").asText()).isEqualTo("CRITICAL");
        assertThat(f.junit()).contains("<failure message=\"pemon is not running on node1\" type=\"CRITICAL\">");
    }

    @Test
    @Order(4)
    void aHostPoweredOffIsUnknownOnEveryCheckAndAnErrorInJunitWithoutHidingTheCriticals(LabEstate lab)
            throws Exception {
        lab.fault("node3", "power-off");

        Formats f = checkAll(lab);

        assertThat(f.exit()).as(f.text().all()).isEqualTo(ExitCode.CRITICAL);
        assertThat(f.text().out()).containsPattern("pvdi/node-check/check-daemons\\s+node3\\s+UNKNOWN\\s+node3 \\(root@[0-9.]+\\): cannot connect");
        assertThat(f.nagiosLines()).anyMatch(l -> l.startsWith("UNKNOWN pvdi/node-check/check-daemons on node3: node3"))
                .noneMatch(l -> l.contains("cannot tell in --check"));
        assertThat(f.nagiosLines().get(0)).contains("'node3 skew'=U");
        assertThat(f.junit()).contains("<testcase name=\"node3\" classname=\"pvdi/node-check/check-daemons\"")
                .containsPattern("<error message=\"node3 \\(root@[0-9.]+\\): cannot connect");
    }
}
