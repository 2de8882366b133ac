package dev.sopctl.engine;

import dev.sopctl.inventory.Host;
import dev.sopctl.runbook.Step;
import dev.sopctl.transport.Transport;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One run's shared state, read by the parts of the executor: the plan and options, where events go,
 * the values captured per host and published run-wide so far, and the changes made so far.
 * The maps are safe to use from a fan-out's threads.
 */
final class RunContext {
    final String runId;
    final Plan plan;
    final RunOptions options;
    final Transport transport;
    final Confirmer confirmer;
    final Ticker ticker;
    final Emitter events;
    final ModePolicy mode;
    final ChangeLog changes = new ChangeLog();
    /** The run locks on the hosts it may change, or null (--check, or no locking asked for). */
    final RunLocks locks;
    private final Scopes scopes;
    /** Per host name: what its steps captured. A capture may be null ("not found"), so the inner maps are synchronized maps. */
    final Map<String, Map<String, Object>> captured = new ConcurrentHashMap<>();
    /** Run-wide names set by steps' {@code publish}. */
    final Map<String, Object> published = Collections.synchronizedMap(new LinkedHashMap<>());

    RunContext(String runId, Plan plan, RunOptions options, Transport transport, Confirmer confirmer, Ticker ticker,
            Emitter events) {
        this.runId = runId;
        this.plan = plan;
        this.options = options;
        this.transport = transport;
        this.confirmer = confirmer;
        this.ticker = ticker;
        this.events = events;
        this.mode = ModePolicy.of(options.mode());
        this.scopes = new Scopes(plan.inventory(), plan.params(), plan.runbook().vars());
        this.locks = options.locks() != null && mode.makesChanges() ? new RunLocks(this, options.locks()) : null;
    }

    /** What a step without a host (a notice, a run-time target, a publish) sees. */
    Map<String, Object> runVars() {
        return scopes.forRun(captured, published);
    }

    /** What a step on {@code h} sees before its command runs. */
    Map<String, Object> hostVars(Host h) {
        return scopes.forHost(h, captured, published);
    }

    /** Keeps a capture of {@code host} for later steps. */
    void keep(String host, String name, Object value) {
        captured.computeIfAbsent(host, k -> Collections.synchronizedMap(new LinkedHashMap<>())).put(name, value);
    }

    Duration timeoutFor(Step s) {
        if (options.timeoutOverride() != null) {
            return options.timeoutOverride();
        }
        return s.timeout() != null ? s.timeout() : plan.inventory().defaults().commandTimeout();
    }

    String become() {
        return plan.inventory().defaults().become();
    }
}
