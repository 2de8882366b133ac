package dev.sopctl.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sopctl.ExitCode;
import dev.sopctl.inventory.Host;
import dev.sopctl.inventory.Inventory;
import dev.sopctl.inventory.InventoryLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Ctrl-C (SIGINT) and SIGTERM to a real sopctl process while a command runs on 18 hosts at once:
 * when sopctl has exited, nothing of the command runs on any host. The lab has 9 hosts; the
 * inventory names each twice ({@code node1} and {@code node1-b}, same address), so sopctl holds 18
 * connections and channels, as with 18 machines, and each lab host runs two of the commands.
 */
@Lab("healthy")
class MultiHostInterruptLabTest {
    @TempDir
    Path state;

    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM"})
    void aSignalStopsTheCommandOnEveryHostBeforeSopctlExits(String signal, LabEstate lab) throws Exception {
        Map<String, String> machines = new TreeMap<>();
        Path inventory = doubledInventory(lab, machines);
        String token = "sopctl-mh-" + signal.toLowerCase();
        // each case its own sleep, so one case's survivors cannot hide in the other's count
        String sleep = "sleep " + (signal.equals("INT") ? 301 : 302);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "dev.sopctl.Main",
                "-i", inventory.toString(), "--parallel", "32", "--yes", "exec", "--on", "all", "--",
                sleep + " # " + token)
                .redirectErrorStream(true)
                .redirectOutput(state.resolve("out.txt").toFile());
        pb.environment().put("XDG_STATE_HOME", state.toString());
        Process sopctl = pb.start();
        try {
            waitUntil(() -> sleepers(lab, machines.keySet(), sleep) == 2 * machines.size(), sopctl);

            long t0 = System.nanoTime();
            new ProcessBuilder("kill", "-" + signal, String.valueOf(sopctl.pid())).start().waitFor();

            assertThat(sopctl.waitFor(60, TimeUnit.SECONDS)).as("sopctl exits").isTrue();
            System.out.printf("SIG%s: sopctl exited %d ms after the signal, %d commands on %d machines%n", signal,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), 2 * machines.size(), machines.size());
        } finally {
            sopctl.destroyForcibly();
        }
        String out = Files.readString(state.resolve("out.txt"));
        assertThat(sopctl.exitValue()).as(out).isEqualTo(ExitCode.NOT_DONE);
        assertThat(out).contains("interrupted");
        // at once: the stop is part of sopctl's exit, not something that happens later
        for (String machine : machines.keySet()) {
            assertThat(lab.exec(machine, "ps -eo pid,args")).as("processes on %s after sopctl exited", machine)
                    .contains("sshd").doesNotContain(token).doesNotContain(sleep);
        }
    }

    /** The lab's hosts, each under its own name and a second one; fills machine name → address. */
    private Path doubledInventory(LabEstate lab, Map<String, String> machines) throws Exception {
        Inventory real = InventoryLoader.load(lab.inventory(), Map.of());
        StringBuilder y = new StringBuilder();
        y.append("defaults:\n")
                .append("  user: ").append(real.defaults().user()).append('\n')
                .append("  port: ").append(real.defaults().port()).append('\n')
                .append("  identity: ").append(real.defaults().identity()).append('\n')
                .append("  known_hosts: ").append(real.defaults().knownHosts()).append('\n')
                .append("  connect_timeout: 10s\n")
                .append("  command_timeout: 10m\n")
                .append("hosts:\n");
        for (Host h : real.hosts().values()) {
            machines.put(h.name(), h.address());
            y.append("  ").append(h.name()).append(": {address: ").append(h.address()).append("}\n");
            y.append("  ").append(h.name()).append("-b: {address: ").append(h.address()).append("}\n");
        }
        assertThat(machines).hasSizeGreaterThanOrEqualTo(5);
        Path file = state.resolve("inventory.yaml");
        Files.writeString(file, y);
        return file;
    }

    /** How many of the test's sleeps run on these machines. */
    private static int sleepers(LabEstate lab, Iterable<String> machines, String sleep) throws Exception {
        int n = 0;
        for (String m : machines) {
            n += (int) lab.exec(m, "ps -eo args").lines().filter(l -> l.strip().equals(sleep)).count();
        }
        return n;
    }

    interface Check {
        boolean ok() throws Exception;
    }

    private void waitUntil(Check check, Process sopctl) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!check.ok()) {
            if (!sopctl.isAlive() || System.nanoTime() > until) {
                throw new AssertionError("the commands did not all start: " + Files.readString(state.resolve("out.txt")));
            }
            Thread.sleep(300);
        }
    }
}
