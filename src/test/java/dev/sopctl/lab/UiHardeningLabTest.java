package dev.sopctl.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On real OpenSSH: an ad-hoc command that hides what it runs is not run without a confirmation.
 * And the lab itself on addresses other than 127.0.2 (every lab test's are): the hosts' simulated
 * commands see LAB_NET, a second lab on the same addresses is refused naming the running one, and
 * a user who may not write /var/log/messages gets no stray error from the simulation.
 */
@Lab("healthy")
class UiHardeningLabTest {
    private static final Path LAB = Path.of("src/lab/lab").toAbsolutePath();

    @TempDir
    Path state;

    private static String labNet(LabEstate lab) throws Exception {
        Matcher m = Pattern.compile("(?m)^LAB_NET=(\\S+)$").matcher(Files.readString(lab.dir().resolve("lab.env")));
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    @Test
    void hiddenCommandsDoNotRunWithoutAConfirmation(LabEstate lab) throws Exception {
        LabCli cli = new LabCli(lab, state);
        lab.exec("node1", "rm -f /tmp/sopctl-pwned*");

        for (String hidden : List.of("$(echo touch /tmp/sopctl-pwned1)", "\\touch /tmp/sopctl-pwned2",
                "eval 'touch /tmp/sopctl-pwned3'", "uptime; `echo touch` /tmp/sopctl-pwned4")) {
            LabCli.Result r = cli.run("exec", "--on", "node1", "--", hidden);
            assertThat(r.exit()).as(hidden + ": " + r.all()).isEqualTo(5);
        }
        LabCli.Result probe = cli.run("exec", "--on", "node1", "--", "ls /tmp | grep -c sopctl-pwned || true");

        assertThat(probe.exit()).as(probe.all()).isZero();
        assertThat(probe.out()).containsPattern("(?m)^0$");
    }

    @Test
    void theNtpSimulationKnowsTheLabsNetworkOverSsh(LabEstate lab) throws Exception {
        String net = labNet(lab);
        assertThat(net).isNotEqualTo("127.0.2");

        LabCli.Result r = new LabCli(lab, state).run("exec", "--on", "node1", "--", "ntpq -p");

        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.out()).containsPattern("\\*" + Pattern.quote(net + ".1") + " +\\.GPS\\. +2 u");
    }

    @Test
    void aSecondLabOnTheSameAddressesIsRefusedNamingTheRunningOne(LabEstate lab) throws Exception {
        Path other = state.resolve("other-lab");

        LabExtension.Result r = LabExtension.run(List.of("env", "LAB_NET=" + labNet(lab), LAB.toString(), "up",
                "--dir", other.toString()), 120, false);

        assertThat(r.code()).as(r.output()).isEqualTo(2);
        assertThat(r.output()).contains("a lab from " + lab.dir() + " runs on " + labNet(lab) + ".x already")
                .doesNotContain("cannot start");
        assertThat(other.resolve("lab.env")).doesNotExist();
        assertThat(other.resolve("hosts")).doesNotExist();
    }

    @Test
    void aUserWhoMayNotWriteTheLogGetsNoStrayError(LabEstate lab) throws Exception {
        String out = lab.exec("node1", "su orchard -s /bin/bash -c '. /opt/lab/src/lib/sim.sh; syslog test hello; echo logged'");

        assertThat(out.strip()).isEqualTo("logged");
    }
}
