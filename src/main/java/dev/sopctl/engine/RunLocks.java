package dev.sopctl.engine;

import dev.sopctl.inventory.Host;
import dev.sopctl.lock.LockOwner;
import dev.sopctl.lock.LockScript;
import dev.sopctl.lock.LockScript.Answer;
import dev.sopctl.runbook.StepKind;
import dev.sopctl.transcript.RunEvent;
import dev.sopctl.transport.ExecResult;
import dev.sopctl.transport.OutputListener;
import dev.sopctl.transport.RemoteCommand;
import dev.sopctl.transport.TransportException;
import dev.sopctl.yaml.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * The run locks of one run (DESIGN §5): before its first change (after that step's confirmation),
 * a lock on every host a change step of the plan may touch; all or nothing. A lock held by another run is waited for
 * ({@code --wait-lock}), taken over when its owner is provably gone (see
 * {@link dev.sopctl.lock.ControlHost#goneBecause}), broken with {@code --break-lock} after a typed
 * confirmation, or else the run does not start (exit 4, naming the holder). A host that cannot be
 * reached then is locked before its own first change instead. Every lock is released
 * when the run ends, whatever ended it.
 */
final class RunLocks {
    /** Why the run cannot start, or a change cannot run on a host. */
    record Refusal(Outcome outcome, String message, String hint) {}

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

    private final RunContext ctx;
    private final RunLockOptions options;
    private final LockScript script;
    private final LockOwner me;
    /** Hosts whose lock this run holds, in the order taken. */
    private final Set<Host> ours = new LinkedHashSet<>();
    /** Hosts of later changes that could not be reached at the first change: locked before their own first change. */
    private final Set<String> later = new HashSet<>();
    /** At the first change: the hosts it runs on, and those of them that could not be reached. */
    private Set<String> activeNow = Set.of();
    private final Map<String, HostResult> unreachableNow = new LinkedHashMap<>();
    private boolean started;
    private Refusal refusal;

    RunLocks(RunContext ctx, RunLockOptions options) {
        this.ctx = ctx;
        this.options = options;
        this.script = options.script();
        this.me = options.self().owner(ctx.runId, ctx.options.operator(), ctx.ticker.now(), ctx.plan.runbook().name(),
                ctx.options.reason());
    }

    /** The hosts a change (or a recovery change), or a repair under the fix switch, of the plan may run on, in plan order. */
    static List<Host> changeHosts(Plan plan) {
        Map<String, Host> out = new LinkedHashMap<>();
        List<PlannedStep> all = new ArrayList<>(plan.steps());
        all.addAll(plan.recovery());
        for (PlannedStep ps : all) {
            if (ps.step().kind() == StepKind.CHANGE || (!ps.step().repairs().isEmpty() && Repairs.fixOn(plan))) {
                ps.hosts().forEach(h -> out.putIfAbsent(h.name(), h));
            }
        }
        return List.copyOf(out.values());
    }

    /**
     * Before a change step runs on {@code active}: at the run's first change, locks every host a change
     * of the plan may touch, all or nothing; later, locks the hosts that could not be reached then.
     *
     * @return per host that must not run the change, its result (empty: all may go ahead)
     */
    Map<String, HostResult> beforeChange(List<Host> active) {
        Map<String, HostResult> out = new LinkedHashMap<>();
        if (!started) {
            started = true;
            unreachableNow.clear();
            activeNow = active.stream().map(Host::name).collect(java.util.stream.Collectors.toSet());
            refusal = lock(changeHosts(ctx.plan), true);
            activeNow = Set.of();
            if (refusal != null) {
                releaseAll();
            } else {
                out.putAll(unreachableNow);
            }
        }
        if (refusal != null) {
            active.forEach(h -> out.put(h.name(), HostResult.of(h.name(), refusal.outcome(), refusal.message(),
                    refusal.hint())));
            return out;
        }
        for (Host h : active) {
            if (later.remove(h.name())) {
                Refusal r = lock(List.of(h), false);
                if (r != null) {
                    out.put(h.name(), HostResult.of(h.name(), r.outcome(), r.message(), r.hint()));
                }
            }
        }
        return out;
    }

    /** Why the run could not lock its hosts at its first change (it stops there), or null. */
    Refusal refusal() {
        return refusal;
    }

    /** Releases every lock this run holds; never throws. Runs even after an interrupt. */
    void releaseAll() {
        if (ours.isEmpty()) {
            return;
        }
        boolean interrupted = Thread.interrupted();
        try {
            List<Host> hosts = List.copyOf(ours);
            Map<Host, Answer> answers = onEach(hosts, h -> script.release(ctx.runId));
            for (Host h : hosts) {
                Answer a = answers.get(h);
                switch (a.kind()) {
                    case RELEASED -> event(h, "released", null, me);
                    case NOT_OURS -> event(h, "not-released", "the lock was no longer this run's: "
                            + (a.owner() == null ? "another run took it" : a.owner().describe()), a.owner());
                    default -> event(h, "not-released", "could not release the run lock " + script.dir() + ": "
                            + a.detail() + "; it stays until removed (sopctl takes it over once this process has ended, "
                            + "or use --break-lock)", me);
                }
                ours.remove(h);
            }
        } catch (RunInterrupted e) {
            ours.forEach(h -> event(h, "not-released", "interrupted while releasing; the lock is stale once sopctl has"
                    + " exited and the next run from this machine takes it over", me));
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Refusal lock(List<Host> hosts, boolean atStart) {
        Instant deadline = ctx.ticker.now().plus(options.waitFor());
        Set<String> announced = new HashSet<>();
        List<Host> pending = hosts;
        while (true) {
            Map<Host, Answer> answers = onEach(pending, h -> script.take(me));
            Map<Host, Answer> held = new LinkedHashMap<>();
            for (Host h : pending) {
                Answer a = answers.get(h);
                switch (a.kind()) {
                    case TAKEN -> taken(h, "taken", null, me);
                    case OURS -> ours.add(h); // another inventory name for the same machine: this run holds it already
                    case HELD -> {
                        Answer after = takeOverIfStale(h, a.owner());
                        if (after != null) {
                            held.put(h, after);
                        }
                    }
                    case UNREADABLE -> held.put(h, a);
                    default -> {
                        if (atStart && a.detail() != null && a.detail().startsWith(UNREACHABLE)) {
                            String why = a.detail().substring(UNREACHABLE.length());
                            if (activeNow.contains(h.name())) {
                                unreachableNow.put(h.name(), HostResult.of(h.name(), Outcome.UNREACHABLE,
                                        "cannot take the run lock: " + why + "; nothing was changed on it", null));
                            } else {
                                later.add(h.name());
                                ctx.events.notice(null, h.name(), "not locked now: " + why
                                        + "; it is locked before its first change");
                            }
                            continue;
                        }
                        String detail = clean(a.detail());
                        return new Refusal(Outcome.UNKNOWN, h.name() + ": cannot take the run lock " + script.dir()
                                + ": " + detail + nothingChanged(atStart),
                                detail.startsWith("cannot create") || detail.startsWith("cannot write")
                                        ? "the SSH user must be able to create " + script.dir() + " on every host a change"
                                                + " runs on (SOPCTL_LOCK_DIR moves it, for every operator alike)"
                                        : null);
                    }
                }
            }
            if (held.isEmpty()) {
                return null;
            }
            if (options.breakLock()) {
                Refusal declined = breakLocks(held, atStart);
                if (declined != null) {
                    return declined;
                }
                held.entrySet().removeIf(e -> ours.contains(e.getKey()));
                if (held.isEmpty()) {
                    return null;
                }
            }
            Duration left = Duration.between(ctx.ticker.now(), deadline);
            if (left.isNegative() || left.isZero()) {
                held.forEach((h, a) -> event(h, "held", holder(a), a.owner()));
                return locked(held, atStart);
            }
            held.forEach((h, a) -> {
                String key = h.name() + " " + (a.owner() == null ? "?" : a.owner().run());
                if (announced.add(key)) {
                    event(h, "waiting", "waiting up to " + Durations.format(options.waitFor()) + " for the lock: "
                            + holder(a), a.owner());
                }
            });
            try {
                ctx.ticker.sleep(left.compareTo(RunLockOptions.POLL) < 0 ? left : RunLockOptions.POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RunInterrupted();
            }
            pending = List.copyOf(held.keySet());
        }
    }

    /** @return null when the stale lock was taken over; else what holds the host now */
    private Answer takeOverIfStale(Host h, LockOwner owner) {
        Optional<String> gone = options.self().goneBecause(owner);
        if (gone.isEmpty()) {
            return new Answer(Answer.Kind.HELD, null, owner);
        }
        Answer a = one(h, script.takeOver(owner.run(), me));
        if (a.kind() == Answer.Kind.TAKEN) {
            taken(h, "taken-over", "took over the stale lock of " + owner.describe() + ": " + gone.get(), owner);
            return null;
        }
        if (a.kind() == Answer.Kind.OURS) {
            ours.add(h);
            return null;
        }
        // another run was quicker, or the lock changed: judge it again next round
        return a.kind() == Answer.Kind.HELD || a.kind() == Answer.Kind.CHANGED
                ? new Answer(Answer.Kind.HELD, null, a.owner() != null ? a.owner() : owner)
                : new Answer(Answer.Kind.UNREADABLE, a.detail(), null);
    }

    /** Asks once for every held host; approved: breaks them. @return null unless the operator did not approve */
    private Refusal breakLocks(Map<Host, Answer> held, boolean atStart) {
        List<ConfirmRequest.HostCommand> commands = new ArrayList<>();
        held.forEach((h, a) -> commands.add(new ConfirmRequest.HostCommand(h.name(), "rm -r " + script.dir()
                + "   (held by " + holder(a) + ")")));
        List<String> names = held.keySet().stream().map(Host::name).toList();
        String typed = String.join(",", names);
        String prompt = "Break the run lock on " + String.join(", ", names) + "? Another run may still be changing "
                + (names.size() == 1 ? "it" : "them") + "; break only when that run is gone for sure.";
        ConfirmAnswer answer = ctx.confirmer.confirm(new ConfirmRequest("break-lock", "break the run lock", prompt,
                commands, typed));
        ctx.events.emit(new RunEvent.Confirm("break-lock", prompt, names,
                commands.stream().map(c -> c.host() + ": " + c.command()).toList(), typed, answer.transcriptName()));
        if (answer == ConfirmAnswer.INTERRUPTED) {
            throw new RunInterrupted();
        }
        if (!answer.approved()) {
            String why = answer == ConfirmAnswer.NO_TERMINAL ? "breaking a lock needs a confirmation and there is no terminal"
                    : answer == ConfirmAnswer.TYPED_WRONG ? "the typed text did not match '" + typed + "'"
                    : "the operator declined";
            return new Refusal(answer == ConfirmAnswer.NO_TERMINAL ? Outcome.NO_TERMINAL : Outcome.DECLINED,
                    "the run lock was not broken: " + why + "; " + lockedText(held) + nothingChanged(atStart),
                    answer == ConfirmAnswer.NO_TERMINAL ? "run it from a terminal, or add --yes to break it" : null);
        }
        for (Map.Entry<Host, Answer> e : held.entrySet()) {
            LockOwner old = e.getValue().owner();
            Answer a = one(e.getKey(), script.takeOver(old == null ? null : old.run(), me));
            if (a.kind() == Answer.Kind.TAKEN || a.kind() == Answer.Kind.OURS) {
                taken(e.getKey(), "broken", "broke the run lock of " + holder(e.getValue()) + " (--break-lock, confirmed)",
                        old);
            } else {
                e.setValue(a.kind() == Answer.Kind.HELD || a.kind() == Answer.Kind.CHANGED
                        ? new Answer(Answer.Kind.HELD, null, a.owner()) : a);
            }
        }
        return null;
    }

    private static String nothingChanged(boolean atStart) {
        return atStart ? "; nothing was changed" : "; nothing was changed on it";
    }

    private Refusal locked(Map<Host, Answer> held, boolean atStart) {
        return new Refusal(Outcome.LOCKED, lockedText(held) + nothingChanged(atStart),
                (options.waitFor().isZero() ? "wait for it (--wait-lock 10m), or, " : "or, ")
                        + "when that run is gone for sure, break the lock with --break-lock");
    }

    private String lockedText(Map<Host, Answer> held) {
        List<String> parts = new ArrayList<>();
        held.forEach((h, a) -> parts.add(h.name() + " is locked by " + holder(a)));
        return String.join("; ", parts) + (options.waitFor().isZero() ? ""
                : " (waited " + Durations.format(options.waitFor()) + ")");
    }

    private String holder(Answer a) {
        if (a.owner() != null) {
            return a.owner().describe();
        }
        return "an unknown run: " + clean(a.detail()) + " (treated as held)";
    }

    private void taken(Host h, String action, String message, LockOwner owner) {
        ours.add(h);
        event(h, action, message, owner);
    }

    private void event(Host h, String action, String message, LockOwner owner) {
        ctx.events.emit(new RunEvent.Lock(h.name(), action, script.dir(), message, owner == null ? null : owner.asMap()));
    }

    private static final String UNREACHABLE = "unreachable: ";

    private Answer one(Host h, String command) {
        return onEach(List.of(h), x -> command).get(h);
    }

    /** Runs a lock command on each host, in parallel up to --parallel; a transport failure becomes an ERROR answer. */
    private Map<Host, Answer> onEach(List<Host> hosts, Function<Host, String> command) {
        Map<Host, Answer> out = new LinkedHashMap<>();
        if (hosts.size() == 1) {
            out.put(hosts.get(0), run(hosts.get(0), command.apply(hosts.get(0))));
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(hosts.size(), ctx.options.parallel()), r -> {
            Thread t = new Thread(r, "sopctl-lock");
            t.setDaemon(true);
            return t;
        });
        try {
            Map<Host, Future<Answer>> futures = new LinkedHashMap<>();
            hosts.forEach(h -> futures.put(h, pool.submit(() -> run(h, command.apply(h)))));
            for (Map.Entry<Host, Future<Answer>> f : futures.entrySet()) {
                try {
                    out.put(f.getKey(), f.getValue().get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RunInterrupted i) {
                        throw i;
                    }
                    out.put(f.getKey(), new Answer(Answer.Kind.ERROR, String.valueOf(e.getCause()), null));
                }
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunInterrupted();
        } finally {
            pool.shutdownNow();
        }
    }

    private Answer run(Host h, String command) {
        try {
            ExecResult r = ctx.transport.exec(h, new RemoteCommand(command, COMMAND_TIMEOUT), OutputListener.NONE);
            return LockScript.read(r.stdout(), r.stderr(), r.exitStatus());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunInterrupted();
        } catch (TransportException e) {
            RunInterrupted.check();
            boolean unreachable = e.kind() == TransportException.Kind.UNREACHABLE
                    || e.kind() == TransportException.Kind.DISCONNECTED;
            return new Answer(Answer.Kind.ERROR, (unreachable ? UNREACHABLE : "") + e.getMessage(), null);
        }
    }

    private static String clean(String detail) {
        if (detail == null) {
            return "no answer";
        }
        return detail.startsWith(UNREACHABLE) ? detail.substring(UNREACHABLE.length()) : detail;
    }
}
