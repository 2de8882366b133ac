package dev.sopctl.lab;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A running lab: its folder and the inventory it wrote; runs commands on its hosts for checks. */
public record LabEstate(String scenario, Path dir, Path inventory) {
    /**
     * Runs a command line inside a lab host without SSH (lab exec), for checking state around a
     * test. {@code lab exec} hands its words to {@code bash -c} joined by spaces, so the command goes
     * as one word: wrapped in another {@code sh -c} it would lose every argument after the first.
     */
    public String exec(String host, String command) throws IOException, InterruptedException {
        LabExtension.Result r = LabExtension.run(List.of(Path.of("src/lab/lab").toAbsolutePath().toString(), "exec",
                host, "--dir", dir.toString(), "--", command), 60, false);
        return r.output();
    }

    /** Puts a host into a fault state (lab fault). */
    public void fault(String host, String name) throws IOException, InterruptedException {
        fault(host, name, Map.of());
    }

    /** Puts a host into a fault state with settings from the environment (LAB_SKEW, LAB_GATEWAY). */
    public void fault(String host, String name, Map<String, String> env) throws IOException, InterruptedException {
        LabExtension.Result r = LabExtension.run(List.of(Path.of("src/lab/lab").toAbsolutePath().toString(), "fault",
                host, name, "--dir", dir.toString()), 120, false, env);
        if (r.code() != 0) {
            throw new IllegalStateException("lab fault " + host + " " + name + ": " + r.output());
        }
    }
}
