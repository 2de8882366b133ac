package dev.sopctl.lock;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The machine sopctl runs on and its own process, as a lock owner records them, and the stale rule:
 * a lock's owner is provably gone only when it was taken from this same machine (same name, same
 * machine id where both are known) and either the machine has rebooted since (boot id changed),
 * or the owner's pid no longer runs, or that pid now belongs to a process started at another
 * time. A lock from another machine, or one whose owner cannot be checked, is never called stale.
 *
 * @param name      the host name ({@code /proc/sys/kernel/hostname})
 * @param machineId {@code /etc/machine-id}, or null where there is none
 * @param bootId    {@code /proc/sys/kernel/random/boot_id}, or null where there is none
 * @param processes how to look at processes of this machine
 */
public record ControlHost(String name, String machineId, String bootId, Processes processes) {
    /** The processes of this machine. */
    public interface Processes {
        /** This process's pid. */
        long self();

        /** When the process with this pid started, if one runs (the instant may be unknown: empty inside). */
        Optional<Optional<Instant>> started(long pid);

        Processes SYSTEM = new Processes() {
            @Override
            public long self() {
                return ProcessHandle.current().pid();
            }

            @Override
            public Optional<Optional<Instant>> started(long pid) {
                return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(p -> p.info().startInstant());
            }
        };
    }

    public ControlHost {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(processes, "processes");
    }

    /** This machine, read from /proc and /etc. */
    public static ControlHost local() {
        String name = read("/proc/sys/kernel/hostname");
        if (name == null) {
            try {
                name = java.net.InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                name = "localhost";
            }
        }
        return new ControlHost(name, read("/etc/machine-id"), read("/proc/sys/kernel/random/boot_id"), Processes.SYSTEM);
    }

    /** The owner record for a run of this process. */
    public LockOwner owner(String run, String operator, Instant since, String runbook, String reason) {
        long pid = processes.self();
        Long startMs = processes.started(pid).flatMap(s -> s).map(Instant::toEpochMilli).orElse(null);
        return new LockOwner(run, operator, name, machineId, bootId, pid, startMs, since, runbook, reason);
    }

    /**
     * Why the owner is provably gone ("its process 4242 no longer runs"), or empty when it may still
     * hold the lock.
     */
    public Optional<String> goneBecause(LockOwner owner) {
        if (!name.equals(owner.controlHost())) {
            return Optional.empty();
        }
        if (machineId != null && owner.machineId() != null && !machineId.equals(owner.machineId())) {
            return Optional.empty(); // another machine under the same name
        }
        if (bootId != null && owner.bootId() != null && !bootId.equals(owner.bootId())) {
            return Optional.of(name + " has rebooted since the lock was taken (its boot id changed)");
        }
        if (owner.pid() == null || owner.bootId() == null || bootId == null) {
            return Optional.empty();
        }
        Optional<Optional<Instant>> started = processes.started(owner.pid());
        if (started.isEmpty()) {
            return Optional.of("its sopctl process " + owner.pid() + " on " + name + " no longer runs");
        }
        Optional<Instant> at = started.get();
        if (owner.pidStartMs() != null && at.isPresent() && Math.abs(at.get().toEpochMilli() - owner.pidStartMs()) > 1000) {
            return Optional.of("pid " + owner.pid() + " on " + name + " is now another process (started "
                    + at.get() + ")");
        }
        return Optional.empty();
    }

    private static String read(String file) {
        try {
            String s = Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
            return s.isEmpty() ? null : s;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
